"""The one total rule: subtotal − discount + delivery fee, free delivery, rounding once."""

from decimal import Decimal

import pytest

from checkout.pricing import compute_pricing, delivery_fee


def test_the_total_is_subtotal_less_discount_plus_the_zones_fee():
    pricing = compute_pricing(subtotal=Decimal("1025.00"), discount=Decimal("102.50"), zone="inside_dhaka")

    assert (pricing.delivery_fee, pricing.total) == (Decimal("60.00"), Decimal("982.50"))


def test_free_delivery_waives_the_fee_of_either_zone():
    totals = [
        compute_pricing(subtotal=Decimal("500.00"), free_delivery=True, zone=zone)
        for zone in ("inside_dhaka", "outside_dhaka")
    ]

    assert [(p.delivery_fee, p.total) for p in totals] == [(Decimal("0.00"), Decimal("500.00"))] * 2


def test_without_a_zone_there_is_no_fee_yet():
    pricing = compute_pricing(subtotal=Decimal("420.00"), discount=Decimal("20.00"))

    assert (pricing.delivery_fee, pricing.total, pricing.items_total) == (
        Decimal("0.00"),
        Decimal("400.00"),
        Decimal("400.00"),
    )


def test_a_zone_chosen_later_prices_through_the_same_rule():
    cart = compute_pricing(subtotal=Decimal("99.99"), discount=Decimal("33.33"), voucher_code="ODD")

    outside = cart.for_zone("outside_dhaka")

    assert (outside.voucher_code, outside.delivery_fee, outside.total) == (
        "ODD",
        delivery_fee("outside_dhaka"),
        Decimal("186.66"),
    )


def test_the_total_is_rounded_to_the_paisa_once():
    pricing = compute_pricing(subtotal=Decimal("10.005"), zone="inside_dhaka")

    assert pricing.total == Decimal("70.01")


@pytest.mark.parametrize("zone", ["", "inside_dhaka"])
def test_a_discount_never_shows_as_a_negative_fee(zone):
    pricing = compute_pricing(subtotal=Decimal("100.00"), discount=Decimal("100.00"), zone=zone)

    assert pricing.delivery_fee >= 0 and pricing.total == pricing.delivery_fee
