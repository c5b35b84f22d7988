"""The template side of shop.fragments (read its docstring first).

{% fragment name products %} … {% endfragment %}   cache what is between when `name` is set
{% hole "header" %} … {% endhole %}                 render this part for every request
{% app_hole "reviews:write" %}                      a hole an app renders (register_hole)
{% product_cards products next %}                  cached product cards (shop.cards)
"""

from weakref import WeakKeyDictionary

from django import template
from django.template import loader
from django.utils.safestring import mark_safe

from .. import sessionless
from ..cards import render_cards
from ..fragments import (
    APP_HOLE_PREFIX,
    CSRF_MARKER,
    cached_page,
    fill_shopper_holes,
    fill_token,
    hole_context,
    marker,
    recorder_for,
    render_app_hole,
)

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, products, nodelist):
        self.name, self.products, self.nodelist = name, products, nodelist

    def render(self, context):
        name = self.name.resolve(context)
        request = context.get("request")
        if not name or request is None:
            return self.nodelist.render(context)
        page = context.get("fragment_page")  # the view found it current already
        if page is None:
            page = cached_page(
                request, name, self.products.resolve(context) or [], lambda: self._render_for_cache(context)
            )
        values = hole_context(context)  # each hole gets its own copy: one cannot set another's variables
        html = fill_shopper_holes(page, request, lambda hole_id: render_hole(hole_id, context, values))
        sessionless.remember(request, name, page, html)
        return fill_token(html, request)

    def _render_for_cache(self, context) -> str:
        with context.push(csrf_token=CSRF_MARKER):
            return self.nodelist.render(context)


class HoleNode(template.Node):
    def __init__(self, hole_id, nodelist):
        self.hole_id, self.nodelist = hole_id, nodelist

    def render(self, context):
        # The recorder is on the request, so a hole inside an `include … only` knows it too.
        if recorder_for(getattr(context, "request", None)) is not None:
            return marker(self.hole_id)
        return self.nodelist.render(context)


def render_hole(hole_id: str, context, values: dict) -> str:
    """A hole of a cached page; each gets its own copy of the values: one cannot set another's."""
    if hole_id.startswith(APP_HOLE_PREFIX):
        return render_app_hole(hole_id.removeprefix(APP_HOLE_PREFIX), context.request, {**values})
    return hole_node(hole_id).nodelist.render(context.new({**values}))


class AppHoleNode(template.Node):
    def __init__(self, name):
        self.name = name

    def render(self, context):
        request = getattr(context, "request", None)
        if recorder_for(request) is not None:
            return marker(APP_HOLE_PREFIX + self.name)
        return render_app_hole(self.name, request, hole_context(context))


@register.simple_tag(takes_context=True)
def product_cards(context, products, next_url):
    """The cards of `products` (with `pk` and live `stock`: shop.selectors.stocked), shared with
    every other page showing them; their forms come back to next_url."""
    return mark_safe(render_cards(context, products, next_url))  # cached template output  # noqa: S308  # nosec B308 B703


@register.tag
def app_hole(parser, token):
    """{% app_hole "app:name" %}: a hole an app renders itself (shop.fragments.register_hole)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('{% app_hole "app:name" %}')
    return AppHoleNode(bits[1][1:-1])


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% fragment name products %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)


@register.tag
def hole(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('{% hole "name" %}')
    hole_id = f"{parser.origin.template_name}#{bits[1][1:-1]}"
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    return HoleNode(hole_id, nodelist)


# A parsed template → its holes by id. Templates come from Django's cached loader, so each is
# walked once per process; a template parsed again (a reload in development) is walked again.
_holes_of: WeakKeyDictionary = WeakKeyDictionary()


def hole_node(hole_id: str) -> HoleNode:
    """The `{% hole %}` a marker names (`template name#hole name`), found in that template."""
    parsed = loader.get_template(hole_id.partition("#")[0]).template
    found = _holes_of.get(parsed)
    if found is None:
        nodes = parsed.nodelist.get_nodes_by_type(HoleNode)
        found = _holes_of[parsed] = {node.hole_id: node for node in nodes}
    if hole_id not in found:
        raise template.TemplateSyntaxError(f"No hole {hole_id!r}: the cached page is from other templates")
    return found[hole_id]
