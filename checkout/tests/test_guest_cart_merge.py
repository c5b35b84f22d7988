"""An app guest's cart merges into the member's cart on every sign-in door, exactly once."""

from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import User
from checkout.cart import DatabaseCart, GuestDatabaseCart
from checkout.guest_carts import merge_guest_cart
from checkout.models import GuestCart
from checkout.tokens import read_cart_token
from dhakacart.tests.api import client_for, error_of
from promotions.tests.factories import fixed

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-passw0rd"


def guest_cart_with(api_client, quantities: dict) -> str:
    token = None
    for product, quantity in quantities.items():
        headers = {"HTTP_CART_TOKEN": token} if token else {}
        response = api_client.post(
            "/api/v1/cart/items/", {"product_id": product.pk, "quantity": quantity}, format="json", **headers
        )
        assert response.status_code == 201, response.json()
        token = response["Cart-Token"]
    return token


def sign_in(api_client, user, token):
    return api_client.post(
        "/api/v1/auth/token/",
        {"email": user.email, "password": PASSWORD},
        format="json",
        HTTP_CART_TOKEN=token,
    )


def test_token_sign_in_adds_the_guest_cart_to_the_members_cart(api_client, user, rice, oil):
    DatabaseCart(user).set_quantity(rice.pk, 2)
    token = guest_cart_with(api_client, {rice: 3, oil: 1})

    response = sign_in(api_client, user, token)

    assert response.status_code == 200 and set(response.json()) == {"access", "refresh"}
    assert DatabaseCart(user).quantities() == {rice.pk: 5, oil.pk: 1}
    guest = GuestCart.objects.get(key=read_cart_token(token))
    assert (guest.closed, guest.merged_into_id, guest.items.count()) == ("merged", user.pk, 0)


def test_the_member_reads_the_merged_cart_with_the_new_access_token(api_client, user, rice):
    token = guest_cart_with(api_client, {rice: 2})
    access = sign_in(api_client, user, token).json()["access"]

    cart = APIClient().get("/api/v1/cart/", HTTP_AUTHORIZATION=f"Bearer {access}")

    assert cart.json()["unit_count"] == 2 and "Cart-Token" not in cart


def test_signing_in_again_with_the_same_token_merges_nothing_more(api_client, user, rice):
    token = guest_cart_with(api_client, {rice: 2})
    sign_in(api_client, user, token)

    again = sign_in(api_client, user, token)

    assert again.status_code == 200
    assert DatabaseCart(user).quantities() == {rice.pk: 2}


def test_register_with_a_cart_token_starts_the_account_with_that_cart(api_client, rice):
    token = guest_cart_with(api_client, {rice: 2})

    response = api_client.post(
        "/api/v1/auth/register/",
        {
            "email": "nadia@example.com",
            "full_name": "Nadia Islam",
            "phone": "01812345678",
            "password": PASSWORD,
        },
        format="json",
        HTTP_CART_TOKEN=token,
    )

    assert response.status_code == 201
    assert DatabaseCart(User.objects.get(email="nadia@example.com")).quantities() == {rice.pk: 2}


def test_the_sign_in_page_merges_a_cart_token_sent_with_it(api_client, user, rice):
    token = guest_cart_with(api_client, {rice: 1})
    page = Client()

    page.post("/accounts/login/", {"username": user.email, "password": PASSWORD}, HTTP_CART_TOKEN=token)

    assert DatabaseCart(user).quantities() == {rice.pk: 1}
    assert GuestCart.objects.get().closed == "merged"


def test_the_sign_in_page_still_merges_the_session_cart(user, rice):
    page = Client()
    page.post("/cart/add/", {"product_id": rice.pk, "quantity": 2})

    page.post("/accounts/login/", {"username": user.email, "password": PASSWORD})

    assert DatabaseCart(user).quantities() == {rice.pk: 2}


