"""Catalogue pages cached as rendered HTML: per-shopper parts stay per-shopper, prices reach every
door at once, and orders change stock without wiping the cache (shop.cache, fragments)."""

import re
import threading
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.middleware.csrf import _does_token_match
from django.test import Client

from shop.cache import VERSION_KEY, cached_read, catalogue_version, entry_key
from shop.models import Product
from wishlist.models import WishlistItem

pytestmark = pytest.mark.django_db(transaction=False)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CART_COUNT = re.compile(r'<span class="cart-count">([^<]*)</span>')


def shopper(units: int, product, user=None) -> Client:
    browser = Client()
    if user is not None:
        browser.force_login(user)
    browser.post("/cart/add/", {"product_id": product.pk, "quantity": units})
    return browser


def rename_behind_the_cache(product, name: str) -> None:
    """A write that sends no signal: a page still showing the old name came from the cache."""
    Product.objects.filter(pk=product.pk).update(name=name)


@pytest.mark.parametrize("path", ["/", "/products/", "/products/?sort=price_asc", "/category/rice-grains/"])
def test_two_shoppers_share_the_cached_page_but_never_each_others_parts(path, rice, oil, user, other_user):
    rahim = shopper(3, rice, user=user)
    karim = shopper(1, oil, user=other_user)
    WishlistItem.objects.create(user=user, product=rice, price_when_saved=rice.price)
    first = rahim.get(path)
    rename_behind_the_cache(oil, "Renamed Oil")

    second = karim.get(path)

    rahim_page, karim_page = first.content.decode(), second.content.decode()
    assert "Soybean Oil 1L" in karim_page and "Renamed Oil" not in karim_page  # the cached render
    assert CART_COUNT.findall(rahim_page) == ["3"] and CART_COUNT.findall(karim_page) == ["1"]
    assert "Rahim" in rahim_page and "Rahim" not in karim_page and "Karim" in karim_page
    for browser, page, other in ((rahim, rahim_page, karim), (karim, karim_page, rahim)):
        tokens = TOKEN.findall(page)
        assert tokens
        secret, other_secret = browser.cookies["csrftoken"].value, other.cookies["csrftoken"].value
        assert all(_does_token_match(token, secret) for token in tokens)
        assert not any(_does_token_match(token, other_secret) for token in tokens)
    assert "<!--hole:" not in rahim_page + karim_page
    rice_card = lambda page: page[page.index(f'id="product-{rice.pk}"') :].split("</article>")[0]  # noqa: E731
    assert 'aria-pressed="true"' in rice_card(rahim_page)  # Rahim saved it
    assert 'aria-pressed="false"' in rice_card(karim_page)


def test_a_guest_without_a_session_gets_the_cached_page_with_a_working_token(rice):
    Client().get("/products/")
    rename_behind_the_cache(rice, "Renamed Rice")
    guest = Client(enforce_csrf_checks=True)

    page = guest.get("/products/").content.decode()
    token = TOKEN.findall(page)[0]
    added = guest.post("/cart/add/", {"product_id": rice.pk, "quantity": 1, "csrfmiddlewaretoken": token})

    assert "Miniket Rice 5kg" in page
    assert added.status_code == 302
    assert CART_COUNT.findall(guest.get("/cart/").content.decode()) == ["1"]


def test_messages_are_shown_once_and_only_to_their_shopper(rice):
    guest, other = Client(), Client()
    other.get("/products/")

    guest.post("/cart/add/", {"product_id": rice.pk, "quantity": 1, "stay": "1", "next": "/products/"})

    assert 'class="message message-' in guest.get("/products/").content.decode()
    assert 'class="message message-' not in guest.get("/products/").content.decode()
    assert 'class="message message-' not in other.get("/products/").content.decode()


def test_the_detail_page_reads_stock_live_and_keeps_the_review_form_per_shopper(rice, user):
    anonymous = Client()
    anonymous.get(f"/products/{rice.slug}/")
    Product.objects.filter(pk=rice.pk).update(stock=4)  # as an order does, without a signal
    signed_in = Client()
    signed_in.force_login(user)

    page = anonymous.get(f"/products/{rice.slug}/").content.decode()
    own = signed_in.get(f"/products/{rice.slug}/").content.decode()

    assert 'max="4"' in page and "Only 4 left" in page
    assert "Sign in" in page[page.index('id="reviews"') :]
    assert "Rahim" in own and "Rahim" not in page


def prices_everywhere(product) -> dict[str, str]:
    browser = Client()
    return {
        "list": browser.get("/products/").content.decode(),
        "detail": browser.get(f"/products/{product.slug}/").content.decode(),
        "api list": browser.get("/api/v1/products/").content.decode(),
        "api detail": browser.get(f"/api/v1/products/{product.pk}/").content.decode(),
        "legacy list": browser.get("/api/products").content.decode(),
        "legacy detail": browser.get(f"/api/products/{product.pk}").content.decode(),
    }


