"""SPEC §8: a double tap is one order. The old client sends no key: the same body from the same
client within 60 seconds gets the first order's 201 reply again. A sent Idempotency-Key is honoured
as in API v1, with its refusals in the legacy shape and in Bangla."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework_simplejwt.tokens import RefreshToken

from orders.models import Order
from orders.services import cancel_order
from shop.models import Product

from .contract import ORIGIN, POST_JSON
from .test_orders import order_body

pytestmark = pytest.mark.django_db


def post(client, body, **headers):
    return client.post("/api/orders", json.dumps(body), **{**POST_JSON, **headers})


def stock_of(product):
    return Product.objects.get(pk=product.pk).stock


def test_the_same_body_twice_gets_the_first_orders_201_reply_and_makes_one_order(client, rice):
    body = order_body((rice, 2, 420))

    first = post(client, body)
    second = post(client, body)

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert Order.objects.count() == 1 and stock_of(rice) == 8


def test_the_same_client_written_another_way_is_the_same_tap(client, rice):
    first = post(client, order_body((rice, 1, 420)))
    second = post(client, order_body((rice, 1, 420.0), customer_phone="+880 1712-345678"))

    assert second.json()["order"]["id"] == first.json()["order"]["id"]
    assert Order.objects.count() == 1


def test_the_same_body_after_a_minute_is_a_new_order(client, rice):
    body = order_body((rice, 1, 420))
    first = post(client, body)
    Order.objects.update(created_at=timezone.now() - timedelta(seconds=61))

    second = post(client, body)

    assert second.status_code == 201 and second.json()["order"]["id"] != first.json()["order"]["id"]
    assert Order.objects.count() == 2 and stock_of(rice) == 8


@pytest.mark.parametrize(
    "change",
    [
        {"customer_phone": "01812345678"},
        {"delivery_address": "House 14, Road 5, Dhanmondi, Dhaka"},
        {"customer_name": "Ayesha R."},
    ],
)
def test_another_client_or_a_corrected_body_is_a_new_order(client, rice, change):
    post(client, order_body((rice, 1, 420)))

    second = post(client, order_body((rice, 1, 420), **change))

    assert second.status_code == 201 and Order.objects.count() == 2


def test_other_items_or_total_from_the_same_phone_are_a_new_order(client, rice, oil):
    post(client, order_body((rice, 1, 420)))

    more = post(client, order_body((rice, 2, 420)))
    other = post(client, order_body((oil, 1, 185)))

    assert (more.status_code, other.status_code) == (201, 201)
    assert Order.objects.count() == 3


def test_two_accounts_sending_the_same_body_get_their_own_orders(client, user, other_user, rice):
    body = order_body((rice, 1, 420))

    mine = post(client, body, HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    theirs = post(client, body, HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(other_user).access_token}")

    assert mine.json()["order"]["id"] != theirs.json()["order"]["id"]
    assert {order.user for order in Order.objects.all()} == {user, other_user}


def test_after_cancelling_the_same_body_orders_again(client, rice):
    body = order_body((rice, 1, 420))
    first = post(client, body)
    cancel_order(order=Order.objects.get())

    second = post(client, body)

    assert second.json()["order"]["id"] != first.json()["order"]["id"]
    assert Order.objects.filter(status="pending").count() == 1


def test_the_same_idempotency_key_and_body_get_the_first_order(client, rice):
    body = order_body((rice, 1, 420))
    first = post(client, body, HTTP_IDEMPOTENCY_KEY="order-7f3a")
    Order.objects.update(created_at=timezone.now() - timedelta(hours=1))  # a key does not expire

    again = post(client, body, HTTP_IDEMPOTENCY_KEY="order-7f3a")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["order"]["number"] == first.json()["order"]["number"]
    assert Order.objects.count() == 1 and stock_of(rice) == 9


def test_a_new_idempotency_key_is_a_new_order_even_for_the_same_body(client, rice):
    body = order_body((rice, 1, 420))

    post(client, body, HTTP_IDEMPOTENCY_KEY="order-1")
    second = post(client, body, HTTP_IDEMPOTENCY_KEY="order-2")

    assert second.status_code == 201 and Order.objects.count() == 2


def test_the_same_idempotency_key_with_another_body_is_422_in_bangla(client, rice):
    post(client, order_body((rice, 1, 420)), HTTP_IDEMPOTENCY_KEY="order-7f3a")

    reused = post(client, order_body((rice, 2, 420)), HTTP_IDEMPOTENCY_KEY="order-7f3a")

    assert reused.status_code == 422
    assert reused.json() == {
        "error": "অর্ডারটি দেওয়া যায়নি।",
        "details": ["এই Idempotency-Key আগেই অন্য একটি অর্ডারের জন্য ব্যবহার করা হয়েছে।"],
    }
    assert Order.objects.count() == 1 and stock_of(rice) == 9


@pytest.mark.parametrize("key", ["", "has space", "ক" * 3, "x" * 101, "semi;colon"])
def test_a_malformed_idempotency_key_is_400_in_bangla_and_writes_nothing(client, rice, key):
    response = post(client, order_body((rice, 1, 420)), HTTP_IDEMPOTENCY_KEY=key)

    assert response.status_code == 400
    assert set(response.json()) == {"error", "details"}
    assert response.json()["details"] == ["সর্বোচ্চ ১০০টি অক্ষর, অঙ্ক বা _ . : - চিহ্ন ব্যবহার করুন।"]
    assert Order.objects.count() == 0


def test_the_order_preflight_allows_the_idempotency_key(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]

    response = client.options(
        "/api/orders",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, idempotency-key",
    )

    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == ORIGIN
    assert {"content-type", "idempotency-key"} <= set(response["Access-Control-Allow-Headers"].split(", "))


def test_a_replayed_order_keeps_its_total_as_first_placed(client, rice):
    body = order_body((rice, 1, 420))
    post(client, body)
    Product.objects.filter(pk=rice.pk).update(price=Decimal("450.00"))

    again = post(client, body)

    assert again.status_code == 201 and again.json()["order"]["total_amount"] == 480
    assert Order.objects.count() == 1
