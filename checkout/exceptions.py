"""The cart's refusals; nothing was changed when one is raised.

A Cart-Token's refusals each tell the app what to do: drop the token and start a new cart (the
cart is ordered, merged, or the token is no longer or never was ours).
"""

from dhakacart.exceptions import DomainError


class CartError(DomainError):
    """A cart change that cannot be made; nothing was changed."""


class ProductUnavailable(CartError):
    code = "product_unavailable"


class InvalidQuantity(CartError):
    code = "invalid_quantity"


class NotEnoughStock(CartError):
    code = "out_of_stock"


class CartTokenError(DomainError):
    """A Cart-Token that reaches no open cart; nothing was changed."""


class CartTokenInvalid(CartTokenError):
    code = "cart_token_invalid"


class CartTokenExpired(CartTokenError):
    code = "cart_token_expired"


class CartOrdered(CartTokenError):
    code = "cart_ordered"


class CartMerged(CartTokenError):
    code = "cart_merged"
