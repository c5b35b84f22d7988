"""Moving an order through pending → confirmed → shipped → delivered, or cancelling it."""

from collections import Counter

from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from dhakacart import metrics
from promotions.services import release_voucher
from shop.stock import return_stock

from ..exceptions import CancelNotAllowed, InvalidTransition
from ..models import Order, OrderStatus, OrderStatusChange
from ..signals import order_cancelled


@transaction.atomic
def _move(*, order: Order, to: str, by, shopper: bool = False) -> Order:
    """Lock the order row, check the move is allowed, record who made it.

    The row lock makes concurrent moves of one order wait for each other, so a second cancel
    sees the first one's result and is refused: stock comes back exactly once. A shopper may
    only move a pending order; that too is checked on the locked row, so a shopper's cancel
    racing a staff confirm cannot cancel the confirmed order.
    """
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if shopper and not locked.shopper_can_cancel:
        raise InvalidTransition(
            _("This order is already being prepared. Please call us to cancel it."),
            extra={"status": locked.status},
        )
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


def cancel_order(*, order: Order, by=None) -> Order:
    """Staff: pending or confirmed → cancelled, putting every line's stock and its voucher use back (once).

    Raises InvalidTransition for shipped, delivered or already cancelled orders. Lines whose
    product was deleted since have nothing to go back to. Locks the order, then the products,
    then the voucher: the order placement's lock order after its first step.
    """
    return _cancel(order=order, by=by, shopper=False)


def cancel_order_as_shopper(*, order: Order, by=None) -> Order:
    """The customer cancels their own order: only while it is pending; once confirmed, staff decide.

    Raises InvalidTransition otherwise (checked on the locked row). Stock comes back as for cancel_order.
    """
    return _cancel(order=order, by=by, shopper=True)


def cancel_order_for(*, order: Order, user, token: str = "") -> Order:
    """Cancel for whoever asks, by the rule that fits them.

    Staff allowed to change orders cancel as staff (pending or confirmed). The shopper who placed
    it (its account, or whoever holds its token link) cancels as the shopper (pending only).
    Anyone else, staff who may only view orders included, gets CancelNotAllowed and nothing changes.
    """
    signed_in = user is not None and user.is_authenticated
    if signed_in and user.has_perm("orders.change_order"):
        return cancel_order(order=order, by=user)
    owner = signed_in and order.user_id == user.pk
    if owner or (token and constant_time_compare(token, order.token)):
        return cancel_order_as_shopper(order=order, by=user)
    raise CancelNotAllowed(_("Only staff allowed to change orders may cancel someone else’s order."))


@transaction.atomic
def _cancel(*, order: Order, by, shopper: bool) -> Order:
    cancelled = _move(order=order, to=OrderStatus.CANCELLED, by=by, shopper=shopper)
    quantities = Counter()
    for product_id, quantity in cancelled.lines.exclude(product=None).values_list("product_id", "quantity"):
        quantities[product_id] += quantity
    return_stock(quantities=dict(quantities))
    if cancelled.voucher_id:
        release_voucher(order_number=cancelled.number)
    order_cancelled.send(sender=Order, order=cancelled)
    transaction.on_commit(metrics.ORDERS_CANCELLED.inc)
    return cancelled
