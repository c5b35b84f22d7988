"""Real threads with their own PostgreSQL connections redeeming the same voucher at once."""

from dataclasses import replace
from decimal import Decimal

import pytest

from orders.exceptions import InvalidTransition, VoucherUnavailable
from orders.models import Order
from orders.services import OrderLine, cancel_order, place_order
from orders.tests.test_concurrency import make_products, run_at_once
from promotions.models import Voucher

from .factories import VoucherFactory

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_twenty_shoppers_for_the_last_five_uses_make_exactly_five_discounted_orders(customer):
    # One product each: nothing but the voucher row is shared, so only its lock keeps count.
    products = make_products(*[10] * 20)
    voucher = VoucherFactory(code="LAST5", percent=Decimal("20"), total_uses=10, times_used=5)
    shoppers = [replace(customer, phone=f"+88017{n:08d}") for n in range(20)]

    results = run_at_once(
        [
            lambda shopper=shopper, product=product: place_order(
                lines=[OrderLine(product.pk, 1)], customer=shopper, voucher_code="last5"
            )
            for shopper, product in zip(shoppers, products, strict=True)
        ]
    )

    orders = [result for result in results if isinstance(result, Order)]
    refusals = [result for result in results if isinstance(result, VoucherUnavailable)]
    assert len(orders) == 5 and len(refusals) == 15, results
    assert all(order.discount == Decimal("10.00") and order.total == Decimal("100.00") for order in orders)
    assert all(refusal.extra["reason"] == "voucher_used_up" for refusal in refusals)
    assert all(refusal.message.startswith("Promo code LAST5 has been used up.") for refusal in refusals)
    assert Voucher.objects.get(pk=voucher.pk).times_used == 10
    assert Order.objects.filter(voucher=voucher).count() == 5
    assert Order.objects.count() == 5  # the refused wrote nothing


def test_one_customer_submitting_twice_at_once_gets_the_discount_once(customer):
    first, second = make_products(10, 10)  # different products: only the voucher row is shared
    voucher = VoucherFactory(code="ONCEONLY", uses_per_customer=1)

    results = run_at_once(
        [
            lambda: place_order(lines=[OrderLine(first.pk, 1)], customer=customer, voucher_code="ONCEONLY"),
            lambda: place_order(lines=[OrderLine(second.pk, 1)], customer=customer, voucher_code="ONCEONLY"),
        ]
    )

    orders = [result for result in results if isinstance(result, Order)]
    refusals = [result for result in results if isinstance(result, VoucherUnavailable)]
    assert len(orders) == 1 and len(refusals) == 1, results
    assert refusals[0].extra["reason"] == "voucher_already_used"
    assert Voucher.objects.get(pk=voucher.pk).times_used == 1


def test_cancelling_twice_at_once_gives_one_use_back(customer):
    [kettle] = make_products(10)
    voucher = VoucherFactory(code="BACKONCE", total_uses=3)
    order = place_order(lines=[OrderLine(kettle.pk, 2)], customer=customer, voucher_code="BACKONCE")
    place_order(
        lines=[OrderLine(kettle.pk, 1)],
        customer=replace(customer, phone="+8801999999999"),
        voucher_code="BACKONCE",
    )

    results = run_at_once([lambda: cancel_order(order=order)] * 2)

    assert sorted(type(result).__name__ for result in results) == ["InvalidTransition", "Order"]
    assert any(isinstance(result, InvalidTransition) for result in results)
    assert Voucher.objects.get(pk=voucher.pk).times_used == 1
