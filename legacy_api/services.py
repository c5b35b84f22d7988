"""Placing a legacy order: a double tap is one order, SPEC §17's totals check, then the one `place_order`."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from orders.exceptions import PriceChanged
from orders.models import Order
from orders.services.placement import (
    Customer,
    OrderLine,
    find_order_for_key,
    find_recent_order_for_request,
    lock_products,
    place_order,
)
from shop.models import Product

# The old client sends no key and does not disable its button: the same body again this soon is
# the same tap (SPEC §8).
REPEAT_WINDOW = timedelta(seconds=60)


class LegacyPricesChanged(PriceChanged):
    """An item's price or the total sent differs from the current ones.

    `current_prices` = [{"product_id", "name", "price"}] for every item, `subtotal` what they cost now.
    """

    def __init__(
        self, *, current_prices: list[dict], changed_ids: set, subtotal: Decimal, total_differs: bool
    ):
        super().__init__(
            _("Prices changed since you added these items."),
            extra={"current_prices": current_prices, "subtotal": subtotal},
        )
        self.current_prices = current_prices
        self.changed_ids = changed_ids
        self.subtotal = subtotal
        self.total_differs = total_differs


@transaction.atomic
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

    Then compares each sent price and the sent total with the current ones; raises
    LegacyPricesChanged when any differs. Unknown or unsellable products are left to
    place_order, which refuses them. Otherwise as place_order (raises, locks, after-commit work);
    nothing is written on any refusal.
    """
    replay = find_order_for_key(idempotency_key, request_hash)
    if replay is not None:
        return replay
    wanted = {line.product_id: line for line in lines}
    products = lock_products(wanted)
    if idempotency_key is None:
        replay = find_recent_order_for_request(request_hash, within=REPEAT_WINDOW)
        if replay is not None:
            return replay
    if len(products) == len(wanted) and all(product.is_sellable for product in products):
        _check_legacy_prices(lines, {product.pk: product for product in products}, total_amount)
    return place_order(
        lines=lines,
        customer=customer,
        user=user,
        channel="legacy",
        language=language,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
    )


def _check_legacy_prices(lines: list[OrderLine], products: dict[int, Product], total_amount: Decimal):
    subtotal = sum((products[line.product_id].price * line.quantity for line in lines), Decimal("0.00"))
    changed_ids = {
        line.product_id for line in lines if line.expected_price != products[line.product_id].price
    }
    if changed_ids or total_amount != subtotal:
        raise LegacyPricesChanged(
            current_prices=[
                {
                    "product_id": line.product_id,
                    "name": products[line.product_id].name,
                    "price": products[line.product_id].price,
                }
                for line in lines
            ],
            changed_ids=changed_ids,
            subtotal=subtotal,
            total_differs=total_amount != subtotal,
        )
