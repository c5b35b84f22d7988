"""Writes for orders: placing them, moving them through their lifecycle, confirming by e-mail."""

from .confirmation import send_order_confirmation
from .lifecycle import cancel_order, confirm_order, deliver_order, ship_order
from .placement import Customer, OrderLine, delivery_fee, place_order, zone_for_city

__all__ = [
    "Customer",
    "OrderLine",
    "cancel_order",
    "confirm_order",
    "deliver_order",
    "delivery_fee",
    "place_order",
    "send_order_confirmation",
    "ship_order",
    "zone_for_city",
]
