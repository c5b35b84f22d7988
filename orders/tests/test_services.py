from decimal import Decimal

import pytest

from orders.exceptions import (
    EmptyCart,
    IdempotencyKeyReused,
    InvalidOrder,
    InvalidTransition,
    OutOfStock,
    PriceChanged,
    ProductUnavailable,
)
from orders.models import Order, OrderItem, OrderStatus
from orders.services import (
    OrderLine,
    cancel_order,
    confirm_order,
    deliver_order,
    place_order,
    ship_order,
    zone_for_address,
)
from shop.models import Product

pytestmark = pytest.mark.django_db


def stock_of(product) -> int:
    return Product.objects.get(pk=product.pk).stock


def nothing_written(*products_with_stock) -> bool:
    return (
        Order.objects.count() == 0
        and OrderItem.objects.count() == 0
        and all(stock_of(product) == stock for product, stock in products_with_stock)
    )


def test_place_order_takes_stock_for_every_line_and_snapshots_prices(place, rice, oil, user):
    order = place({rice: 2, oil: 3}, user=user)

    assert stock_of(rice) == 8 and stock_of(oil) == 7
    assert order.user == user and order.status == OrderStatus.PENDING
    assert order.subtotal == Decimal("1395.00")
    assert order.delivery_fee == Decimal("60.00")
    assert order.total == Decimal("1455.00")
    assert [
        (line.product_sku, line.unit_price, line.quantity, line.line_total) for line in order.lines.all()
    ] == [
        ("DC-RICE-001", Decimal("420.00"), 2, Decimal("840.00")),
        ("DC-OIL-001", Decimal("185.00"), 3, Decimal("555.00")),
    ]
    assert [(change.from_status, change.to_status, change.changed_by) for change in order.history.all()] == [
        ("", "pending", user)
    ]


def test_order_numbers_are_short_random_and_unique_and_tokens_are_long(place, rice):
    orders = [place({rice: 1}) for _ in range(5)]

    numbers = {order.number for order in orders}
    assert len(numbers) == 5
    assert all(number.startswith("DC-") and len(number) == 9 for number in numbers)
    assert all(len(order.token) >= 32 for order in orders)


def test_outside_dhaka_costs_the_outside_fee(place, rice, customer):
    from dataclasses import replace

    order = place({rice: 1}, customer=replace(customer, city="Chattogram", delivery_zone="outside_dhaka"))

    assert order.delivery_fee == Decimal("120.00") and order.total == Decimal("540.00")


def test_the_zone_defaults_from_the_address():
    assert zone_for_address(area="Dhanmondi", city=" dhaka ") == "inside_dhaka"
    assert zone_for_address(area="ধানমন্ডি", city="ঢাকা") == "inside_dhaka"
    assert zone_for_address(area="Zindabazar", city="Sylhet") == "outside_dhaka"


def test_place_order_with_too_little_stock_raises_and_changes_nothing(place, rice, oil):
    with pytest.raises(OutOfStock) as caught:
        place({rice: 2, oil: 11})

    assert caught.value.message == "Only 10 of Soybean Oil 1L left."
    assert caught.value.extra["lines"] == [
        {"product_id": oil.pk, "name": "Soybean Oil 1L", "requested": 11, "available": 10}
    ]
    assert nothing_written((rice, 10), (oil, 10))


def test_a_changed_price_raises_with_the_current_price_and_changes_nothing(rice, customer):
    lines = [OrderLine(product_id=rice.pk, quantity=1, expected_price=Decimal("400.00"))]

    with pytest.raises(PriceChanged) as caught:
        place_order(lines=lines, customer=customer)

    assert "Miniket Rice 5kg now costs ৳420.00." in caught.value.message
    assert caught.value.extra["current_prices"] == {str(rice.pk): "420.00"}
    assert nothing_written((rice, 10))


def test_the_current_price_sent_back_places_the_order(rice, customer):
    lines = [OrderLine(product_id=rice.pk, quantity=1, expected_price=Decimal("420.00"))]

    order = place_order(lines=lines, customer=customer)

    assert order.total == Decimal("480.00")


def test_inactive_products_cannot_be_bought(place, make_product, rice):
    retired = make_product(name="Retired", is_active=False)

    with pytest.raises(ProductUnavailable):
        place({rice: 1, retired: 1})

    assert nothing_written((rice, 10), (retired, 20))


