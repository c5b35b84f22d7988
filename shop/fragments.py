"""Catalogue pages cached as rendered HTML, with holes for what belongs to one shopper.

A view turns it on by putting `fragment_name` and `fragment_products` (the products the page
shows, their stock read live) in its context; base.html wraps the whole document in
`{% fragment fragment_name fragment_products %}` (templatetags/fragments.py).

An entry is stored per name, request URL (scheme, host, path and the query parameters the page
understands: the view drops the others first, shop.parameters), language and day (the
delivery dates), with the catalogue version it was rendered under (shop.cache) and the stock
stamp of its products (shop.selectors.stock_stamp): the stock states it shows. It is current
while both still hold, so an order that changes no state a page shows leaves that page alone.
A view may look the entry up before building its context (`find_current_fragment`): a hit costs
the version, the entry and one query for the stock of the products on it.

What belongs to one shopper never enters the cache:
- a `{% hole "name" %}` is cached as a marker and rendered for each request (cart count,
  signed-in name, messages, the buy box); the template it is in names it. An app's own hole,
  one that reads that app's data (the review form), is `{% app_hole "app:name" %}`: a function
  the app registers in its `AppConfig.ready` (`register_hole`) reads through its selectors and
  renders its template, so no template runs a query. A hole sees only
  the variables of its contract, the same whether the page came from the cache or was just
  rendered (`hole_context`): HOLE_VARIABLES, which every page has, and the `hole_context` dict
  the page's view puts in its context. A view that serves its page from the cache before
  building its context (shop.views.CachedPageView) has holes that use HOLE_VARIABLES only;
- the CSRF token is a marker replaced by the request's own token;
- a part with a few fixed states (the wishlist button inside product cards) is cached in all of
  them, and each shopper gets their own (`Recorder.choice`): the app that owns the part
  registers a chooser for its kind in its `AppConfig.ready` (`register_choice`).

Markers are HTML comments starting with `<!--hole:`; autoescaped text can never contain `<`, so no
product name or review can forge one.
"""

import functools
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template import TemplateSyntaxError
from django.template.utils import get_app_template_dirs
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .cache import entry_key, read_current, read_through
from .selectors import current_stock, stamp_of_levels, stock_stamp

MARKER = re.compile(r"<!--hole:([^>]+?)-->")
# kind → chooser(value, request) naming the variant of a choice hole a shopper sees; each app
# registers its own in AppConfig.ready, so the catalogue imports none of them.
choosers: dict[str, Callable[[str, HttpRequest], str]] = {}
# name → renderer(request, hole context) of an app's own hole; registered in AppConfig.ready.
renderers: dict[str, Callable[[HttpRequest, dict], str]] = {}
APP_HOLE_PREFIX = "app:"


# What every hole may use: the context processors' variables and the page's name.
HOLE_VARIABLES = (
    "request",
    "user",
    "perms",
    "messages",
    "csrf_token",
    "LANGUAGE_CODE",
    "cart_unit_count",
    "fragment_name",
)


def hole_context(context) -> dict:
    """The variables a hole is rendered with (its contract): HOLE_VARIABLES and the page's
    `hole_context`. Lazy values (the cart count, the token) stay lazy."""
    values = {name: context[name] for name in HOLE_VARIABLES if name in context}
    values.update(context.get("hole_context") or {})
    return values


def marker(hole_id: str) -> str:
    """The comment a hole is cached as; ids are template names and digits, never shopper text."""
    return mark_safe(f"<!--hole:{hole_id}-->")  # a fixed comment around an id  # noqa: S308  # nosec B308 B703


CSRF_MARKER = marker("csrf")


class Recorder:
    """What a page being rendered for the cache hands to the tags inside it (on the request)."""

    def __init__(self):
        self.choices: dict[str, dict[str, str]] = {}

    def choice(self, kind: str, value, variants: dict[str, str]) -> str:
        """Cache every variant; the chooser registered for `kind` picks one for each shopper."""
        if kind not in choosers:
            raise TemplateSyntaxError(f"Unknown choice hole kind {kind!r}")
        hole_id = f"{kind}:{value}"
        self.choices[hole_id] = variants
        return marker(hole_id)


def recorder_for(request) -> Recorder | None:
    """The recorder when a page is being rendered for the cache, else None."""
    return getattr(request, "_fragment_recorder", None)


