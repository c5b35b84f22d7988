"""The shopper's pages: choosing a method at checkout, going to the gateway, the order page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import Order, PaymentStatus
from orders.tests.test_checkout import checkout_form, fill_cart, stock_of
from payments.models import AttemptStatus, PaymentAttempt
from payments.services import start_payment

pytestmark = pytest.mark.django_db


def test_without_gateway_settings_the_checkout_offers_cash_on_delivery_only(client, rice):
    fill_cart(client, (rice, 1))

    form = client.get("/checkout/").context["form"]

    assert [value for value, _label in form.fields["payment_method"].choices] == ["cod"]


def test_configured_gateways_are_offered_beside_cash_on_delivery_which_stays_the_default(
    client, rice, standin
):
    fill_cart(client, (rice, 1))

    response = client.get("/checkout/")

    form = response.context["form"]
    assert [value for value, _label in form.fields["payment_method"].choices] == [
        "cod",
        "bkash",
        "sslcommerz",
    ]
    assert form.initial["payment_method"] == "cod"
    assert "bKash" in response.content.decode()


def test_an_unconfigured_method_is_refused_with_a_message_and_nothing_written(client, rice, settings):
    fill_cart(client, (rice, 1))

    response = client.post("/checkout/", checkout_form(client) | {"payment_method": "bkash"})

    assert response.status_code == 200
    assert response.context["form"].errors["payment_method"]
    assert Order.objects.count() == 0 and stock_of(rice) == 10


@pytest.mark.parametrize(("method", "page"), [("bkash", "/bkash/pay/"), ("sslcommerz", "/sslcommerz/pay/")])
def test_an_online_order_is_placed_with_its_stock_and_the_shopper_sent_to_the_gateway(
    client, rice, standin, method, page, mailoutbox
):
    fill_cart(client, (rice, 2))

    response = client.post("/checkout/", checkout_form(client) | {"payment_method": method})

    order = Order.objects.get()
    attempt = PaymentAttempt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == attempt.redirect_url
    assert response["Location"].startswith(standin.url + page)
    assert (order.payment_method, order.payment_status) == (method, PaymentStatus.AWAITING_PAYMENT)
    assert attempt.amount == order.total == Decimal("900.00")
    assert stock_of(rice) == 8
    assert mailoutbox == []


def test_submitting_the_online_checkout_twice_goes_back_to_the_same_attempt(client, rice, standin):
    fill_cart(client, (rice, 1))
    form = checkout_form(client) | {"payment_method": "bkash"}

    first = client.post("/checkout/", form)
    second = client.post("/checkout/", form)

    assert first["Location"] == second["Location"]
    assert (Order.objects.count(), PaymentAttempt.objects.count()) == (1, 1)


def test_a_gateway_that_cannot_be_reached_at_checkout_leaves_the_order_payable_from_its_page(
    client, rice, standin
):
    fill_cart(client, (rice, 1))
    standin.faults.failing_paths = {"/gwprocess/v4/api.php"}

    response = client.post(
        "/checkout/", checkout_form(client) | {"payment_method": "sslcommerz"}, follow=True
    )

    order = Order.objects.get()
    html = response.content.decode()
    assert response.redirect_chain == [(order.get_absolute_url(), 302)]
    assert "We could not reach the payment service" in html
    assert "Pay now" in html
    assert PaymentAttempt.objects.get().status == AttemptStatus.FAILED
    standin.faults.failing_paths = set()

    pay = client.post(reverse("payments:pay", kwargs={"token": order.token}))

    assert pay["Location"].startswith(f"{standin.url}/sslcommerz/pay/")


def test_the_guest_link_shows_the_payment_state_and_pay_now_starts_a_new_attempt(
    client, online_order, standin
):
    order = online_order("bkash")

    page = client.get(order.get_absolute_url()).content.decode()
    response = client.post(reverse("payments:pay", kwargs={"token": order.token}))

    assert "is waiting for payment" in page and "Awaiting payment" in page and "Pay now" in page
    attempt = PaymentAttempt.objects.get()
    assert response["Location"] == attempt.redirect_url


def test_a_paid_order_page_says_paid_and_offers_no_pay_now(client, online_order, standin):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    client.get(reverse("payments:bkash_callback"), standin.bkash_pay(attempt.gateway_id))

    html = client.get(order.get_absolute_url()).content.decode()
    response = client.post(reverse("payments:pay", kwargs={"token": order.token}), follow=True)

    assert "Paid" in html and "Pay now" not in html and "Thank you!" in html
    assert "is not waiting for a payment" in response.content.decode()
    assert PaymentAttempt.objects.count() == 1


def test_pay_now_for_an_unknown_token_is_a_404_and_needs_a_post(client, online_order, standin):
    order = online_order("bkash")

    assert client.post(reverse("payments:pay", kwargs={"token": "nosuchtoken"})).status_code == 404
    assert client.get(reverse("payments:pay", kwargs={"token": order.token})).status_code == 405
    assert PaymentAttempt.objects.count() == 0


def test_pay_now_for_a_cash_on_delivery_order_changes_nothing(client, place, rice, standin):
    order = place({rice: 1})

    response = client.post(reverse("payments:pay", kwargs={"token": order.token}), follow=True)

    assert "cash on delivery" in response.content.decode()
    assert PaymentAttempt.objects.count() == 0


def test_the_members_order_page_shows_pay_now(client, user, online_order, standin):
    order = online_order("sslcommerz", user=user)
    client.force_login(user)

    html = client.get(reverse("orders:detail", kwargs={"number": order.number})).content.decode()

    assert "Pay now" in html and reverse("payments:pay", kwargs={"token": order.token}) in html


def test_the_bangla_order_page_shows_the_payment_state_in_bangla(client, online_order, standin):
    order = online_order("bkash", language="bn")

    html = client.get(f"/bn/orders/{order.token}/").content.decode()

    assert "পেমেন্টের অপেক্ষায়" in html and "এখনই পেমেন্ট করুন" in html


def test_the_gateway_returns_a_bangla_shopper_to_the_bangla_order_page(client, online_order, standin):
    order = online_order("bkash", language="bn")
    attempt = start_payment(order=order)

    response = client.get(reverse("payments:bkash_callback"), standin.bkash_pay(attempt.gateway_id))

    assert response["Location"] == f"/bn/orders/{order.token}/"


def test_the_sandbox_command_refuses_to_run_without_debug(settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("payment_sandbox", "--port", "0")


def test_make_run_configures_the_shop_with_the_stand_ins_own_credentials():
    from dhakacart.tests.helpers import ROOT
    from payments.standins import BKASH_CREDENTIALS, STORE_ID, STORE_PASSWORD

    makefile = (ROOT / "Makefile").read_text()

    for name, value in {
        "SSLCOMMERZ_STORE_ID": STORE_ID,
        "SSLCOMMERZ_STORE_PASSWORD": STORE_PASSWORD,
        "BKASH_APP_KEY": BKASH_CREDENTIALS["app_key"],
        "BKASH_APP_SECRET": BKASH_CREDENTIALS["app_secret"],
        "BKASH_USERNAME": BKASH_CREDENTIALS["username"],
        "BKASH_PASSWORD": BKASH_CREDENTIALS["password"],
    }.items():
        assert f"run: export {name} ?= {value}\n" in makefile
    assert "manage.py payment_sandbox --port 8010" in makefile


def test_pages_whose_forms_lead_to_a_gateway_allow_its_origin_in_the_csp_form_action(
    client, rice, online_order, standin
):
    fill_cart(client, (rice, 1))
    order = online_order("bkash")

    checkout = client.get("/checkout/")["Content-Security-Policy"]
    order_page = client.get(order.get_absolute_url())["Content-Security-Policy"]
    home = client.get("/")["Content-Security-Policy"]

    for policy in (checkout, order_page):
        form_action = next(part for part in policy.split(";") if "form-action" in part)
        assert "'self'" in form_action and standin.url in form_action and "https://*.bkash.com" in form_action
    assert standin.url not in home


def test_without_gateways_the_checkout_keeps_the_strict_form_action(client, rice):
    fill_cart(client, (rice, 1))

    policy = client.get("/checkout/")["Content-Security-Policy"]

    assert "form-action 'self'" in policy and "bkash" not in policy
