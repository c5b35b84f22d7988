"""Unknown query parameters (utm_*, fbclid, junk) share the cached page or API body of the
parameters the page understands (SPEC §10, §17; shop.parameters)."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client

from shop.models import Product

pytestmark = pytest.mark.django_db

JUNK = "utm_source=newsletter&utm_campaign=eid&fbclid=IwAR0x&x"


def cached(name: str) -> list[str]:
    """The entries of this name, without the copies kept for visitors without a session."""
    return [key for key in cache.keys(f"catalogue:{name}:*") if not key.endswith(":sessionless")]


def rename_behind_the_cache(product, name: str) -> None:
    """A write that sends no signal: a page still showing the old name came from the cache."""
    Product.objects.filter(pk=product.pk).update(name=name)


@pytest.mark.parametrize(
    ("path", "understood"),
    [
        ("/", ""),
        ("/products/", ""),
        ("/products/", "q=rice"),
        ("/products/", "sort=price_asc&in_stock=1"),
        ("/category/rice-grains/", "page=1"),
        ("/products/miniket-rice-5kg/", "reviews_page=1"),
    ],
)
def test_unknown_parameters_are_served_the_cached_page_of_those_the_page_understands(path, understood, rice):
    Client().get(f"{path}?{understood}")
    rename_behind_the_cache(rice, "Renamed Rice")

    pages = [
        Client().get(f"{path}?{understood}&utm_source=facebook").content.decode(),
        Client().get(f"{path}?fbclid=IwAR0x&{understood}").content.decode(),
        Client().get(f"{path}?{JUNK}&{understood}").content.decode(),
    ]

    [page_key] = cached("fragment")
    assert cache.keys(f"{page_key}:*") == [f"{page_key}:sessionless"]  # its one copy (shop.sessionless)
    for page in pages:
        assert "Miniket Rice 5kg" in page and "Renamed Rice" not in page  # the cached render
        assert "utm_" not in page and "fbclid" not in page  # no link carries them on


def test_the_understood_parameters_in_any_order_share_one_page_that_still_sorts_and_filters(make_product):
    dear = make_product(name="Dear Ghee", price=Decimal("900.00"))
    cheap = make_product(name="Cheap Salt", price=Decimal("40.00"))
    make_product(name="Sold Out Sugar", price=Decimal("10.00"), stock=0)

    first = Client().get("/products/?sort=price_asc&in_stock=1&utm_medium=email").content.decode()
    second = Client().get("/products/?in_stock=1&fbclid=IwAR0x&sort=price_asc&min_price=").content.decode()

    assert len(cached("fragment")) == 1
    for page in (first, second):
        assert page.index(cheap.name) < page.index(dear.name)
        assert "Sold Out Sugar" not in page


def test_an_api_list_with_unknown_parameters_shares_the_body_of_those_it_understands(api_client, rice, oil):
    api_client.get("/api/v1/products/?page_size=1&ordering=price")
    rename_behind_the_cache(rice, "Renamed Rice")

    bodies = [
        api_client.get("/api/v1/products/?ordering=price&page_size=1&utm_source=app").json(),
        api_client.get(f"/api/v1/products/?{JUNK}&page_size=1&ordering=price").json(),
    ]

    assert len(cached("api_product_page")) == 1
    for body in bodies:
        assert [row["name"] for row in body["results"]] == ["Soybean Oil 1L"]  # cheapest first
        assert body["next"] == "http://testserver/api/v1/products/?ordering=price&page=2&page_size=1"
    assert (
        api_client.get("/api/v1/products/?ordering=price&page=2&page_size=1").json()["results"][0]["name"]
        == "Renamed Rice"
    )  # a page nobody asked for yet is read from the database