def test_a_merge_is_capped_by_the_stock_and_says_so_on_the_page(api_client, user, make_product):
    saree = make_product(name="Jamdani Saree", stock=4)
    DatabaseCart(user).set_quantity(saree.pk, 3)
    token = guest_cart_with(api_client, {saree: 3})

    notes = merge_guest_cart(user=user, token=token)

    assert DatabaseCart(user).quantities() == {saree.pk: 4}
    assert notes == ["You now have 4 of Jamdani Saree in your cart: that is as many as we can sell you."]


def test_a_merged_token_no_longer_reaches_the_lines_as_a_guest(api_client, user, rice):
    token = guest_cart_with(api_client, {rice: 2})
    sign_in(api_client, user, token)

    as_guest = APIClient().get("/api/v1/cart/", HTTP_CART_TOKEN=token)
    order = APIClient().post(
        "/api/v1/orders/",
        {
            "customer_name": "Thief",
            "customer_email": "t@example.com",
            "customer_phone": "01712345678",
            "address_line": "X",
            "area": "Gulshan",
            "city": "Dhaka",
        },
        format="json",
        HTTP_CART_TOKEN=token,
    )

    assert as_guest.status_code == 404 and error_of(as_guest)["code"] == "cart_merged"
    assert order.status_code == 404 and error_of(order)["code"] == "cart_merged"
    assert DatabaseCart(user).quantities() == {rice.pk: 2}


def test_another_member_signing_in_with_a_merged_token_gets_nothing(api_client, user, other_user, rice):
    token = guest_cart_with(api_client, {rice: 2})
    sign_in(api_client, user, token)

    response = sign_in(APIClient(), other_user, token)

    assert response.status_code == 200
    assert DatabaseCart(other_user).quantities() == {}
    assert DatabaseCart(user).quantities() == {rice.pk: 2}


def test_a_signed_in_member_cannot_reach_a_guest_cart_with_its_token(api_client, user, rice):
    token = guest_cart_with(api_client, {rice: 2})

    response = client_for(user).get("/api/v1/cart/", HTTP_CART_TOKEN=token)

    assert response.json()["unit_count"] == 0
    assert GuestDatabaseCart(read_cart_token(token)).quantities() == {rice.pk: 2}


@pytest.mark.parametrize("token", ["forged", "x" * 500])
def test_a_sign_in_with_a_bad_cart_token_still_signs_in_and_merges_nothing(api_client, user, rice, token):
    response = sign_in(api_client, user, token)

    assert response.status_code == 200
    assert DatabaseCart(user).quantities() == {}


def test_a_failed_sign_in_merges_nothing(api_client, user, rice):
    token = guest_cart_with(api_client, {rice: 2})

    response = api_client.post(
        "/api/v1/auth/token/",
        {"email": user.email, "password": "wrong"},
        format="json",
        HTTP_CART_TOKEN=token,
    )

    assert response.status_code == 401
    assert GuestCart.objects.get().closed == ""
    assert DatabaseCart(user).quantities() == {}


def test_the_members_voucher_wins_over_the_guests(api_client, user, rice):
    fixed(code="MEMBER50", amount=Decimal("50.00"))
    fixed(code="GUEST100", amount=Decimal("100.00"))
    DatabaseCart(user).set_quantity(rice.pk, 1)
    DatabaseCart(user).set_voucher_code("MEMBER50")
    token = guest_cart_with(api_client, {rice: 1})
    api_client.post("/api/v1/cart/voucher/", {"code": "GUEST100"}, format="json", HTTP_CART_TOKEN=token)

    sign_in(api_client, user, token)

    assert DatabaseCart(user).voucher_code() == "MEMBER50"


def test_the_guests_voucher_comes_along_into_a_cart_without_one(api_client, user, rice):
    fixed(code="GUEST100", amount=Decimal("100.00"))
    token = guest_cart_with(api_client, {rice: 1})
    api_client.post("/api/v1/cart/voucher/", {"code": "GUEST100"}, format="json", HTTP_CART_TOKEN=token)

    access = sign_in(api_client, user, token).json()["access"]
    cart = APIClient().get("/api/v1/cart/", HTTP_AUTHORIZATION=f"Bearer {access}").json()

    assert (cart["voucher_code"], cart["discount"]) == ("GUEST100", "100.00")
