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
- a `{% hole "name" %}` is cached as a marker and rendered for each request with the page's
  context (cart count, signed-in name, messages, the review form). A hole may use the page's
  variables, not those of a loop around it; the template it is in names it;
- the CSRF token is a marker replaced by the request's own token;
- the wishlist button inside product cards is cached in both its states, and each shopper gets
  their own (`Recorder.choice`).

Markers are HTML comments starting with `<!--hole:`; autoescaped text can never contain `<`, so no
product name or review can forge one.
"""

import functools
import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.middleware.csrf import get_token
from django.template import TemplateSyntaxError, loader
from django.template.utils import get_app_template_dirs
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .cache import entry_key, read_through, read_with_version
from .selectors import stock_stamp, stock_stamp_of

MARKER = re.compile(r"<!--hole:([^>]+?)-->")
holes: dict = {}  # hole id (template name#hole name) → its node, filled as templates are parsed


def marker(hole_id: str) -> str:
    """The comment a hole is cached as; ids are template names and digits, never shopper text."""
    return mark_safe(f"<!--hole:{hole_id}-->")  # a fixed comment around an id  # noqa: S308  # nosec B308 B703


CSRF_MARKER = marker("csrf")


class Recorder:
    """What a page being rendered for the cache hands to the tags inside it (on the request)."""

    def __init__(self):
        self.choices: dict[str, dict[str, str]] = {}

    def choice(self, hole_id: str, variants: dict[str, str]) -> str:
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


def find_current_fragment(request, name: str) -> dict | None:
    """The cached page when it is current (catalogue version and stock states), else None.

    The page and the catalogue version come in one round trip to the cache.
    """
    key = fragment_key(request, name)
    entry, version = read_with_version(key)
    if entry is None or entry[0] != version:
        return None
    page = entry[2]
    return page if stock_stamp_of(page["ids"]) == page["stamp"] else None


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


def fill_holes(page: dict, request, render_hole) -> str:
    """The cached HTML with this request's token, wishlist states and holes filled in."""
    token = []  # masking a token draws random bytes: once a page, not once a form

    def fill(match):
        hole_id = match.group(1)
        if hole_id == "csrf":
            if not token:
                token.append(get_token(request))
            return token[0]
        if hole_id in page["choices"]:
            return MARKER.sub(fill, page["choices"][hole_id][choose(hole_id, request)])
        if hole_id not in holes:  # a process that has not parsed that template yet
            loader.get_template(hole_id.partition("#")[0])
        return render_hole(holes[hole_id])

    html = MARKER.sub(fill, page["html"])
    return mark_safe(html)  # the template engine output, escaped  # noqa: S308  # nosec B308 B703


def choose(hole_id: str, request) -> str:
    """Which cached variant of a choice hole this shopper sees."""
    kind, _, value = hole_id.partition(":")
    if kind == "wish":
        from wishlist.selectors import wishlisted_product_ids

        return "saved" if int(value) in wishlisted_product_ids(request) else "unsaved"
    raise TemplateSyntaxError(f"Unknown choice hole {hole_id!r}")
