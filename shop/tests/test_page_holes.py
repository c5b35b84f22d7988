"""The holes of a cached page (shop.fragments): what they may use, and who fills them."""

import ast
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.template.base import NodeList
from django.template.loader import get_template
from django.test import Client

from shop import fragments
from shop.cache import VERSION_KEY, cached_read, catalogue_version, entry_key, read_current
from shop.templatetags.fragments import HoleNode
from wishlist.models import WishlistItem
from wishlist.templatetags.wishlist import saved_state

pytestmark = pytest.mark.django_db(transaction=False)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def test_read_current_gives_the_value_only_under_the_current_version_and_while_it_is_current():
    cached_read("menu", {}, lambda: {"stamp": 1})
    key = entry_key("menu", {})

    current = read_current(key, lambda value: value["stamp"] == 1)
    outdated = read_current(key, lambda value: value["stamp"] == 2)
    cache.set(VERSION_KEY, catalogue_version() + 1, timeout=None)  # another process changed the catalogue
    stale = read_current(key, lambda value: True)
    missing = read_current(entry_key("nothing", {}), lambda value: True)

    assert (current, outdated, stale, missing) == ({"stamp": 1}, None, None, None)


def hole_renders(monkeypatch, template_names) -> list[tuple[str, frozenset, str]]:
    """Every hole rendered from now on, the templates' own and the apps' registered ones:
    (its id, the names in its context, its HTML without tokens)."""
    holes = {
        id(node.nodelist): node.hole_id
        for name in template_names
        for node in get_template(name).template.nodelist.get_nodes_by_type(HoleNode)
    }
    renders = []
    render = NodeList.render

    def recording(nodelist, context):
        html = render(nodelist, context)
        if id(nodelist) in holes:
            renders.append((holes[id(nodelist)], frozenset(context.flatten()), TOKEN.sub("", html)))
        return html

    monkeypatch.setattr(NodeList, "render", recording)
    for name, renderer in list(fragments.renderers.items()):

        def recording_app_hole(request, values, name=name, renderer=renderer):
            html = renderer(request, values)
            renders.append((fragments.APP_HOLE_PREFIX + name, frozenset(values), TOKEN.sub("", html)))
            return html

        monkeypatch.setitem(fragments.renderers, name, recording_app_hole)
    return renders


PAGE_HOLES = {"base.html#header-actions", "base.html#messages"}


@pytest.mark.parametrize(
    ("path", "templates", "holes"),
    [
        ("/products/", ["base.html"], PAGE_HOLES),
        (
            "/products/miniket-rice-5kg/",
            ["base.html", "shop/product_detail.html"],
            {*PAGE_HOLES, "shop/product_detail.html#buy", "app:reviews:write"},
        ),
    ],
)
def test_a_hole_gets_the_same_context_and_html_whether_the_page_was_cached_or_just_rendered(
    path, templates, holes, rice, user, monkeypatch
):
    browser = Client()
    browser.force_login(user)
    browser.post("/cart/add/", {"product_id": rice.pk, "quantity": 2})
    WishlistItem.objects.create(user=user, product=rice, price_when_saved=rice.price)
    browser.get("/cart/")  # shows the "added" message, which is shown once
    renders = hole_renders(monkeypatch, templates)

    browser.get(path)  # rendered and stored
    missed = list(renders)
    renders.clear()
    browser.get(path)  # from the cache

    assert sorted(hole_id for hole_id, _names, _html in missed) == sorted(holes)  # each once
    assert renders == missed
    for _hole_id, names, _html in missed:
        assert "request" in names and "page" not in names and "category" not in names


def test_an_app_registers_the_chooser_of_its_choice_holes(monkeypatch, rf):
    monkeypatch.setitem(fragments.choosers, "size", lambda value, request: request.GET[f"size{value}"])
    recorder = fragments.Recorder()
    page = {"html": recorder.choice("size", 7, {"small": "S", "large": "L"}), "choices": recorder.choices}

    shown = fragments.fill_holes(page, rf.get("/", {"size7": "large"}), render_hole=None)

    assert shown == "L"
    assert fragments.choosers["wish"] is saved_state  # the wishlist's own, from its AppConfig.ready


def test_the_catalogue_imports_neither_the_wishlist_nor_the_reviews():
    shop = Path(fragments.__file__).parent
    imported = set()
    for path in shop.rglob("*.py"):
        if "tests" in path.relative_to(shop).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)

    assert not imported & {"wishlist", "reviews"}
