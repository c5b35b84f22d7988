from decimal import Decimal

from dhakacart.exceptions import DomainError


class OrderError(DomainError):
    """An order that cannot be placed or changed; nothing was written."""


class EmptyCart(OrderError):
    code = "empty_cart"


class InvalidOrder(OrderError):
    code = "invalid_order"


class ProductUnavailable(OrderError):
    code = "product_unavailable"


class OutOfStock(OrderError):
    """Every short line at once: extra["lines"] = [{"product_id", "name", "requested", "available"}]."""

    code = "out_of_stock"


class PriceChanged(OrderError):
    """An item's price, or the items' subtotal, differs from what the door pinned.

    For each door to shape its own reply: `current_prices` = [{"product_id", "name", "price"}]
    for every line in the order's order, `changed_ids` the lines whose price changed, `subtotal`
    what the items cost now and `subtotal_differs`. extra = {"lines": [{"product_id", "name",
    "expected_price", "current_price"}] of the changed lines, "current_prices": {id: price},
    "subtotal"}.
    """

    code = "price_changed"

    def __init__(
        self,
        message: str,
        *,
        current_prices: list[dict] | None = None,
        changed_ids: set | None = None,
        subtotal: Decimal | None = None,
        subtotal_differs: bool = False,
        extra: dict | None = None,
    ):
        super().__init__(message, extra=extra)
        self.current_prices = current_prices or []
        self.changed_ids = changed_ids or set()
        self.subtotal = subtotal
        self.subtotal_differs = subtotal_differs


class TotalChanged(OrderError):
    """The order would cost other than the total the shopper was shown: extra = {"shown_total",
    "total", "voucher_code", "discount", "delivery_fee"}, the last four as the order would be now."""

    code = "total_changed"


class CartChanged(OrderError):
    """The cart is not what the shopper confirmed at checkout."""

    code = "cart_changed"


class InvalidIdempotencyKey(OrderError):
    code = "invalid_idempotency_key"


class IdempotencyKeyReused(OrderError):
    code = "idempotency_key_reused"


class CancelNotAllowed(OrderError):
    """The asker may see the order but not cancel it (staff without the right to change orders)."""

    code = "permission_denied"


class InvalidTransition(OrderError):
    code = "invalid_transition"


class VoucherUnavailable(OrderError):
    """The cart's promo code stopped applying: extra = {"reason": <voucher_* code>, "voucher_code"}."""

    code = "voucher_unavailable"
