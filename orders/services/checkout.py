"""Ordering what is in a shopper's cart: the one path the checkout page and API v1 both take."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.services import create_address

from ..exceptions import CartChanged
from ..models import Order
from .placement import Customer, OrderLine, ShownTotal, find_order_for_key, place_order


def order_cart(
    *,
    cart,
    lines: list[OrderLine],
    customer: Customer,
    user=None,
    channel: str = "web",
    language: str = "en",
    idempotency_key: str | None,
    request_hash: str = "",
    save_address: bool = False,
    voucher_code: str | None = None,
    shown: ShownTotal | None = None,
) -> Order:
    """Place an order of `lines`, the cart as the shopper confirmed it, and take them out of the cart.

    A repeat of an earlier submission (same idempotency key) returns the first order and leaves
    the cart as it is now, whatever was added since. Raises CartChanged when the cart no longer
    holds exactly these products and quantities (another tab changed it), or what place_order
    raises (TotalChanged when it would cost other than `shown`); nothing is written then.
    Otherwise the order, the removal of exactly the ordered lines (and of the voucher the order
    used) and the optional saved address (signed-in shoppers) commit together.
    """
    replay = find_order_for_key(idempotency_key, request_hash)
    if replay is not None:
        return replay
    if cart.quantities() != {line.product_id: line.quantity for line in lines}:
        raise CartChanged(_("Your cart changed since you opened checkout. Please check the order again."))
    with transaction.atomic():
        order = place_order(
            lines=lines,
            customer=customer,
            user=user,
            channel=channel,
            language=language,
            idempotency_key=idempotency_key,
            request_hash=request_hash,
            voucher_code=voucher_code,
            shown=shown,
        )
        if order.replayed:  # a twin submission won the race a moment ago
            return order
        cart.remove(*(line.product_id for line in lines))
        if voucher_code:
            cart.set_voucher_code("")
        if save_address and order.user is not None:
            create_address(
                user=order.user,
                full_name=order.customer_name,
                phone=order.phone,
                address_line=order.address_line,
                area=order.area,
                city=order.city,
                postcode=order.postcode,
            )
    return order
