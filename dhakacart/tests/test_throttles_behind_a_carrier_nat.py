"""API v1 limits for shoppers who share one mobile-carrier address (SPEC §7, §17)."""

import pytest
from rest_framework.test import APIClient

from dhakacart.tests.api import client_for, error_of

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-passw0rd"


@pytest.fixture
def rates(settings):
    def set_rates(**rates):
        settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, **rates}

    return set_rates


def new_guest_token(rice) -> str:
    response = APIClient().post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 1}, format="json")
    return response["Cart-Token"]


def test_two_app_guests_behind_one_address_each_have_their_own_limit(rates, rice):
    first, second = new_guest_token(rice), new_guest_token(rice)
    rates(anon="3/min")

    mine = [APIClient().get("/api/v1/products/", HTTP_CART_TOKEN=first).status_code for _ in range(4)]
    theirs = APIClient().get("/api/v1/products/", HTTP_CART_TOKEN=second)

    assert mine == [200, 200, 200, 429]
    assert theirs.status_code == 200


def test_a_throttled_guest_is_told_when_to_try_again(rates, rice):
    token = new_guest_token(rice)
    rates(anon="1/min")
    APIClient().get("/api/v1/cart/", HTTP_CART_TOKEN=token)

    refused = APIClient().get("/api/v1/cart/", HTTP_CART_TOKEN=token)

    assert refused.status_code == 429 and error_of(refused)["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0


def test_guests_without_a_token_meet_only_the_address_ceiling(rates, rice):
    rates(anon="2/min", anon_address="5/min")

    statuses = [APIClient().get("/api/v1/products/").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_new_tokens_do_not_lift_the_address_ceiling(rates, rice):
    rates(anon="100/min", anon_address="4/min")
    tokens = [new_guest_token(rice) for _ in range(2)]  # two requests of the four

    statuses = [
        APIClient().get("/api/v1/products/", HTTP_CART_TOKEN=token).status_code for token in tokens * 2
    ]

    assert statuses == [200, 200, 429, 429]


def test_a_forged_token_is_counted_with_the_address_not_a_limit_of_its_own(rates, rice):
    rates(anon="100/min", anon_address="3/min")

    statuses = [
        APIClient().get("/api/v1/products/", HTTP_CART_TOKEN=f"forged-{number}").status_code
        for number in range(4)
    ]

    assert statuses == [200, 200, 200, 429]


def test_the_defaults_are_spec_17s(settings):
    assert settings.API_THROTTLE_RATES["anon"] == "120/min"
    assert settings.API_THROTTLE_RATES["anon_address"] == "1200/min"


def test_signed_in_shoppers_behind_one_address_are_counted_per_account(rates, user, other_user, rice):
    rates(user="2/min", anon_address="1/min")

    mine = [client_for(user).get("/api/v1/cart/").status_code for _ in range(3)]
    theirs = client_for(other_user).get("/api/v1/cart/")

    assert mine == [200, 200, 429]
    assert theirs.status_code == 200


def test_sign_ins_behind_one_address_are_counted_per_account(rates, user, other_user):
    rates(login="2/min")

    def sign_in(account, password=PASSWORD):
        return (
            APIClient()
            .post("/api/v1/auth/token/", {"email": account.email, "password": password}, format="json")
            .status_code
        )

    mine = [sign_in(user, "wrong") for _ in range(3)]
    theirs = sign_in(other_user)

    assert mine == [401, 401, 429]
    assert theirs == 200


def test_a_sign_in_with_the_email_in_another_case_counts_for_the_same_account(rates, user):
    rates(login="1/min")
    APIClient().post("/api/v1/auth/token/", {"email": user.email, "password": "wrong"}, format="json")

    again = APIClient().post(
        "/api/v1/auth/token/", {"email": user.email.upper(), "password": "x"}, format="json"
    )

    assert again.status_code == 429


def test_guest_orders_behind_one_address_are_counted_per_cart_token(rates, rice, oil):
    contact = {
        "customer_name": "Ayesha Rahman",
        "customer_email": "ayesha@example.com",
        "customer_phone": "01712345678",
        "address_line": "House 12, Road 5",
        "area": "Dhanmondi",
        "city": "Dhaka",
    }
    first, second = new_guest_token(rice), new_guest_token(oil)
    rates(orders="1/min")

    mine = APIClient().post("/api/v1/orders/", contact, format="json", HTTP_CART_TOKEN=first)
    theirs = APIClient().post("/api/v1/orders/", contact, format="json", HTTP_CART_TOKEN=second)
    mine_again = APIClient().post(
        "/api/v1/orders/",
        {**contact, "items": [{"product_id": rice.pk, "quantity": 1}]},
        format="json",
        HTTP_CART_TOKEN=first,
    )

    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine_again.status_code == 429


def test_orders_of_signed_in_shoppers_behind_one_address_are_counted_per_account(
    rates, user, other_user, rice
):
    rates(orders="1/min")
    body = {
        "customer_name": "Rahim Uddin",
        "customer_phone": "01712345678",
        "address_line": "House 12, Road 5",
        "area": "Dhanmondi",
        "city": "Dhaka",
        "items": [{"product_id": rice.pk, "quantity": 1}],
    }

    mine = [client_for(user).post("/api/v1/orders/", body, format="json").status_code for _ in range(2)]
    theirs = client_for(other_user).post("/api/v1/orders/", body, format="json")

    assert mine == [201, 429]
    assert theirs.status_code == 201
