"""What an order costs: the one place that composes subtotal, discount, delivery fee and total.

The cart page, the checkout page, API v1 and place_order all price through `compute_pricing`,
so a cart costs the same paisa wherever it is shown or ordered. The voucher's own rules (does
it apply, how much it takes off) are promotions'; how that adds up to a total is checkout's.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from dhakacart.money import round_taka
from promotions.exceptions import VoucherError
from promotions.models import Voucher, VoucherKind, normalise_code
from promotions.selectors import check_voucher

ZERO = Decimal("0.00")


def delivery_fee(zone: str) -> Decimal:
    """The fee of a delivery zone (`inside_dhaka`/`outside_dhaka`), before any free-delivery code."""
    return Decimal(settings.DELIVERY_FEES[zone])


def order_total(*, subtotal: Decimal, discount: Decimal, delivery_fee: Decimal) -> Decimal:
    """total = subtotal − discount + delivery fee (SPEC §18), rounded to the paisa once."""
    return round_taka(subtotal - discount + delivery_fee)


@dataclass(frozen=True)
class Pricing:
    """A cart's or an order's money. Without a zone (the cart page) there is no delivery fee yet."""

    subtotal: Decimal
    discount: Decimal
    voucher_code: str  # the code kept in the cart, even when it does not apply now
    delivery_fee: Decimal
    total: Decimal
    free_delivery: bool = False
    zone: str = ""
    refusal: VoucherError | None = None  # why the cart's code does not apply now

    @property
    def items_total(self) -> Decimal:
        return self.subtotal - self.discount

    @property
    def voucher_applies(self) -> bool:
        return bool(self.voucher_code) and self.refusal is None

    def for_zone(self, zone: str) -> "Pricing":
        """The same cart delivered to `zone`."""
        return compute_pricing(
            subtotal=self.subtotal,
            discount=self.discount,
            voucher_code=self.voucher_code,
            free_delivery=self.free_delivery,
            zone=zone,
            refusal=self.refusal,
        )


def compute_pricing(
    *,
    subtotal: Decimal,
    discount: Decimal = ZERO,
    voucher_code: str = "",
    free_delivery: bool = False,
    zone: str = "",
    refusal: VoucherError | None = None,
) -> Pricing:
    """A cart's or order's Pricing: a free-delivery code waives the zone's fee; no zone, no fee yet."""
    fee = ZERO if free_delivery or not zone else delivery_fee(zone)
    return Pricing(
        subtotal=subtotal,
        discount=discount,
        voucher_code=voucher_code,
        delivery_fee=fee,
        total=order_total(subtotal=subtotal, discount=discount, delivery_fee=fee),
        free_delivery=free_delivery,
        zone=zone,
        refusal=refusal,
    )


def price_cart(summary, *, voucher_code: str, user=None, zone: str = "") -> Pricing:
    """Price a cart summary (shop.selectors.get_cart_summary) with the code its cart keeps.

    A code that does not apply now is kept with its `refusal` and takes nothing off. A guest's
    per-customer limit is checked when they give their phone number at checkout.
    """
    subtotal = summary.subtotal
    if not voucher_code:
        return compute_pricing(subtotal=subtotal, zone=zone)
    voucher = Voucher.objects.find(voucher_code)
    try:
        discount = check_voucher(voucher, code=voucher_code, subtotal=subtotal, user=user)
    except VoucherError as refusal:
        return compute_pricing(
            subtotal=subtotal, voucher_code=normalise_code(voucher_code), zone=zone, refusal=refusal
        )
    return compute_pricing(
        subtotal=subtotal,
        discount=discount,
        voucher_code=voucher.code,
        free_delivery=voucher.kind == VoucherKind.FREE_DELIVERY,
        zone=zone,
    )
