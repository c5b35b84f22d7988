"""Rendered pages cached as HTML, with holes for what belongs to one shopper.

    {% fragment name stamp %} … {% endfragment %}   cache what is between, when `name` is set
    {% hole "header" %} … {% endhole %}             render this part for every request

A fragment is cached under its name, the catalogue version (shop.cache), the language, the
scheme, host and full path of the request, the day (delivery dates), and `stamp`: the stock states
the page shows (shop.selectors.stock_stamp), so an order that changes none of them leaves the
entry alone. When `name` is empty the block renders as usual, holes included.

What belongs to one shopper never enters the cache:
- a `{% hole %}` is left as a marker and rendered with the current request's context each time
  (cart count, signed-in name, messages, the review form). Holes may use the variables of the
  page's context only, not those of a loop around them; the template they are in names them;
- the CSRF token is a marker replaced by the request's own token;
- the wishlist button (`wishlist_button`, inside product cards) is cached in both its states and
  the shopper's own state is chosen per request.

Markers are HTML comments starting with `<!--hole:`; autoescaped text can never contain `<`, so no
product name or review can forge one.
"""

import re

from django import template
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from ..cache import entry_key, read_through

register = template.Library()

MARKER = re.compile(r"<!--hole:([^>]+?)-->")


def marker(hole_id: str) -> str:
    """The comment a hole is cached as; ids are template names and digits, never shopper text."""
    return mark_safe(f"<!--hole:{hole_id}-->")  # noqa: S308  # nosec B308 B703 -- a fixed comment around an id


CSRF_MARKER = marker("csrf")
_holes: dict[str, "HoleNode"] = {}  # hole id (template name#hole name) → its node, filled at parse


class Recorder:
    """What a fragment being rendered hands to the tags inside it (on the request)."""

    def __init__(self):
        self.choices: dict[str, dict[str, str]] = {}

    def choice(self, hole_id: str, variants: dict[str, str]) -> str:
        self.choices[hole_id] = variants
        return marker(hole_id)


def recorder_for(request) -> Recorder | None:
    """The recorder when a fragment is being rendered for the cache, else None."""
    return getattr(request, "_fragment_recorder", None)


class FragmentNode(template.Node):
    def __init__(self, name, stamp, nodelist):
        self.name, self.stamp, self.nodelist = name, stamp, nodelist

    def render(self, context):
        name = self.name.resolve(context)
        request = context.get("request")
        if not name or request is None:
            return self.nodelist.render(context)
        params = {
            "url": request.build_absolute_uri(),
            "language": translation.get_language(),
            "day": timezone.localdate().isoformat(),
            "stamp": self.stamp.resolve(context) if self.stamp else "",
        }
        entry = read_through(entry_key(f"fragment:{name}", params), lambda: self._render_for_cache(context))
        return self._fill_holes(entry, context)

    def _render_for_cache(self, context) -> dict:
        request = context.request
        recorder = request._fragment_recorder = Recorder()
        try:
            with context.push(csrf_token=CSRF_MARKER, fragment_for_cache=True):
                html = self.nodelist.render(context)
        finally:
            del request._fragment_recorder
        return {"html": str(html), "choices": recorder.choices}

    def _fill_holes(self, entry: dict, context) -> str:
        request = context.request

        def fill(match):
            hole_id = match.group(1)
            if hole_id == "csrf":
                return get_token(request)
            if hole_id in entry["choices"]:
                return MARKER.sub(fill, entry["choices"][hole_id][choose(hole_id, request)])
            if hole_id not in _holes:  # a worker that has not parsed that template yet
                template.loader.get_template(hole_id.partition("#")[0])
            return _holes[hole_id].nodelist.render(context)

        html = MARKER.sub(fill, entry["html"])
        return mark_safe(html)  # noqa: S308  # nosec B308 B703 -- rendered by the template engine, escaped


def choose(hole_id: str, request) -> str:
    """Which cached variant of a choice hole this shopper sees."""
    kind, _, value = hole_id.partition(":")
    if kind == "wish":
        from wishlist.selectors import wishlisted_product_ids

        return "saved" if int(value) in wishlisted_product_ids(request) else "unsaved"
    raise template.TemplateSyntaxError(f"Unknown choice hole {hole_id!r}")


class HoleNode(template.Node):
    def __init__(self, hole_id, nodelist):
        self.hole_id, self.nodelist = hole_id, nodelist

    def render(self, context):
        if context.get("fragment_for_cache"):
            return marker(self.hole_id)
        return self.nodelist.render(context)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("{% fragment name [stamp] %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    stamp = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return FragmentNode(parser.compile_filter(bits[1]), stamp, nodelist)


@register.tag
def hole(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('{% hole "name" %}')
    hole_id = f"{parser.origin.template_name}#{bits[1][1:-1]}"
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    node = _holes[hole_id] = HoleNode(hole_id, nodelist)
    return node
