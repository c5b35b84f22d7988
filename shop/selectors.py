"""Catalogue reads, shared by the storefront pages and the APIs."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection

from .cache import cached_read
from .models import Category, Product, stock_state

SORTS = {
    "newest": ("-created_at", "-id"),
    "price_asc": ("price", "id"),
    "price_desc": ("-price", "-id"),
    "name": ("name", "id"),
}
DEFAULT_SORT = "newest"


@dataclass(frozen=True)
class ProductFilters:
    """What a shopper asked for on a product list; every field already validated."""

    q: str = ""
    category: Category | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool = False
    sort: str = ""

    def cache_params(self) -> dict:
        return {
            "q": self.q,
            "category": self.category.pk if self.category else None,
            "min_price": self.min_price,
            "max_price": self.max_price,
            "in_stock": self.in_stock,
            "sort": self.sort,
        }


@dataclass
class ProductPage:
    """One page of a product list: the ids of its products, in order (their cards come from
    shop.cards), and where it is in the list."""

    product_ids: list[int]
    number: int
    count: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


class PageOutOfRange(Exception):
    pass


def list_categories() -> list[Category]:
    """Active categories in display order (cached)."""
    return cached_read("categories", {}, lambda: list(Category.objects.active().select_related("parent")))


def get_category(slug: str) -> Category | None:
    return next((category for category in list_categories() if category.slug == slug), None)


def category_with_children_ids(category: Category) -> list[int]:
    return [category.pk] + [child.pk for child in list_categories() if child.parent_id == category.pk]


def get_product_page(filterset, number: int) -> ProductPage:
    """One page of a product list filtered by a `shop.filters.ProductFilter` (cached).

    Raises PageOutOfRange past the last page.
    """

    params = filterset.values().cache_params()

    def compute() -> ProductPage:
        ids = filterset.qs.values_list("pk", flat=True)
        paginator = Paginator(ids, settings.PRODUCTS_PER_PAGE, allow_empty_first_page=True)
        # Counting the whole list is the dear part of a page nobody asked for yet; the count does
        # not depend on the sort or the page, so every page and sort of one filter shares it.
        unsorted = {key: value for key, value in params.items() if key != "sort"}
        paginator.count = cached_read("product_count", unsorted, filterset.qs.count)
        if number > paginator.num_pages:
            return ProductPage(
                product_ids=[], number=number, count=paginator.count, num_pages=paginator.num_pages
            )
        page = paginator.page(number)
        return ProductPage(
            product_ids=list(page.object_list),
            number=number,
            count=paginator.count,
            num_pages=paginator.num_pages,
        )

    # Named for its shape (ids, not products): during a rolling deploy the two releases share
    # one Redis, and neither may read the other's pages.
    page = cached_read("product_page_ids", {**params, "page": number}, compute)
    if number > page.num_pages:
        raise PageOutOfRange(number)
    return page


def list_new_arrivals(limit: int = 8) -> list[Product]:
    return cached_read(
        "new_arrivals",
        {"limit": limit},
        lambda: list(
            Product.objects.active().select_related("category").order_by("-created_at", "-id")[:limit]
        ),
    )


def get_product(slug: str) -> Product | None:
    """An active product by slug (cached), or None."""
    return cached_read(
        "product",
        {"slug": slug},
        lambda: (
            Product.objects.active().select_related("category", "category__parent").filter(slug=slug).first()
        ),
    )


def get_product_by_id(product_id: int) -> Product | None:
    """An active product by id (cached), or None; ids outside the database's range are simply unknown."""
    if not 0 < product_id < 2**63:
        return None
    return cached_read(
        "product_by_id",
        {"id": product_id},
        lambda: Product.objects.active().select_related("category").filter(pk=product_id).first(),
    )


@dataclass(frozen=True)
class Stocked:
    """A product's id with its stock now: what a page of cards needs to choose them."""

    pk: int
    stock: int


def stocked(product_ids: list[int]) -> list[Stocked]:
    """These products with their current stock, in order (one query)."""
    levels = current_stock(product_ids)
    return [Stocked(pk, levels.get(pk, 0)) for pk in product_ids]


def live_stock(products: list[Product]) -> list[Product]:
    """Give products read from the cache their current stock, in one query.

    Cached rows carry the catalogue (names, prices), not the stock: orders change stock without
    touching the cache (shop.cache), so whatever shows a stock level reads it here.
    """
    levels = current_stock([product.pk for product in products])
    for product in products:
        product.stock = levels.get(product.pk, 0)
    return products


def current_stock(product_ids: list[int]) -> dict[int, int]:
    """Stock by product id, read now (one query; none for no ids).

    Every cached catalogue page and API read runs this, so on PostgreSQL it is one fixed
    statement rather than a queryset: building the query took two thirds of the time the
    database took to answer. `= ANY(array)` is PostgreSQL's; other databases (SQLite under
    `make run`) take the queryset.
    """
    if not product_ids:
        return {}
    if connection.vendor != "postgresql":
        return dict(Product.objects.filter(pk__in=product_ids).values_list("pk", "stock"))
    with connection.cursor() as cursor:
        cursor.execute(STOCK_OF_IDS, [list(product_ids)])
        return dict(cursor.fetchall())


STOCK_OF_IDS = f"SELECT id, stock FROM {Product._meta.db_table} WHERE id = ANY(%s)"  # noqa: S608 - our own table


def stock_stamp(products: list[Product]) -> str:
    """The stock states a page shows, exactly as it shows them ("only 3 left" included): a page
    rendered under one stamp is right for every stock level with the same stamp."""
    return _stamp((product.pk, product.stock) for product in products)


def stamp_of_levels(product_ids: list[int], levels: dict[int, int]) -> str:
    """stock_stamp of the products with these ids at these levels (current_stock's answer)."""
    return _stamp((pk, levels.get(pk, 0)) for pk in product_ids)


def shown_stock(stock: int) -> int | None:
    """The stock level a page shows in figures ("only 3 left"), or None when it shows a state."""
    return stock if 0 < stock <= settings.LOW_STOCK_THRESHOLD else None


def shown_state(stock: int) -> str:
    """What a page shows of a stock level: the figure when low ("only 3 left"), else its state."""
    return str(stock) if shown_stock(stock) is not None else stock_state(stock)


def _stamp(levels) -> str:
    return ",".join(f"{pk}:{shown_state(stock)}" for pk, stock in levels)
