"""Writes for orders: placing them, moving them through their lifecycle, confirming by e-mail."""

from .checkout import order_cart
from .confirmation import send_order_confirmation
from .guest_cart import order_guest_cart
from .lifecycle import (
    cancel_order,
    cancel_order_as_shopper,
    cancel_order_for,
    confirm_order,
    deliver_order,
    ship_order,
)
from .placement import (
    Customer,
    OrderLine,
    ShownTotal,
    delivery_fee,
    place_order,
    scoped_idempotency_key,
    zone_for_address,
)

__all__ = [
    "Customer",
    "OrderLine",
    "ShownTotal",
    "cancel_order",
    "cancel_order_as_shopper",
    "cancel_order_for",
    "confirm_order",
    "deliver_order",
    "delivery_fee",
    "order_cart",
    "order_guest_cart",
    "place_order",
    "scoped_idempotency_key",
    "send_order_confirmation",
    "ship_order",
    "zone_for_address",
]
