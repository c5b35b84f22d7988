"""Legacy catalogue reads from the catalogue cache, telling truthfully whether the cache answered.

Rows are cached as the client gets them except `image_url`, which is made absolute for each
request's host (a cached absolute URL would carry the first caller's host). The full product
list, every product in one body, is cached already encoded, per host, so a request only reads
bytes from Redis; its stock levels are at most `LEGACY_PRODUCTS_MAX_AGE` seconds old, since
orders do not bump the catalogue version (shop.cache). The body is built from the cached rows and
is as old as they are (shop.cache: an entry is as old as its oldest part), so the two caches do
not add up; past the bound neither is served, even while another process rebuilds it. A single
product reads its stock live.
"""

from django.conf import settings
from rest_framework.renderers import JSONRenderer

from shop.cache import cached_read
from shop.models import Product
from shop.selectors import current_stock

from .serializers import LegacyProductOutput

CACHE = "cache"
DATABASE = "database"


def _read(name: str, params: dict, compute, max_age: int | None = None):
    """cached_read, and where the answer came from: `database` when compute() had to run."""
    ran = False

    def compute_and_note():
        nonlocal ran
        ran = True
        return compute()

    value = cached_read(name, params, compute_and_note, max_age=max_age)
    return value, DATABASE if ran else CACHE


def _active_products():
    return Product.objects.active().select_related("category").order_by("-created_at", "-id")


def list_legacy_products() -> tuple[list[dict], str]:
    """Every sellable product, newest first, in one query when the cache misses."""
    return _read(
        "legacy_products",
        {},
        lambda: LegacyProductOutput(_active_products(), many=True).data,
        max_age=settings.LEGACY_PRODUCTS_MAX_AGE,
    )


def encoded_legacy_products(absolute_uri) -> tuple[bytes, str]:
    """The JSON array of every sellable product with absolute image URLs, encoded once per host."""

    def encode():
        rows, source = list_legacy_products()
        rows = [{**row, "image_url": absolute_uri(row["image_url"])} for row in rows]
        return JSONRenderer().render(rows), source

    (body, rows_source), body_source = _read(
        "legacy_products_body", {"base": absolute_uri("/")}, encode, max_age=settings.LEGACY_PRODUCTS_MAX_AGE
    )
    return body, CACHE if body_source == CACHE else rows_source


def list_legacy_products_in_category(name: str) -> tuple[list[dict], str]:
    """The products whose category is called exactly `name` (the names /api/categories gives)."""
    rows, source = list_legacy_products()
    return [row for row in rows if row["category"] == name], source


def get_legacy_product(product_id: int) -> tuple[dict | None, str]:
    """One sellable product's row, or None; ids outside the database's range are simply unknown."""
    if not 0 < product_id < 2**63:
        return None, DATABASE

    def compute():
        product = _active_products().filter(pk=product_id).first()
        return LegacyProductOutput(product).data if product is not None else None

    row, source = _read("legacy_product", {"id": product_id}, compute)
    if row is not None:
        row["stock"] = current_stock([product_id]).get(product_id, 0)
    return row, source
