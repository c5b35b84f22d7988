"""Legacy catalogue reads: every sellable product from the catalogue cache, `source` telling the truth."""

import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import transaction

from shop.cache import catalogue_changed, entry_key
from shop.models import Product

from .contract import BROWSER

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["data"]]


def test_the_list_comes_from_the_database_then_from_the_cache(client, rice, oil):
    first = client.get("/api/products", **BROWSER)
    second = client.get("/api/products", **BROWSER)

    assert first.json()["source"] == "database" and second.json()["source"] == "cache"
    assert first.json()["data"] == second.json()["data"]
    assert names(first) == ["Soybean Oil 1L", "Miniket Rice 5kg"]  # newest first


def test_a_price_change_shows_on_the_next_request_from_the_database(
    client, django_capture_on_commit_callbacks, rice
):
    client.get("/api/products", **BROWSER)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Product.objects.filter(pk=rice.pk).update(price=Decimal("450.00"))
        catalogue_changed()
    response = client.get("/api/products", **BROWSER)

    assert response.json()["source"] == "database"
    assert response.json()["data"][0]["price"] == 450


def test_the_list_shows_an_orders_stock_once_its_body_is_older_than_the_bound(
    client, django_capture_on_commit_callbacks, place, rice, settings
):
    settings.LEGACY_PRODUCTS_MAX_AGE = 1
    client.get("/api/products", **BROWSER)

    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 3})
    time.sleep(1.05)  # the documented bound (LEGACY_PRODUCTS_MAX_AGE), shortened for the test
    response = client.get("/api/products", **BROWSER)

    assert response.json()["data"][0]["stock"] == 7


def test_one_product_shows_an_orders_stock_at_once(client, django_capture_on_commit_callbacks, place, rice):
    client.get(f"/api/products/{rice.pk}", **BROWSER)

    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 3})
    response = client.get(f"/api/products/{rice.pk}", **BROWSER)

    assert response.json()["data"]["stock"] == 7


def test_inactive_products_and_products_of_inactive_categories_are_left_out(
    client, rice, make_product, make_category
):
    make_product(name="Hidden soap", is_active=False)
    make_product(name="Closed shelf tea", category=make_category(name="Closed", is_active=False))

    response = client.get("/api/products", **BROWSER)

    assert names(response) == ["Miniket Rice 5kg"]


def test_one_product_comes_from_the_database_then_the_cache_and_inactive_is_404(client, rice, make_product):
    hidden = make_product(is_active=False)

    first = client.get(f"/api/products/{rice.pk}", **BROWSER)
    second = client.get(f"/api/products/{rice.pk}", **BROWSER)
    inactive = client.get(f"/api/products/{hidden.pk}", **BROWSER)

    assert (first.json()["source"], second.json()["source"]) == ("database", "cache")
    assert first.json()["data"]["id"] == rice.pk
    assert inactive.status_code == 404


def test_a_category_lists_its_products_by_name_and_an_unknown_name_gives_an_empty_list(
    client, rice, make_product, make_category
):
    spices = make_category(name="Spices & Tea/Coffee")
    make_product(name="Turmeric 200g", category=spices)

    rice_category = client.get("/api/products/category/Rice & Grains", **BROWSER)
    with_slash = client.get("/api/products/category/Spices %26 Tea%2FCoffee", **BROWSER)
    unknown = client.get("/api/products/category/Nothing", **BROWSER)

    assert rice_category.json() == {"data": [client.get(f"/api/products/{rice.pk}").json()["data"]]}
    assert names(with_slash) == ["Turmeric 200g"]
    assert unknown.status_code == 200 and unknown.json() == {"data": []}


def test_categories_are_the_names_of_active_categories_in_display_order(client, make_category):
    make_category(name="Vegetables", position=2)
    make_category(name="Fish", position=1)
    make_category(name="Closed", is_active=False)

    response = client.get("/api/categories", **BROWSER)

    assert response.json() == {"data": ["Fish", "Vegetables"]}


def test_image_urls_are_absolute_for_the_host_asked(client, rice):
    local = client.get("/api/products", **BROWSER)
    other = client.get("/api/products", HTTP_HOST="localhost", **BROWSER)

    assert local.json()["data"][0]["image_url"] == "http://testserver/static/img/product-placeholder.svg"
    assert other.json()["data"][0]["image_url"] == "http://localhost/static/img/product-placeholder.svg"
    assert other.json()["source"] == "cache"


@pytest.mark.parametrize("count", [1, 40])
def test_the_product_list_runs_one_query_whatever_the_number_of_products(
    client, django_assert_num_queries, make_product, count
):
    for _ in range(count):
        make_product()

    with django_assert_num_queries(1):
        cold = client.get("/api/products", **BROWSER)
    with django_assert_num_queries(0):
        warm = client.get("/api/products", **BROWSER)

    assert len(cold.json()["data"]) == len(warm.json()["data"]) == count


def test_a_body_built_from_rows_another_host_cached_is_only_as_fresh_as_those_rows(
    client, django_capture_on_commit_callbacks, place, rice, settings
):
    settings.LEGACY_PRODUCTS_MAX_AGE = 2
    client.get("/api/products", **BROWSER)  # the rows are read now, and this host's body built
    rows_read_at = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 3})
    time.sleep(0.8)
    client.get("/api/products", secure=True, **BROWSER)  # another base URL's body, from the same rows

    time.sleep(rows_read_at + 2.05 - time.monotonic())  # the bound, counted from when the stock was read
    response = client.get("/api/products", secure=True, **BROWSER)

    assert response.json()["data"][0]["stock"] == 7


def test_a_list_past_the_bound_is_not_served_while_another_process_rebuilds_it(
    client, django_capture_on_commit_callbacks, place, rice, settings
):
    settings.LEGACY_PRODUCTS_MAX_AGE = 1
    settings.CATALOGUE_RECOMPUTE_WAIT_SECONDS = 0.2
    client.get("/api/products", **BROWSER)
    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 3})
    time.sleep(1.05)
    for name, params in (("legacy_products", {}), ("legacy_products_body", {"base": "http://testserver/"})):
        cache.add(f"{entry_key(name, params)}:lock", 1, timeout=10)  # another process is rebuilding

    response = client.get("/api/products", **BROWSER)

    assert response.json()["data"][0]["stock"] == 7


def test_one_process_renews_the_list_before_the_bound_while_the_others_still_serve_it(client, rice, settings):
    settings.LEGACY_PRODUCTS_MAX_AGE = 4
    client.get("/api/products", **BROWSER)
    time.sleep(3.3)  # in the last fifth of the bound
    body_lock = f"{entry_key('legacy_products_body', {'base': 'http://testserver/'})}:lock"
    cache.add(body_lock, 1, timeout=10)  # another process is renewing it

    meanwhile = client.get("/api/products", **BROWSER)
    cache.delete(body_lock)
    renewed = client.get("/api/products", **BROWSER)

    assert meanwhile.json()["source"] == "cache" and renewed.json()["source"] == "database"
