"""Moving an order through pending → confirmed → shipped → delivered, or cancelling it."""

from collections import Counter

from django.db import transaction
from django.utils.translation import gettext as _

from dhakacart import metrics
from shop.stock import return_stock

from ..exceptions import InvalidTransition
from ..models import Order, OrderStatus, OrderStatusChange


@transaction.atomic
def _move(*, order: Order, to: str, by) -> Order:
    """Lock the order row, check the move is allowed, record who made it.

    The row lock makes concurrent moves of one order wait for each other, so a second cancel
    sees the first one's result and is refused: stock comes back exactly once.
    """
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if not locked.can_move_to(to):
        raise InvalidTransition(
            _("An order that is %(current)s cannot be marked %(target)s.")
            % {"current": locked.get_status_display().lower(), "target": OrderStatus(to).label.lower()},
            extra={"status": locked.status},
        )
    previous = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    user = by if by is not None and by.is_authenticated else None
    OrderStatusChange.objects.create(order=locked, from_status=previous, to_status=to, changed_by=user)
    return locked


def confirm_order(*, order: Order, by=None) -> Order:
    """pending → confirmed. Raises InvalidTransition from any other status."""
    return _move(order=order, to=OrderStatus.CONFIRMED, by=by)


def ship_order(*, order: Order, by=None) -> Order:
    """confirmed → shipped. Raises InvalidTransition from any other status."""
    return _move(order=order, to=OrderStatus.SHIPPED, by=by)


def deliver_order(*, order: Order, by=None) -> Order:
    """shipped → delivered. Raises InvalidTransition from any other status."""
    return _move(order=order, to=OrderStatus.DELIVERED, by=by)


@transaction.atomic
def cancel_order(*, order: Order, by=None) -> Order:
    """pending or confirmed → cancelled, putting every line's stock back (once).

    Raises InvalidTransition for shipped, delivered or already cancelled orders. Lines whose
    product was deleted since have nothing to go back to.
    """
    cancelled = _move(order=order, to=OrderStatus.CANCELLED, by=by)
    quantities = Counter()
    for product_id, quantity in cancelled.lines.exclude(product=None).values_list("product_id", "quantity"):
        quantities[product_id] += quantity
    return_stock(quantities=dict(quantities))
    transaction.on_commit(metrics.ORDERS_CANCELLED.inc)
    return cancelled
