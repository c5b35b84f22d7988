"""Legacy orders racing for the last units on real threads with their own PostgreSQL connections."""

import json

import pytest
from django.test import Client

from dhakacart.tests.races import run_at_once
from orders.models import Order
from shop.models import Product

from .contract import POST_JSON

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def order_body(lamp, *, quantity: int = 1, phone: str = "01712345678") -> str:
    """The old client's order body for `quantity` lamps at ৳350 each."""
    return json.dumps(
        {
            "customer_name": "Ayesha Rahman",
            "customer_email": "ayesha@example.com",
            "customer_phone": phone,
            "delivery_address": "House 12, Road 5, Dhanmondi, Dhaka",
            "items": [{"product_id": lamp.pk, "quantity": quantity, "price": 350}],
            "total_amount": 350 * quantity,
        }
    )


def test_twenty_parallel_legacy_orders_for_five_units_make_five_orders_and_fifteen_409s(lamp):
    # Twenty shoppers: the same body from one phone would be one double-tapped order.
    bodies = [order_body(lamp, phone=f"0171234{shopper:04d}") for shopper in range(20)]

    responses = run_at_once(
        [lambda body=body: Client().post("/api/orders", body, **POST_JSON) for body in bodies]
    )

    assert sorted(response.status_code for response in responses) == [201] * 5 + [409] * 15
    refusals = [response.json() for response in responses if response.status_code == 409]
    assert all(refusal["stock"][0]["product_id"] == lamp.pk for refusal in refusals)
    assert all(refusal["details"] == ["Hurricane lamp স্টকে নেই।"] for refusal in refusals)
    assert Order.objects.count() == 5
    assert Product.objects.get(pk=lamp.pk).stock == 0


def test_a_double_tap_arriving_twice_at_the_same_moment_makes_one_order(lamp):
    body = order_body(lamp, quantity=2)

    for _attempt in range(3):  # three rounds, each two taps released by one barrier
        Order.objects.all().delete()
        Product.objects.filter(pk=lamp.pk).update(stock=5)
        taps = run_at_once([lambda: Client().post("/api/orders", body, **POST_JSON)] * 2)

        assert [tap.status_code for tap in taps] == [201, 201]
        assert taps[0].json() == taps[1].json()
        assert Order.objects.count() == 1
        assert Product.objects.get(pk=lamp.pk).stock == 3


def test_a_retry_with_its_idempotency_key_at_the_same_moment_makes_one_order(lamp):
    body = order_body(lamp)

    def tap():
        return Client().post("/api/orders", body, HTTP_IDEMPOTENCY_KEY="tap-1", **POST_JSON)

    taps = run_at_once([tap] * 4)

    assert [tap.status_code for tap in taps] == [201] * 4
    assert len({tap.json()["order"]["id"] for tap in taps}) == 1
    assert Order.objects.count() == 1 and Product.objects.get(pk=lamp.pk).stock == 4
