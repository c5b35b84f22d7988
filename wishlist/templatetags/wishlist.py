from django import template
from django.middleware.csrf import get_token

from ..selectors import wishlisted_product_ids

register = template.Library()


@register.inclusion_tag("wishlist/partials/save_form.html", takes_context=True)
def wishlist_button(context, product):
    """ "♡ Save" or "♥ Saved" for one product; works inside `include … only` partials too."""
    request = context.request
    return {
        "product": product,
        "saved": product.pk in wishlisted_product_ids(request),
        "csrf_token": get_token(request),
        "next": request.get_full_path(),
    }
