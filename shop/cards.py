"""Product cards cached one by one, shared by every list, search, category and home page.

A page that is not in the page cache yet (a deep page, a new filter or sort, a search) used to
render each of its 24 cards; most of them were already rendered for another page. Now each card
is stored once per product, language and stock state (what its stock line and button show:
shop.selectors.shown_state), under the catalogue version, so a cold list page costs one query
for its product ids, one for their stock, one `get_many` for the cards and the page around them.
Only the cards missing from the cache are read from the database (one query) and rendered.

What differs between the pages a card is on, or between shoppers, is not in the stored card:
- the address its forms come back to (`next`) is NEXT_MARKER, filled in with the page's own;
- the CSRF token is the page's CSRF marker (shop.fragments), filled in for each request;
- the wishlist heart is a choice hole whose two states are stored with the card (rendered once
  per card, not once per page); the page records them as its own choices, and each shopper
  gets their own (shop.fragments.Recorder.choice).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.template import TemplateSyntaxError, loader
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .cache import catalogue_version, entry_key
from .fragments import CSRF_MARKER, Recorder, fill_holes, recorder_for, templates_digest
from .models import Product
from .selectors import shown_state

CARD_TEMPLATE = "shop/partials/product_card.html"
NEXT_MARKER = mark_safe("<!--card:next-->")  # a fixed comment  # noqa: S308  # nosec B308 B703


def card_key(product_id: int, stock: int) -> str:
    return entry_key(
        "card",
        {
            "id": product_id,
            "state": shown_state(stock),
            "language": translation.get_language(),
            "templates": templates_digest(),
        },
    )


def render_cards(context, stocked: list, next_url: str) -> str:
    """The cards of these products (objects with `pk` and live `stock`), in order, for a page
    whose forms come back to next_url; stored cards are reused, missing ones rendered once."""
    request = context.request
    version = catalogue_version()
    keys = [card_key(item.pk, item.stock) for item in stocked]
    found = cache.get_many(keys)
    cards = {key: entry[2] for key, entry in found.items() if entry[0] == version}
    missing = [(key, item) for key, item in zip(keys, stocked, strict=True) if key not in cards]
    if missing:
        fresh = _render_missing(context, missing)
        built_at = time.time()
        cache.set_many(
            {key: (version, built_at, card) for key, card in fresh.items()},
            timeout=settings.CATALOGUE_CARD_SECONDS,
        )
        cards.update(fresh)
    page_recorder = recorder_for(request)
    next_value = str(conditional_escape(next_url))
    shown = []
    for key in keys:
        card = cards.get(key)
        if card is None:  # no longer for sale since the page's ids were read
            continue
        html = card["html"].replace(NEXT_MARKER, next_value)
        choices = {hole_id: _with_next(variants, next_value) for hole_id, variants in card["choices"].items()}
        if page_recorder is not None:
            page_recorder.choices.update(choices)
        else:  # a page not being cached: filled in for this shopper as a cached page is
            html = fill_holes({"html": html, "choices": choices}, request, render_hole=_no_other_holes)
        shown.append(html)
    return "".join(shown)


def _render_missing(context, missing: list) -> dict[str, dict]:
    """Render the cards not in the cache from the products as they are in the database now."""
    wanted = [item.pk for _key, item in missing]
    products = Product.objects.active().select_related("category").in_bulk(wanted)
    template = loader.get_template(CARD_TEMPLATE).template
    request = context.request
    page_recorder = recorder_for(request)
    fresh = {}
    try:
        for key, item in missing:
            product = products.get(item.pk)
            if product is None:
                continue
            product.stock = item.stock
            recorder = request._fragment_recorder = Recorder()
            html = template.render(
                context.new({"product": product, "csrf_token": CSRF_MARKER, "next": NEXT_MARKER})
            )
            fresh[key] = {"html": str(html), "choices": recorder.choices}
    finally:
        if page_recorder is None:
            request.__dict__.pop("_fragment_recorder", None)
        else:
            request._fragment_recorder = page_recorder
    return fresh


def _with_next(variants: dict[str, str], next_value: str) -> dict[str, str]:
    return {name: html.replace(NEXT_MARKER, next_value) for name, html in variants.items()}


def _no_other_holes(hole_id: str) -> str:
    raise TemplateSyntaxError(f"A product card has no hole {hole_id!r}")
