"""Legacy catalogue reads from the catalogue cache, telling truthfully whether the cache answered.

Rows are cached as the client gets them except `image_url`, which is made absolute for each
request's host (a cached absolute URL would carry the first caller's host).
"""

from shop.cache import cached_read
from shop.models import Product

from .serializers import LegacyProductOutput

CACHE = "cache"
DATABASE = "database"


def _read(name: str, params: dict, compute):
    """cached_read, and where the answer came from: `database` when compute() had to run."""
    ran = False

    def compute_and_note():
        nonlocal ran
        ran = True
        return compute()

    value = cached_read(name, params, compute_and_note)
    return value, DATABASE if ran else CACHE


def _active_products():
    return Product.objects.active().select_related("category").order_by("-created_at", "-id")


def list_legacy_products() -> tuple[list[dict], str]:
    """Every sellable product, newest first, in one query when the cache misses."""
    return _read("legacy_products", {}, lambda: LegacyProductOutput(_active_products(), many=True).data)


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

    return _read("legacy_product", {"id": product_id}, compute)
