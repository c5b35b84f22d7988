"""API v1 orders racing each other on real threads with their own PostgreSQL connections."""

import pytest
from rest_framework.test import APIClient

from dhakacart.tests.races import run_at_once
from orders.models import Order
from shop.models import Product

from .test_api import GUEST

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def order_lamp(lamp, **headers):
    def post():
        return APIClient().post(
            "/api/v1/orders/", {**GUEST, "items": [{"product_id": lamp.pk, "quantity": 1}]}, **headers
        )

    return post


def test_twenty_parallel_api_orders_for_five_units_make_five_orders_and_fifteen_clean_409s(lamp):
    responses = run_at_once([order_lamp(lamp)] * 20)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] * 5 + [409] * 15
    refusals = [response.json()["error"] for response in responses if response.status_code == 409]
    assert {error["code"] for error in refusals} == {"out_of_stock"}
    assert all(error["fields"]["lines"][0]["product_id"] == lamp.pk for error in refusals)
    assert Order.objects.count() == 5
    assert Product.objects.get(pk=lamp.pk).stock == 0


def test_two_parallel_requests_with_one_idempotency_key_make_one_order(lamp):
    responses = run_at_once([order_lamp(lamp, HTTP_IDEMPOTENCY_KEY="tap-twice")] * 2)

    assert sorted(response.status_code for response in responses) == [200, 201]
    assert len({response.json()["number"] for response in responses}) == 1
    assert Order.objects.count() == 1
    assert Product.objects.get(pk=lamp.pk).stock == 4
