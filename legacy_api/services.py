"""Placing a legacy order: a double tap is one order, SPEC §17's totals check, then the one `place_order`."""

from datetime import timedelta
from decimal import Decimal

from orders.models import Order
from orders.services.placement import Customer, OrderLine, ShownTotal, place_order

# The old client sends no key and does not disable its button: the same body again this soon is
# the same tap (SPEC §8).
REPEAT_WINDOW = timedelta(seconds=60)


def place_legacy_order(
    *,
    lines: list[OrderLine],
    total_amount: Decimal,
    customer: Customer,
    user=None,
    language: str = "bn",
    idempotency_key: str | None = None,
    request_hash: str = "",
) -> Order:
    """Place an order from the old clients' body, whose `total_amount` is the items' subtotal.

    A double tap is one order. With an idempotency key, as API v1: the same key and body return
    the order the key made (marked `replayed`), another body raises IdempotencyKeyReused.
    Without one, the order the same body (`request_hash`: the same client, phone, items and
    total) made in the last 60 seconds is returned instead, unless it was cancelled. The product
    rows are locked before that look-up, so two identical bodies arriving at once queue on them
    and the second finds the order the first committed.

    Then place_order compares each sent price and the sent total (the items' subtotal) with the
    current ones and raises PriceChanged when any differs (current prices, which changed, the
    subtotal now). Otherwise as place_order (raises, locks, after-commit work); nothing is
    written on any refusal.
    """
    return place_order(
        lines=lines,
        customer=customer,
        user=user,
        channel="legacy",
        language=language,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        shown=ShownTotal(subtotal=total_amount),
        repeat_window=REPEAT_WINDOW,
    )
