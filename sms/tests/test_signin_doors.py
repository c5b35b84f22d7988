"""Phone sign-in through its doors: the pages (number, then code) and API v1."""

import re

import pytest
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import User
from checkout.cart import DatabaseCart
from checkout.models import Cart
from dhakacart.tests.api import client_for, error_of
from orders.models import Order
from sms.models import PhoneCode, VerifiedPhone

pytestmark = pytest.mark.django_db

PHONE = "+8801812345678"


def last_code(smsoutbox) -> str:
    return re.search(r"\b([0-9]{6})\b", smsoutbox[-1].text).group(1)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- pages ------------------------------------------------------------------------------------


def test_a_guest_signs_in_with_number_and_code_and_keeps_the_cart(client, rice, smsoutbox, commit):
    client.post("/cart/add/", {"product_id": rice.pk, "quantity": 2})
    with commit():
        asked = client.post("/accounts/phone/", {"phone": "018-1234-5678"})

    entered = client.post("/accounts/phone/code/", {"code": last_code(smsoutbox)})

    assert asked.status_code == 302 and asked["Location"] == "/accounts/phone/code/"
    assert entered.status_code == 302 and entered["Location"] == "/accounts/orders/"
    account = User.objects.get(phone=PHONE)
    assert client.session["_auth_user_id"] == str(account.pk)
    assert list(Cart.objects.get(user=account).items.values_list("product_id", "quantity")) == [(rice.pk, 2)]


def test_the_bangla_pages_ask_in_bangla_and_the_code_arrives_in_bangla(client, smsoutbox, commit):
    page = client.get("/bn/accounts/phone/")
    with commit():
        client.post("/bn/accounts/phone/", {"phone": "০১৮১২৩৪৫৬৭৮"})
    code_page = client.get("/bn/accounts/phone/code/")

    assert "মোবাইল নম্বর দিয়ে সাইন ইন করুন" in page.content.decode()
    assert smsoutbox[0].text.startswith("ঢাকাকার্ট সাইন-ইন কোড: ")
    assert "কোডটি লিখুন" in code_page.content.decode()


def test_a_wrong_code_is_shown_on_the_page_and_signs_nobody_in(client, smsoutbox, commit):
    with commit():
        client.post("/accounts/phone/", {"phone": PHONE})
    wrong = f"{(int(last_code(smsoutbox)) + 1) % 10**6:06d}"

    response = client.post("/accounts/phone/code/", {"code": wrong})

    assert response.status_code == 200
    assert "That code is wrong or has expired." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == 0


def test_a_code_that_is_not_six_digits_is_refused_without_counting_a_try(client, smsoutbox, commit):
    with commit():
        client.post("/accounts/phone/", {"phone": PHONE})

    response = client.post("/accounts/phone/code/", {"code": "12ab"})

    assert "Enter the 6 digits of the code we sent by SMS." in response.content.decode()
    assert PhoneCode.objects.get().failed_attempts == 0


def test_the_code_page_without_a_number_sends_back_to_the_number(client):
    assert client.get("/accounts/phone/code/")["Location"] == "/accounts/phone/"
    assert client.post("/accounts/phone/code/", {"code": "123456"})["Location"] == "/accounts/phone/"


