"""Two sign-ins with one Cart-Token, and two orders of one guest cart, at the same moment."""

import pytest
from rest_framework.test import APIClient

from checkout.cart import DatabaseCart
from checkout.models import GuestCart
from dhakacart.tests.races import run_at_once
from orders.models import Order
from shop.models import Product

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-Strong-passw0rd"
GUEST_CONTACT = {
    "customer_name": "Ayesha Rahman",
    "customer_email": "ayesha@example.com",
    "customer_phone": "01712345678",
    "address_line": "House 12, Road 5",
    "area": "Dhanmondi",
    "city": "Dhaka",
}


def lamp_cart(lamp, quantity) -> str:
    response = APIClient().post(
        "/api/v1/cart/items/", {"product_id": lamp.pk, "quantity": quantity}, format="json"
    )
    return response["Cart-Token"]


def test_two_sign_ins_with_one_cart_token_at_once_merge_it_once(lamp, django_user_model):
    user = django_user_model.objects.create_user(
        email="rahim@example.com", password=PASSWORD, full_name="Rahim"
    )
    token = lamp_cart(lamp, 2)

    def sign_in():
        return APIClient().post(
            "/api/v1/auth/token/",
            {"email": user.email, "password": PASSWORD},
            format="json",
            HTTP_CART_TOKEN=token,
        )

    responses = run_at_once([sign_in, sign_in])

    assert [response.status_code for response in responses] == [200, 200]
    assert DatabaseCart(user).quantities() == {lamp.pk: 2}
    assert GuestCart.objects.get().closed == "merged"


def test_two_orders_of_one_guest_cart_at_once_make_one_order(lamp):
    token = lamp_cart(lamp, 1)

    def order():
        return APIClient().post("/api/v1/orders/", GUEST_CONTACT, format="json", HTTP_CART_TOKEN=token)

    responses = run_at_once([order, order])

    assert sorted(response.status_code for response in responses) == [201, 404]
    refused = next(response for response in responses if response.status_code == 404)
    assert refused.json()["error"]["code"] == "cart_ordered"
    assert Order.objects.count() == 1
    assert Product.objects.get(pk=lamp.pk).stock == 4


def test_two_orders_of_one_guest_cart_with_one_idempotency_key_return_one_order(lamp):
    token = lamp_cart(lamp, 1)

    def order():
        return APIClient().post(
            "/api/v1/orders/",
            GUEST_CONTACT,
            format="json",
            HTTP_CART_TOKEN=token,
            HTTP_IDEMPOTENCY_KEY="tap-twice",
        )

    responses = run_at_once([order, order])

    assert sorted(response.status_code for response in responses) == [200, 201]
    assert len({response.json()["number"] for response in responses}) == 1
    assert Order.objects.count() == 1
