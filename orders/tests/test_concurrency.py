"""Real threads with their own PostgreSQL connections racing for the same rows."""

from decimal import Decimal

import pytest

from dhakacart.tests.races import run_at_once
from orders.exceptions import InvalidTransition, OutOfStock
from orders.models import Order, OrderStatus
from orders.services import OrderLine, cancel_order_as_shopper, confirm_order, place_order
from shop.models import Category, Product

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def make_products(*stocks):
    category = Category.objects.create(name="Race", slug="race")
    return [
        Product.objects.create(
            name=f"Item {n}",
            slug=f"item-{n}",
            sku=f"DC-RACE-{n}",
            category=category,
            price=Decimal("50.00"),
            stock=s,
        )
        for n, s in enumerate(stocks)
    ]


def test_twenty_buyers_for_five_units_make_exactly_five_orders(customer):
    [lamp] = make_products(5)

    results = run_at_once([lambda: place_order(lines=[OrderLine(lamp.pk, 1)], customer=customer)] * 20)

    orders = [r for r in results if isinstance(r, Order)]
    refusals = [r for r in results if isinstance(r, OutOfStock)]
    assert len(orders) == 5
    assert len(refusals) == 15
    assert all(refusal.message == "Item 0 is out of stock." for refusal in refusals)
    assert Product.objects.get(pk=lamp.pk).stock == 0
    assert Order.objects.count() == 5


def test_orders_taking_the_same_products_in_opposite_order_do_not_deadlock(customer):
    first, second = make_products(100, 100)
    forwards = [OrderLine(first.pk, 1), OrderLine(second.pk, 1)]
    backwards = [OrderLine(second.pk, 1), OrderLine(first.pk, 1)]

    results = run_at_once(
        [
            lambda: place_order(lines=forwards, customer=customer),
            lambda: place_order(lines=backwards, customer=customer),
        ]
        * 5
    )

    assert all(isinstance(result, Order) for result in results), results
    assert Product.objects.get(pk=first.pk).stock == 90
    assert Product.objects.get(pk=second.pk).stock == 90


def test_a_double_submit_racing_itself_makes_one_order(customer):
    [kettle] = make_products(10)

    def submit():
        return place_order(
            lines=[OrderLine(kettle.pk, 2)],
            customer=customer,
            idempotency_key="race-key",
            request_hash="same",
        )

    results = run_at_once([submit] * 4)

    assert {result.pk for result in results} == {Order.objects.get().pk}
    assert Product.objects.get(pk=kettle.pk).stock == 8


def test_a_shopper_cancel_racing_a_staff_confirm_never_cancels_a_confirmed_order(customer):
    [lamp] = make_products(5)
    for _ in range(5):
        order = place_order(lines=[OrderLine(lamp.pk, 1)], customer=customer)

        results = run_at_once(
            [lambda o=order: confirm_order(order=o), lambda o=order: cancel_order_as_shopper(order=o)]
        )

        order.refresh_from_db()
        confirmed, cancelled = results
        if isinstance(cancelled, InvalidTransition):  # the confirm went first
            assert order.status == OrderStatus.CONFIRMED and isinstance(confirmed, Order)
        else:  # the cancel went first, so the confirm was refused
            assert order.status == OrderStatus.CANCELLED and isinstance(confirmed, InvalidTransition)
    lamp.refresh_from_db()
    cancelled_count = Order.objects.filter(status=OrderStatus.CANCELLED).count()
    assert lamp.stock == cancelled_count  # 5 taken, one back per cancelled order
