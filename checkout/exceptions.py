"""The cart's refusals; nothing was changed when one is raised."""

from dhakacart.exceptions import DomainError


class CartError(DomainError):
    """A cart change that cannot be made; nothing was changed."""


class ProductUnavailable(CartError):
    code = "product_unavailable"


class InvalidQuantity(CartError):
    code = "invalid_quantity"


class NotEnoughStock(CartError):
    code = "out_of_stock"