def test_the_page_answers_the_same_for_a_number_with_an_account_and_one_without(client, user, commit):
    from django.utils import timezone

    VerifiedPhone.objects.create(user=user, phone=PHONE, verified_at=timezone.now())
    with commit():
        known = client.post("/accounts/phone/", {"phone": PHONE})
        unknown = Client().post("/accounts/phone/", {"phone": "01999999999"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_past_the_limit_the_page_answers_429_with_when_to_try_again(client, smsoutbox, commit):
    with commit():
        for _ in range(3):
            client.post("/accounts/phone/", {"phone": PHONE})

        response = client.post("/accounts/phone/", {"phone": PHONE})

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Too many codes asked for. Please try again in 15 minutes." in response.content.decode()
    assert len(smsoutbox) == 3


def test_a_signed_in_shopper_verifies_a_number_and_finds_its_guest_orders(
    client, user, place, rice, customer, smsoutbox, commit
):
    from dataclasses import replace

    guest_order = place({rice: 1}, customer=replace(customer, phone=PHONE))
    client.force_login(user)
    assert "Mobile number sign-in" in client.get("/accounts/").content.decode()
    with commit():
        client.post("/accounts/phone/", {"phone": PHONE})

    response = client.post("/accounts/phone/code/", {"code": last_code(smsoutbox)}, follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/"
    assert "Your mobile number is verified." in response.content.decode()
    assert Order.objects.get(pk=guest_order.pk).user == user
    assert guest_order.number in client.get("/accounts/orders/").content.decode()


def test_the_sign_in_page_offers_the_mobile_number(client):
    assert 'href="/accounts/phone/"' in client.get("/accounts/login/").content.decode()


# --- API v1 -----------------------------------------------------------------------------------


def test_the_api_sends_a_code_then_trades_it_for_the_token_pair(api_client, smsoutbox, commit):
    with commit():
        asked = api_client.post("/api/v1/auth/otp/request/", {"phone": "01812345678"})

    verified = api_client.post("/api/v1/auth/otp/verify/", {"phone": PHONE, "code": last_code(smsoutbox)})

    assert asked.status_code == 202 and asked.json() == {"expires_in": 300}
    assert verified.status_code == 200 and set(verified.json()) == {"access", "refresh"}
    account = User.objects.get(phone=PHONE)
    assert AccessToken(verified.json()["access"])["user_id"] == str(account.pk)
    me = api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Bearer {verified.json()['access']}")
    assert me.status_code == 200 and me.json()["phone"] == PHONE


def test_the_api_refuses_a_wrong_code_with_invalid_code(api_client, smsoutbox, commit):
    with commit():
        api_client.post("/api/v1/auth/otp/request/", {"phone": PHONE})
    wrong = f"{(int(last_code(smsoutbox)) + 1) % 10**6:06d}"

    response = api_client.post("/api/v1/auth/otp/verify/", {"phone": PHONE, "code": wrong})

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_code"
    assert User.objects.count() == 0


def test_the_api_refuses_the_fourth_code_with_429_and_retry_after(api_client, smsoutbox, commit):
    with commit():
        for _ in range(3):
            assert api_client.post("/api/v1/auth/otp/request/", {"phone": PHONE}).status_code == 202

        response = api_client.post("/api/v1/auth/otp/request/", {"phone": PHONE})

    assert response.status_code == 429
    assert error_of(response)["code"] == "code_limit"
    assert response["Retry-After"] == "900"
    assert len(smsoutbox) == 3


def test_the_api_answers_the_same_for_a_known_and_an_unknown_number(api_client, user, commit):
    from django.utils import timezone

    VerifiedPhone.objects.create(user=user, phone=PHONE, verified_at=timezone.now())
    with commit():
        known = api_client.post("/api/v1/auth/otp/request/", {"phone": PHONE})
        unknown = api_client.post("/api/v1/auth/otp/request/", {"phone": "01999999999"})

    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())


def test_a_signed_in_app_adds_the_number_to_its_account(user, smsoutbox, commit):
    app = client_for(user)
    with commit():
        app.post("/api/v1/auth/otp/request/", {"phone": PHONE})

    response = app.post("/api/v1/auth/otp/verify/", {"phone": PHONE, "code": last_code(smsoutbox)})

    assert response.status_code == 200
    assert VerifiedPhone.objects.get(phone=PHONE).user == user
    assert User.objects.count() == 1


def test_the_api_speaks_bangla_when_asked(api_client, smsoutbox, commit):
    with commit():
        api_client.post("/api/v1/auth/otp/request/", {"phone": PHONE}, HTTP_ACCEPT_LANGUAGE="bn")

    response = api_client.post(
        "/api/v1/auth/otp/verify/", {"phone": PHONE, "code": "000000"}, HTTP_ACCEPT_LANGUAGE="bn"
    )

    assert smsoutbox[0].text.startswith("ঢাকাকার্ট")
    assert error_of(response)["code"] == "invalid_code"
    assert "কোড" in error_of(response)["message"]


# --- without SMS, and accounts made by phone ---------------------------------------------------


def test_without_sms_there_is_no_phone_sign_in(client, api_client, settings):
    settings.SMS_BACKEND = "none"

    assert client.get("/accounts/phone/").status_code == 404
    assert client.post("/accounts/phone/", {"phone": PHONE}).status_code == 404
    assert 'href="/accounts/phone/"' not in client.get("/accounts/login/").content.decode()
    response = api_client.post("/api/v1/auth/otp/request/", {"phone": PHONE})
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert PhoneCode.objects.count() == 0


def test_an_account_made_by_phone_is_shown_by_its_number_never_its_placeholder_address(
    client, smsoutbox, commit
):
    with commit():
        client.post("/accounts/phone/", {"phone": PHONE})
    client.post("/accounts/phone/code/", {"code": last_code(smsoutbox)})

    page = client.get("/accounts/").content.decode()

    assert "phone.invalid" not in page
    assert f"Hello, {PHONE}" in page
    assert "phone.invalid" not in client.get("/checkout/").content.decode()


def test_the_api_code_sign_in_merges_the_apps_guest_cart_once(api_client, rice, smsoutbox, commit):
    added = api_client.post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 2}, format="json")
    token = added["Cart-Token"]
    with commit():
        api_client.post("/api/v1/auth/otp/request/", {"phone": PHONE})
    code = last_code(smsoutbox)

    verified = api_client.post(
        "/api/v1/auth/otp/verify/", {"phone": PHONE, "code": code}, HTTP_CART_TOKEN=token
    )
    with commit():
        api_client.post("/api/v1/auth/otp/request/", {"phone": PHONE})
    again = api_client.post(
        "/api/v1/auth/otp/verify/", {"phone": PHONE, "code": last_code(smsoutbox)}, HTTP_CART_TOKEN=token
    )

    assert verified.status_code == 200 and again.status_code == 200
    account = User.objects.get(phone=PHONE)
    assert DatabaseCart(account).quantities() == {rice.pk: 2}  # merged once, not twice
