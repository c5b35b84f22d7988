"""Ordering an app guest's cart (its Cart-Token) as a guest order."""

from django.db import transaction

from checkout.exceptions import CartOrdered
from checkout.guest_carts import close_ordered_guest_cart, lock_open_guest_cart

from ..models import Order
from .placement import OrderLine, find_order_for_key, place_order


@transaction.atomic
def order_guest_cart(
    *, cart_token: str, voucher_code: str | None, idempotency_key: str | None, request_hash: str, **order
) -> Order:
    """place_order with every line of the guest cart and its promo code (unless `voucher_code`
    says otherwise); the cart is closed as ordered with the order, so its token reaches it no more.

    Locks the guest cart's row first: two orders of one cart at the same moment make one order,
    and the second gets CartOrdered, or the first order when it repeats the same Idempotency-Key.
    Raises CartTokenInvalid, CartTokenExpired, CartOrdered, CartMerged and what place_order
    raises (EmptyCart for a cart with no lines); nothing is written then.
    """
    existing = find_order_for_key(idempotency_key, request_hash)
    if existing is not None:
        return existing
    try:
        cart = lock_open_guest_cart(cart_token)
    except CartOrdered:
        existing = find_order_for_key(idempotency_key, request_hash)  # a twin that just won
        if existing is not None:
            return existing
        raise
    lines = [OrderLine(product_id=pid, quantity=qty) for pid, qty in cart.quantities().items()]
    code = cart.voucher_code() if voucher_code is None else voucher_code
    placed = place_order(
        lines=lines,
        voucher_code=code or None,
        cart=cart,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        **order,
    )
    if not placed.replayed:
        close_ordered_guest_cart(cart)
    return placed
