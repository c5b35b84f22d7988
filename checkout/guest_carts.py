"""App guests' carts (Cart-Token): reaching one, closing it once ordered, and merging it into a
member's cart on sign-in exactly once.

A closed cart stays closed: its token then answers `cart_ordered` or `cart_merged` (404), so a
token copied before the merge reaches neither the lines nor the member's cart they went into.
"""

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dhakacart.cart_tokens import cart_key_of_token

from .cart import DatabaseCart, GuestDatabaseCart
from .exceptions import CartMerged, CartOrdered
from .models import GuestCart
from .services import merge_carts
from .tokens import read_cart_token

# How often a cart's used_at may move forward: a read writes at most once a day.
_USED_AT_STEP = timedelta(days=1)


def _refuse_closed(closed: str) -> None:
    if closed == GuestCart.Closed.ORDERED:
        raise CartOrdered(_("This cart has been ordered. Start a new cart without its token."))
    if closed == GuestCart.Closed.MERGED:
        raise CartMerged(
            _("This cart was moved into a signed-in shopper's cart. Start a new cart without its token.")
        )


def open_guest_cart(token: str | None) -> GuestDatabaseCart:
    """The open guest cart a Cart-Token reaches; without a token, a new empty one (no row yet).

    Raises CartTokenInvalid, CartTokenExpired, CartOrdered or CartMerged.
    """
    if not token:
        return GuestDatabaseCart(uuid.uuid4())
    key = read_cart_token(token)
    row = GuestCart.objects.filter(key=key).values("closed", "used_at").first()
    if row is not None:
        _refuse_closed(row["closed"])
        now = timezone.now()
        if row["used_at"] < now - _USED_AT_STEP:
            GuestCart.objects.filter(key=key).update(used_at=now)
    return GuestDatabaseCart(key)


def lock_open_guest_cart(token: str) -> GuestDatabaseCart:
    """open_guest_cart for a change that must not race another: the cart's row stays locked
    until the caller's transaction ends. Call inside a transaction; raises as open_guest_cart."""
    key = read_cart_token(token)
    closed = GuestCart.objects.select_for_update().filter(key=key).values_list("closed", flat=True).first()
    if closed is not None:
        _refuse_closed(closed)
    return GuestDatabaseCart(key)


def close_ordered_guest_cart(cart: GuestDatabaseCart) -> None:
    """The cart was ordered: its token reaches it no more (cart_ordered)."""
    GuestCart.objects.update_or_create(key=cart.key, defaults={"closed": GuestCart.Closed.ORDERED})


def merge_guest_cart(*, user, token: str | None) -> list[str]:
    """Move the guest cart of a Cart-Token into `user`'s own cart, once; returns merge_carts' notes.

    Quantities add up, capped by the stock and by 99; the member's promo code wins and the guest's
    comes along only into a cart without one (checkout.services.merge_carts). The guest cart ends
    empty and closed as merged. Locks its row first, so two sign-ins with one token at the same
    moment merge it once. A missing, invalid or expired token, or a cart already ordered or
    merged (into anyone's cart), merges nothing: a sign-in never fails for a stale cart.
    """
    key = cart_key_of_token(token)
    return [] if key is None else _merge_guest_cart(user=user, key=key)


@transaction.atomic
def _merge_guest_cart(*, user, key) -> list[str]:
    guest = GuestCart.objects.select_for_update().filter(key=key).first()
    if guest is None or guest.closed:
        return []
    notes = merge_carts(source=GuestDatabaseCart(key), target=DatabaseCart(user))
    GuestCart.objects.filter(pk=guest.pk).update(
        closed=GuestCart.Closed.MERGED, merged_into=user, used_at=timezone.now()
    )
    return notes
