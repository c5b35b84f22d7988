"""Visitors without a session are answered from a copy of the cached page with its holes filled
in for nobody, before the session, auth and messages middleware (shop.sessionless): nobody's
parts ever reach it, a visitor with a session never gets it, and stock and prices stay live."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.middleware.csrf import _does_token_match
from django.test import Client, RequestFactory

from shop.models import Product
from shop.sessionless import has_no_session
from wishlist.models import WishlistItem

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CART_COUNT = re.compile(r'<span class="cart-count">([^<]*)</span>')
PAGES = ["/", "/products/", "/products/?sort=price_asc", "/category/rice-grains/", "/bn/products/"]


def rename_behind_the_cache(product, name: str) -> None:
    """A write that sends no signal: a page still showing the old name came from the cache."""
    Product.objects.filter(pk=product.pk).update(name=name, name_bn=name)


def cart_count(page: str) -> list[str]:
    """The header's cart count, in ASCII digits (a Bangla page shows Bangla ones)."""
    return [count.translate(BANGLA_DIGITS) for count in CART_COUNT.findall(page)]


BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")


def shopper(units: int, product, user=None) -> Client:
    browser = Client()
    if user is not None:
        browser.force_login(user)
    browser.post("/cart/add/", {"product_id": product.pk, "quantity": units})
    return browser


def sessionless_copies() -> list[str]:
    return cache.keys("catalogue:fragment:*:sessionless")


@pytest.mark.parametrize("path", [*PAGES, "/products/miniket-rice-5kg/"])
def test_a_visitor_without_a_session_is_answered_from_the_copy_with_one_query(
    path, rice, oil, django_assert_num_queries
):
    Client().get(path)  # renders the page and keeps its copy for visitors without a session
    rename_behind_the_cache(rice, "Renamed Rice")

    with django_assert_num_queries(1):  # the stock of the products on the page, nothing else
        answer = Client().get(path)

    page = answer.content.decode()
    assert answer.status_code == 200
    assert (rice.name_bn if path.startswith("/bn/") else rice.name) in page and "Renamed Rice" not in page
    assert "<!--hole:" not in page and cart_count(page) == ["0"]
    assert "sessionid" not in answer.cookies
    assert answer["Content-Language"] == ("bn" if path.startswith("/bn/") else "en")
    assert answer["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in answer
    assert answer.wsgi_request.resolver_match.view_name.startswith("shop:")  # for the request metrics


def test_the_copy_carries_the_headers_the_whole_stack_gives(rice):
    first = Client().get("/products/")
    second = Client().get("/products/")

    assert sessionless_copies()
    for name in ("Content-Type", "Vary", "Content-Language", "X-Frame-Options", "Content-Security-Policy"):
        assert second[name] == first[name], name
    assert second.cookies["csrftoken"]["samesite"] == first.cookies["csrftoken"]["samesite"] == "Lax"


def test_its_token_works_for_a_new_visitor_and_for_one_who_has_a_csrf_cookie(rice):
    Client().get("/products/")
    new, returning = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    returning.get("/products/?sort=name")  # another page: the CSRF cookie, still no session
    secret = returning.cookies["csrftoken"].value

    first_page = new.get("/products/")
    again = returning.get("/products/")

    for browser, answer in ((new, first_page), (returning, again)):
        tokens = TOKEN.findall(answer.content.decode())
        assert tokens and all(_does_token_match(t, browser.cookies["csrftoken"].value) for t in tokens)
    assert again.cookies["csrftoken"].value == secret  # the same secret, its expiry renewed
    added = new.post(
        "/cart/add/",
        {
            "product_id": rice.pk,
            "quantity": 1,
            "csrfmiddlewaretoken": TOKEN.findall(first_page.content.decode())[0],
        },
    )
    assert added.status_code == 302
    assert cart_count(new.get("/products/").content.decode()) == ["1"]  # now with a session


@pytest.mark.parametrize("path", [*PAGES, "/products/miniket-rice-5kg/"])
def test_no_shoppers_parts_ever_reach_a_visitor_without_a_session(path, rice, oil, user):
    rahim = shopper(3, rice, user=user)
    WishlistItem.objects.create(user=user, product=rice, price_when_saved=rice.price)
    own = rahim.get(path).content.decode()  # rendered for Rahim first: the page is cached then

    nobody = Client().get(path).content.decode()
    again = Client().get(path).content.decode()  # from the copy

    assert cart_count(own) == ["3"] and "Rahim" in own and 'aria-pressed="true"' in own
    for page in (nobody, again):
        assert cart_count(page) == ["0"] and "Rahim" not in page and 'aria-pressed="true"' not in page
        assert not any(_does_token_match(t, rahim.cookies["csrftoken"].value) for t in TOKEN.findall(page))


@pytest.mark.parametrize("path", PAGES)
def test_a_visitor_with_a_session_never_gets_the_copy(path, rice, oil, user):
    Client().get(path)
    Client().get(path)  # the copy is there and served
    assert sessionless_copies()
    with_cart = shopper(2, oil)
    signed_in = Client()
    signed_in.force_login(user)

    assert cart_count(with_cart.get(path).content.decode()) == ["2"]
    assert "Rahim" in signed_in.get(path).content.decode()


def test_a_visitor_with_messages_waiting_goes_through_the_whole_stack(rice):
    Client().get("/products/")
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    waiting = storage._encode([Message(constants.SUCCESS, "Your order is on its way")])
    visitor = Client()
    visitor.cookies[CookieStorage.cookie_name] = waiting

    page = visitor.get("/products/").content.decode()

    assert "Your order is on its way" in page
    assert "Your order is on its way" not in Client().get("/products/").content.decode()


def test_only_a_get_without_session_or_message_cookies_has_no_session():
    factory = RequestFactory()
    with_session = factory.get("/")
    with_session.COOKIES["sessionid"] = "x"
    with_messages = factory.get("/")
    with_messages.COOKIES["messages"] = "x"

    assert has_no_session(factory.get("/"))
    assert not has_no_session(factory.head("/")) and not has_no_session(factory.post("/"))
    assert not has_no_session(with_session) and not has_no_session(with_messages)


def test_stock_and_prices_reach_visitors_without_a_session_on_the_next_request(
    rice, place, django_capture_on_commit_callbacks
):
    Client().get("/products/")
    Client().get(f"/products/{rice.slug}/")
    Client().get("/products/")  # from the copy

    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 7})  # 10 → 3: "only 3 left"
    low = Client().get("/products/").content.decode()
    detail = Client().get(f"/products/{rice.slug}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        rice.price = Decimal("399.00")
        rice.save()
    repriced = Client().get("/products/").content.decode()

    assert "Only 3 left" in low and 'max="3"' in detail and "Only 3 left" in detail
    assert "399" in repriced and "420" not in repriced


def test_a_sold_out_product_shows_sold_out_to_visitors_without_a_session(rice):
    Client().get(f"/products/{rice.slug}/")
    Client().get(f"/products/{rice.slug}/")
    Product.objects.filter(pk=rice.pk).update(stock=0)  # as the last order does

    page = Client().get(f"/products/{rice.slug}/").content.decode()

    assert "out of stock right now" in page and 'name="quantity"' not in page


def test_other_pages_and_unknown_addresses_go_through_the_whole_stack(rice):
    assert Client().get("/cart/").status_code == 200
    assert Client().get("/products/no-such-thing/").status_code == 404
    assert Client().get("/no-such-page/").status_code == 404
    assert not sessionless_copies()