def test_a_price_change_reaches_both_pages_and_both_apis_on_the_next_request(
    rice, django_capture_on_commit_callbacks
):
    before = prices_everywhere(rice)
    assert all("420" in body for body in before.values())

    with django_capture_on_commit_callbacks(execute=True):
        rice.price = Decimal("399.00")
        rice.save()

    after = prices_everywhere(rice)
    assert {door: "399" in body and "420" not in body for door, body in after.items()} == dict.fromkeys(
        after, True
    )


def test_an_order_leaves_the_catalogue_cache_alone_but_its_stock_shows_at_once(
    rice, oil, place, django_capture_on_commit_callbacks
):
    Client().get("/products/")
    version = catalogue_version()
    rename_behind_the_cache(oil, "Renamed Oil")

    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 7})  # 10 → 3: "only 3 left" on rice's card; oil's card untouched

    page = Client().get("/products/").content.decode()
    api = Client().get(f"/api/v1/products/{rice.pk}/").json()
    assert catalogue_version() == version
    assert "Only 3 left" in page and api["stock"] == 3 and api["stock_state"] == "low_stock"
    assert cached_read("probe", {}, lambda: "computed") == "computed"  # the cache itself works


def test_an_order_that_takes_an_ordinary_amount_does_not_render_the_page_again(
    make_product, place, django_capture_on_commit_callbacks
):
    plenty = make_product(name="Plenty Rice", stock=500)
    Client().get("/products/")
    rename_behind_the_cache(plenty, "Renamed Plenty")

    with django_capture_on_commit_callbacks(execute=True):
        place({plenty: 2})  # 500 → 498: still "in stock"

    page = Client().get("/products/").content.decode()
    assert "Plenty Rice" in page  # the cached render: the order did not invalidate it
    assert Client().get(f"/api/v1/products/{plenty.pk}/").json()["stock"] == 498


def test_selling_out_takes_the_product_off_in_stock_lists(
    rice, oil, place, django_capture_on_commit_callbacks
):
    assert "Miniket Rice 5kg" in Client().get("/products/?in_stock=1").content.decode()
    version = catalogue_version()

    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 10})

    assert catalogue_version() != version
    assert "Miniket Rice 5kg" not in Client().get("/products/?in_stock=1").content.decode()


def test_the_version_is_read_from_the_cache_once_per_request():
    before = catalogue_version()
    request_started.send(sender=None)
    try:
        assert catalogue_version() == before
        cache.set(VERSION_KEY, before + 5, timeout=None)  # another process bumps it mid-request
        assert catalogue_version() == before  # this request keeps the version it started with
    finally:
        request_finished.send(sender=None)
    assert catalogue_version() == before + 5


def test_an_expired_entry_is_recomputed_once_while_many_ask_for_it():
    calls = []

    def slow_compute():
        calls.append(1)
        time.sleep(0.3)
        return "page"

    answers = []
    threads = [
        threading.Thread(target=lambda: answers.append(cached_read("stampede", {}, slow_compute)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == ["page"] * 8
    assert len(calls) == 1


def test_while_one_process_recomputes_a_stale_entry_the_others_serve_the_previous_value(
    django_capture_on_commit_callbacks,
):
    assert cached_read("menu", {}, lambda: "old") == "old"
    cache.incr(VERSION_KEY)  # the catalogue changed
    cache.add(entry_key("menu", {}) + ":lock", 1, timeout=10)  # another process is recomputing

    assert cached_read("menu", {}, lambda: "new") == "old"

    cache.delete(entry_key("menu", {}) + ":lock")
    assert cached_read("menu", {}, lambda: "new") == "new"


def test_without_redis_reads_are_computed_each_time(settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    calls = []

    for _ in range(2):
        assert cached_read("offline", {}, lambda: calls.append(1) or "fresh") == "fresh"

    assert len(calls) == 2


def test_every_sort_and_page_of_one_filter_shares_one_count(make_product, django_assert_max_num_queries):
    for _ in range(30):
        make_product()
    Client().get("/products/?sort=name")

    with django_assert_max_num_queries(3) as captured:
        page = Client().get("/products/?sort=price_desc&page=2")

    assert page.status_code == 200 and "Page 2 of 2" in page.content.decode()
    assert not any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


def test_pages_cached_by_one_release_are_not_served_by_another(tmp_path):
    """A rolling deploy runs two releases against one Redis: their templates key their pages."""
    from shop.fragments import templates_digest

    (tmp_path / "base.html").write_text("{% hole 'header' %}{% endhole %}")
    before = templates_digest((tmp_path,))
    (tmp_path / "base.html").write_text("{% hole 'header' %}{% endhole %}{% hole 'footer' %}{% endhole %}")
    templates_digest.cache_clear()

    assert templates_digest((tmp_path,)) != before
