from django import template
from django.middleware.csrf import get_token
from django.template.loader import get_template

from shop.fragments import CSRF_MARKER, recorder_for

from ..selectors import wishlisted_product_ids

register = template.Library()


def saved_state(product_id: str, request) -> str:
    """Which cached state of a product's button this shopper sees (the "wish" choice hole)."""
    return "saved" if int(product_id) in wishlisted_product_ids(request) else "unsaved"


@register.simple_tag(takes_context=True)
def wishlist_button(context, product):
    """ "♡ Save" or "♥ Saved" for one product; works inside `include … only` partials too.

    Inside a cached fragment both states are rendered and each shopper gets their own.
    """
    request = context.request
    template = get_template("wishlist/partials/save_form.html").template
    # A card's `next` (a marker in a cached card: shop.cards), else the page itself.
    values = {"product": product, "next": context.get("next") or request.get_full_path()}

    def form(saved: bool, token) -> str:
        # Rendered in a copy of this context (as `include … only` does), not a fresh one.
        return template.render(context.new({**values, "saved": saved, "csrf_token": token}))

    recorder = recorder_for(request)
    if recorder is not None:
        return recorder.choice(
            "wish", product.pk, {state: form(state == "saved", CSRF_MARKER) for state in ("saved", "unsaved")}
        )
    return form(product.pk in wishlisted_product_ids(request), get_token(request))
