"""Product cards are cached one by one and shared by every page that shows them (shop.cards):
a cold page reads only its ids, their stock and the cards; each page's forms still come back to
that page, and each shopper still sees their own wishlist hearts."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.middleware.csrf import _does_token_match, get_token
from django.template import engines
from django.test import Client, RequestFactory

from shop.models import Product
from shop.selectors import stocked
from wishlist.models import WishlistItem

pytestmark = pytest.mark.django_db

NEXT = re.compile(r'name="next" value="([^"]*)"')


def card_of(page: str, product) -> str:
    return page[page.index(f'id="product-{product.pk}"') :].split("</article>")[0]


def rename_behind_the_cache(product, name: str) -> None:
    """A write that sends no signal: a card still showing the old name came from the cache."""
    Product.objects.filter(pk=product.pk).update(name=name)


def test_a_card_rendered_for_one_page_is_the_one_every_other_page_shows(rice, oil):
    Client().get("/products/")
    rename_behind_the_cache(rice, "Renamed Rice")

    pages = [
        Client().get(path).content.decode() for path in ("/", "/products/?sort=name", "/products/?q=rice")
    ]

    for page in pages:
        assert "Miniket Rice 5kg" in card_of(page, rice) and "Renamed Rice" not in page
    assert len(cache.keys("catalogue:card:*")) == 2  # one card per product and language


def test_a_cold_page_of_cached_cards_reads_only_its_ids_and_their_stock(rice, oil, django_assert_num_queries):
    Client().get("/products/")

    with django_assert_num_queries(2) as queries:  # the page's ids (its count is cached), their stock
        answer = Client().get("/products/?sort=price_asc")

    assert answer.status_code == 200 and "Soybean Oil 1L" in answer.content.decode()
    assert "shop_product" in queries.captured_queries[0]["sql"]
    assert queries.captured_queries[1]["sql"].startswith("SELECT id, stock FROM shop_product")


def test_each_page_s_forms_come_back_to_that_page(rice, oil):
    Client().get("/products/")

    for path in ("/products/?sort=name", "/category/rice-grains/", "/"):
        card = card_of(Client().get(path).content.decode(), rice)
        assert NEXT.findall(card) == [f"{path}#product-{rice.pk}", path]  # add to cart, then save


def test_the_page_address_in_a_shared_card_is_escaped(rice):
    Client().get("/products/")

    page = Client().get("/products/", {"q": 'rice"><script>', "sort": "name"}).content.decode()

    assert "<script>" not in page
    assert NEXT.findall(card_of(page, rice))[1] == "/products/?q=rice%22%3E%3Cscript%3E&amp;sort=name"


def test_a_stock_state_or_a_price_renders_the_card_again_and_an_ordinary_sale_does_not(
    rice, place, django_capture_on_commit_callbacks
):
    Client().get("/products/")
    rename_behind_the_cache(rice, "Renamed Rice")

    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 1})  # 10 → 9: still "in stock", the same card
    same = card_of(Client().get("/products/?sort=name").content.decode(), rice)
    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 6})  # 9 → 3: "only 3 left", a card of its own
    low = card_of(Client().get("/products/?sort=price_asc").content.decode(), rice)
    with django_capture_on_commit_callbacks(execute=True):
        rice.refresh_from_db()
        rice.price = Decimal("399.00")
        rice.save()
    repriced = card_of(Client().get("/products/?sort=price_desc").content.decode(), rice)

    assert "Miniket Rice 5kg" in same and "In stock" in same
    assert "Renamed Rice" in low and "Only 3 left" in low
    assert "399" in repriced and "420" not in repriced


def test_shared_cards_keep_each_shopper_s_hearts(rice, oil, user, other_user):
    Client().get("/products/")  # the cards are cached by a visitor who saved nothing
    WishlistItem.objects.create(user=user, product=rice, price_when_saved=rice.price)
    rahim, karim = Client(), Client()
    rahim.force_login(user)
    karim.force_login(other_user)

    for path in ("/products/?sort=name", "/products/?sort=name", "/"):
        mine, theirs = rahim.get(path).content.decode(), karim.get(path).content.decode()
        assert 'aria-pressed="true"' in card_of(mine, rice) and 'aria-pressed="false"' in card_of(mine, oil)
        assert 'aria-pressed="false"' in card_of(theirs, rice)


def test_cards_outside_a_cached_page_are_filled_in_for_their_shopper(rice, user):
    WishlistItem.objects.create(user=user, product=rice, price_when_saved=rice.price)
    request = RequestFactory().get("/elsewhere/")
    request.user = user
    request.session = {}
    template = engines["django"].from_string("{% load fragments %}{% product_cards products next %}")

    html = template.render({"products": stocked([rice.pk]), "next": "/elsewhere/"}, request)

    assert "<!--" not in html and 'aria-pressed="true"' in html
    secret = request.META["CSRF_COOKIE"]
    assert get_token(request) and all(
        _does_token_match(token, secret)
        for token in re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    )
