from dhakacart.exceptions import DomainError


class WishlistError(DomainError):
    """A wishlist change that cannot be made; nothing was changed."""


class ProductUnavailable(WishlistError):
    code = "product_unavailable"


class NotInWishlist(WishlistError):
    code = "not_in_wishlist"
