"""With SMS on, the phone is how the shop reaches a shopper: e-mail becomes optional at every
door that takes an order (the page without JavaScript, API v1); the legacy door keeps its contract."""

import json

import pytest

from legacy_api.tests.contract import POST_JSON
from legacy_api.tests.test_orders import order_body
from orders.models import Order
from orders.tests.test_api import body, item
from orders.tests.test_checkout import checkout_form, fill_cart

pytestmark = pytest.mark.django_db


def test_a_guest_checks_out_on_the_page_with_only_a_phone_and_gets_sms_but_no_email(
    client, rice, mailoutbox, smsoutbox, django_capture_on_commit_callbacks
):
    fill_cart(client, (rice, 1))
    form = {**checkout_form(client), "email": ""}  # a plain form post: no JavaScript involved

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/checkout/", form, follow=True)

    order = Order.objects.get()
    assert order.email == ""
    assert mailoutbox == []
    assert [sms.to for sms in smsoutbox] == ["+8801712345678"]
    assert order.number in smsoutbox[0].text
    assert "We send the order's news by SMS to +8801712345678." in response.content.decode()


def test_an_email_given_at_checkout_still_gets_the_confirmation(
    client, rice, mailoutbox, smsoutbox, django_capture_on_commit_callbacks
):
    fill_cart(client, (rice, 1))

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/checkout/", checkout_form(client))

    assert [message.to for message in mailoutbox] == [["karim@example.com"]]
    assert len(smsoutbox) == 1


def test_the_page_says_the_email_is_optional_and_still_requires_the_phone(client, rice):
    fill_cart(client, (rice, 1))

    response = client.post("/checkout/", {**checkout_form(client), "email": "", "phone": ""})

    page = response.content.decode()
    assert "Optional: we also send the order confirmation here." in page
    assert response.context["form"].errors == {"phone": ["This field is required."]}
    assert Order.objects.count() == 0


def test_without_sms_the_page_requires_the_email_again(client, rice, settings):
    settings.SMS_BACKEND = "none"
    fill_cart(client, (rice, 1))

    response = client.post("/checkout/", {**checkout_form(client), "email": ""})

    assert response.context["form"].errors == {"email": ["This field is required."]}
    assert Order.objects.count() == 0


def test_api_v1_takes_a_guest_order_without_an_email(
    api_client, rice, mailoutbox, smsoutbox, django_capture_on_commit_callbacks
):
    guest = body(item(rice))
    del guest["customer_email"]

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post("/api/v1/orders/", guest)

    assert response.status_code == 201
    assert response.json()["customer_email"] == ""
    assert mailoutbox == [] and len(smsoutbox) == 1


def test_api_v1_without_sms_refuses_a_guest_order_without_an_email(api_client, rice, settings):
    settings.SMS_BACKEND = "none"

    response = api_client.post("/api/v1/orders/", body(item(rice), customer_email=""))

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["customer_email"]
    assert Order.objects.count() == 0


def test_the_legacy_door_still_requires_the_email(client, rice):
    legacy = order_body((rice, 1, 420.0))
    del legacy["customer_email"]

    response = client.post("/api/orders", json.dumps(legacy), **POST_JSON)

    assert response.status_code == 400
    assert Order.objects.count() == 0
