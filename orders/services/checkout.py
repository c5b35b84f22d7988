"""Ordering what is in a shopper's cart from the checkout page: the order and a saved address together."""

from django.db import transaction

from accounts.services import create_address

from ..models import Order
from .placement import place_order


@transaction.atomic
def order_cart(*, cart, save_address: bool = False, **order) -> Order:
    """place_order(cart=cart, **order), and save the order's address to the shopper's account.

    Raises what place_order raises (CartChanged when the cart is no longer what was confirmed);
    nothing is written then. The order, the ordered lines leaving the cart and the saved address
    (signed-in shoppers only, never on a replay) commit together.
    """
    placed = place_order(cart=cart, **order)
    if save_address and not placed.replayed and placed.user is not None:
        create_address(
            user=placed.user,
            full_name=placed.customer_name,
            phone=placed.phone,
            address_line=placed.address_line,
            area=placed.area,
            city=placed.city,
            postcode=placed.postcode,
        )
    return placed