def fragment_key(request, name: str) -> str:
    return entry_key(
        f"fragment:{name}",
        {
            "url": request.build_absolute_uri(),
            "language": translation.get_language(),
            "day": timezone.localdate().isoformat(),
            "templates": templates_digest(),
        },
    )


@functools.cache
def templates_digest(directories: tuple[Path, ...] | None = None) -> str:
    """A digest of every template file, read once per process.

    A rolling deploy runs two releases at once against one Redis: a page cached by one must not
    be served by the other, whose templates may not have the same holes.
    """
    if directories is None:
        directories = (*(Path(d) for d in settings.TEMPLATES[0]["DIRS"]), *get_app_template_dirs("templates"))
    digest = hashlib.sha1(FORMAT.encode(), usedforsecurity=False)
    for directory in directories:
        for path in sorted(Path(directory).rglob("*.html")):
            digest.update(str(path.relative_to(directory)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


FORMAT = "1"  # the shape of a cached page (html, choices, ids, stamp): change it when that changes


def find_current_fragment(request, name: str, *, key: str | None = None) -> dict | None:
    """The cached page when it is current (catalogue version and stock states), else None.

    The page and the catalogue version come in one round trip to the cache, the stock in one
    query; the stock levels read are left in the page's "stock" (id → level) for its holes.
    """

    def is_current(page: dict) -> bool:
        page["stock"] = current_stock(page["ids"])
        return stamp_of_levels(page["ids"], page["stock"]) == page["stamp"]

    return read_current(key or fragment_key(request, name), is_current)


def cached_page(request, name: str, products, render) -> dict:
    """The page from the cache, or render() (with holes as markers) stored for the next ones."""
    stamp = stock_stamp(products)

    def compute() -> dict:
        recorder = request._fragment_recorder = Recorder()
        try:
            html = render()
        finally:
            del request._fragment_recorder
        return {
            "html": str(html),
            "choices": recorder.choices,
            "ids": [p.pk for p in products],
            "stamp": stamp,
        }

    return read_through(fragment_key(request, name), compute, is_current=lambda page: page["stamp"] == stamp)


def fill_holes(page: dict, request, render_hole: Callable[[str], str]) -> str:
    """The cached HTML with this request's token, choices and holes (render_hole(hole id)) filled in."""
    return fill_token(fill_shopper_holes(page, request, render_hole), request)


def fill_shopper_holes(page: dict, request, render_hole: Callable[[str], str]) -> str:
    """The cached HTML with this request's choices and holes filled in; the CSRF marker stays."""

    def fill(match):
        hole_id = match.group(1)
        if hole_id == "csrf":
            return CSRF_MARKER
        if hole_id in page["choices"]:
            return MARKER.sub(fill, page["choices"][hole_id][choose(hole_id, request)])
        return render_hole(hole_id)

    return MARKER.sub(fill, page["html"])


def fill_token(html: str, request) -> str:
    """The HTML with this request's CSRF token for every marker; masking a token draws random
    bytes, so it is done once a page, not once a form."""
    if CSRF_MARKER in html:
        html = html.replace(CSRF_MARKER, get_token(request))
    return mark_safe(html)  # the template engine output, escaped  # noqa: S308  # nosec B308 B703


def register_choice(kind: str, chooser: Callable[[str, HttpRequest], str]) -> None:
    """Let an app's tags record choice holes of this kind (`Recorder.choice`); called from the
    app's `AppConfig.ready`. chooser(value, request) names the variant the shopper sees."""
    choosers[kind] = chooser


def register_hole(name: str, renderer: Callable[[HttpRequest, dict], str]) -> None:
    """Let templates place an app's hole, `{% app_hole name %}`; called from AppConfig.ready.

    renderer(request, values) gets the hole context (`hole_context`) and returns its HTML.
    """
    renderers[name] = renderer


def render_app_hole(name: str, request, values: dict) -> str:
    if name not in renderers:
        raise TemplateSyntaxError(f"No app hole {name!r} is registered")
    return renderers[name](request, values)


def choose(hole_id: str, request) -> str:
    """Which cached variant of a choice hole this shopper sees."""
    kind, _, value = hole_id.partition(":")
    if kind not in choosers:
        raise TemplateSyntaxError(f"Unknown choice hole {hole_id!r}")
    return choosers[kind](value, request)
