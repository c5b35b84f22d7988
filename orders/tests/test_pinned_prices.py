"""place_order's one price comparison: what a door pins (line prices, subtotal, total) against now."""

from decimal import Decimal

import pytest

from orders.exceptions import PriceChanged, TotalChanged
from orders.models import Order
from orders.services import OrderLine, ShownTotal, place_order
from shop.models import Product

pytestmark = pytest.mark.django_db


def test_a_pinned_subtotal_that_differs_raises_with_every_current_price_and_the_subtotal(rice, oil, customer):
    lines = [
        OrderLine(product_id=rice.pk, quantity=2, expected_price=Decimal("420.00")),
        OrderLine(product_id=oil.pk, quantity=1, expected_price=Decimal("185.00")),
    ]

    with pytest.raises(PriceChanged) as caught:
        place_order(lines=lines, customer=customer, shown=ShownTotal(subtotal=Decimal("900.00")))

    error = caught.value
    assert error.current_prices == [
        {"product_id": rice.pk, "name": "Miniket Rice 5kg", "price": Decimal("420.00")},
        {"product_id": oil.pk, "name": "Soybean Oil 1L", "price": Decimal("185.00")},
    ]
    assert (error.changed_ids, error.subtotal, error.subtotal_differs) == (set(), Decimal("1025.00"), True)
    assert error.extra["subtotal"] == "1025.00"
    assert "These items now cost ৳1,025.00 in all." in error.message
    assert Order.objects.count() == 0 and Product.objects.get(pk=rice.pk).stock == 10


def test_a_changed_line_price_says_which_line_changed(rice, oil, customer):
    lines = [
        OrderLine(product_id=oil.pk, quantity=1, expected_price=Decimal("185.00")),
        OrderLine(product_id=rice.pk, quantity=1, expected_price=Decimal("400.00")),
    ]

    with pytest.raises(PriceChanged) as caught:
        place_order(lines=lines, customer=customer, shown=ShownTotal(subtotal=Decimal("585.00")))

    assert caught.value.changed_ids == {rice.pk}
    assert [line["product_id"] for line in caught.value.current_prices] == [oil.pk, rice.pk]
    assert caught.value.subtotal == Decimal("605.00")


def test_a_pinned_total_that_differs_raises_total_changed_with_the_current_money(rice, customer):
    lines = [OrderLine(product_id=rice.pk, quantity=1)]

    with pytest.raises(TotalChanged) as caught:
        place_order(lines=lines, customer=customer, shown=ShownTotal(total=Decimal("420.00")))

    assert {key: caught.value.extra[key] for key in ("subtotal", "delivery_fee", "total")} == {
        "subtotal": "420.00",
        "delivery_fee": "60.00",
        "total": "480.00",
    }
    assert Order.objects.count() == 0


def test_the_pinned_subtotal_and_total_as_they_are_now_place_the_order(rice, customer):
    lines = [OrderLine(product_id=rice.pk, quantity=1, expected_price=Decimal("420.00"))]

    order = place_order(
        lines=lines, customer=customer, shown=ShownTotal(subtotal=Decimal("420.00"), total=Decimal("480.00"))
    )

    assert (order.subtotal, order.total) == (Decimal("420.00"), Decimal("480.00"))
