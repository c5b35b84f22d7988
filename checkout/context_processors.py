from django.utils.functional import SimpleLazyObject

from .cart import get_cart


def cart(request):
    """The header's cart count (units): one query at most, and only on pages that show it."""
    return {"cart_unit_count": SimpleLazyObject(lambda: get_cart(request).unit_count())}
