"""Wishlist reads: the shopper's list page and the "saved" marks on product pages."""

from .models import WishlistItem

REQUEST_CACHE_ATTRIBUTE = "_wishlist_product_ids"


def list_wishlist(*, user) -> list[WishlistItem]:
    """The shopper's saved products, newest first, with current prices and stock (one query)."""
    return list(
        WishlistItem.objects.filter(user=user)
        .select_related("product", "product__category")
        .order_by("-created_at", "-id")
    )


def wishlisted_product_ids(request) -> frozenset[int]:
    """Ids of the products the signed-in shopper saved: one query per request, none for guests."""
    if not request.user.is_authenticated:
        return frozenset()
    ids = getattr(request, REQUEST_CACHE_ATTRIBUTE, None)
    if ids is None:
        ids = frozenset(WishlistItem.objects.filter(user=request.user).values_list("product_id", flat=True))
        setattr(request, REQUEST_CACHE_ATTRIBUTE, ids)
    return ids