def test_unknown_products_cannot_be_bought(rice, customer):
    with pytest.raises(ProductUnavailable):
        place_order(lines=[OrderLine(product_id=rice.pk + 9999, quantity=1)], customer=customer)

    assert nothing_written((rice, 10))


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        ([], EmptyCart),
        ([OrderLine(product_id=1, quantity=0)], InvalidOrder),
        ([OrderLine(product_id=1, quantity=100)], InvalidOrder),
        ([OrderLine(product_id=1, quantity=1), OrderLine(product_id=1, quantity=2)], InvalidOrder),
        ([OrderLine(product_id=n, quantity=1) for n in range(1, 52)], InvalidOrder),
    ],
)
def test_order_shape_rules_are_enforced(customer, lines, error):
    with pytest.raises(error):
        place_order(lines=lines, customer=customer)

    assert Order.objects.count() == 0


def test_the_same_idempotency_key_returns_the_first_order(place, rice):
    first = place({rice: 1}, idempotency_key="k-1", request_hash="abc")
    again = place({rice: 1}, idempotency_key="k-1", request_hash="abc")

    assert again.pk == first.pk and again.replayed
    assert Order.objects.count() == 1 and stock_of(rice) == 9


def test_a_repeated_key_returns_the_first_order_after_the_product_sold_out(place, rice):
    first = place({rice: 1}, idempotency_key="k-3", request_hash="abc")
    Product.objects.filter(pk=rice.pk).update(stock=0)

    again = place({rice: 1}, idempotency_key="k-3", request_hash="abc")

    assert again.pk == first.pk and again.replayed
    assert Order.objects.count() == 1 and OrderItem.objects.count() == 1 and stock_of(rice) == 0


def test_a_repeated_key_returns_the_first_order_after_a_price_change(rice, customer):
    lines = [OrderLine(product_id=rice.pk, quantity=1, expected_price=rice.price)]
    first = place_order(lines=lines, customer=customer, idempotency_key="k-4", request_hash="abc")
    Product.objects.filter(pk=rice.pk).update(price=Decimal("999.00"))

    again = place_order(lines=lines, customer=customer, idempotency_key="k-4", request_hash="abc")

    assert again.pk == first.pk and again.replayed
    assert Order.objects.count() == 1 and stock_of(rice) == 9


def test_the_same_idempotency_key_with_another_body_is_refused(place, rice):
    place({rice: 1}, idempotency_key="k-2", request_hash="abc")

    with pytest.raises(IdempotencyKeyReused):
        place({rice: 2}, idempotency_key="k-2", request_hash="different")

    assert Order.objects.count() == 1 and stock_of(rice) == 9


def test_the_status_flow_records_who_and_when(place, rice, staff_user):
    order = place({rice: 1})

    confirm_order(order=order, by=staff_user)
    ship_order(order=order, by=staff_user)
    deliver_order(order=order, by=staff_user)

    order.refresh_from_db()
    assert order.status == "delivered"
    assert [(c.from_status, c.to_status, c.changed_by) for c in order.history.all()][1:] == [
        ("pending", "confirmed", staff_user),
        ("confirmed", "shipped", staff_user),
        ("shipped", "delivered", staff_user),
    ]


@pytest.mark.parametrize(
    ("steps", "refused"),
    [
        ([], ship_order),
        ([], deliver_order),
        ([confirm_order], confirm_order),
        ([confirm_order, ship_order], cancel_order),
        ([cancel_order], cancel_order),
        ([cancel_order], ship_order),
        ([cancel_order], confirm_order),
    ],
)
def test_moves_outside_the_flow_are_refused(place, rice, steps, refused):
    order = place({rice: 1})
    for step in steps:
        step(order=order)
    status_before = Order.objects.get(pk=order.pk).status

    with pytest.raises(InvalidTransition):
        refused(order=order)

    assert Order.objects.get(pk=order.pk).status == status_before


@pytest.mark.parametrize("first_step", [None, confirm_order])
def test_cancelling_puts_the_stock_back_exactly_once(place, rice, oil, first_step):
    order = place({rice: 3, oil: 1})
    if first_step:
        first_step(order=order)

    cancel_order(order=order)
    with pytest.raises(InvalidTransition):
        cancel_order(order=order)

    assert stock_of(rice) == 10 and stock_of(oil) == 10
    assert Order.objects.get(pk=order.pk).status == "cancelled"


def test_cancelling_an_order_whose_product_was_deleted_still_works(place, rice, oil):
    order = place({rice: 1, oil: 1})
    OrderItem.objects.filter(product=oil).update(product=None)
    Product.objects.filter(pk=oil.pk).delete()

    cancel_order(order=order)

    assert stock_of(rice) == 10
    assert order.lines.count() == 2


def test_deleting_a_product_keeps_the_order_lines(place, rice):
    order = place({rice: 1})

    rice.delete()

    line = order.lines.get()
    assert line.product is None and line.product_name == "Miniket Rice 5kg"
