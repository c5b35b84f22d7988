"""Stock coming back: the one place that notices a product going from sold out to available.

Every stock write passes here. `Product.save()` (seed_demo, a new product) reaches it through
the pre_save/post_save receivers in shop/signals.py; SQL writes go through `set_stock` (the
admin's edit page and list) and `return_stock` (a cancelled order). Orders only ever take stock
away, which is never a restock.

`product_restocked` is sent inside the writing transaction with the ids of the products whose
stock went from 0 to above 0, so receivers can record it atomically with the stock and queue
their work with `transaction.on_commit`.
"""

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from .cache import catalogue_changed
from .exceptions import StockMoved
from .models import Product

product_restocked = Signal()  # sender=Product, product_ids=list[int]


def stock_levels(product_ids) -> dict[int, int]:
    """Current stock by product id; inside a transaction the rows stay locked (in pk order)."""
    products = Product.objects.filter(pk__in=product_ids).order_by("pk")
    if transaction.get_connection().in_atomic_block:
        products = products.select_for_update()
    return dict(products.values_list("pk", "stock"))


def announce_restocks(*, before: dict[int, int], after: dict[int, int]) -> list[int]:
    """Send product_restocked for the products that went from 0 to above 0; returns their ids."""
    restocked = sorted(pk for pk, stock in before.items() if stock <= 0 < after.get(pk, 0))
    if restocked:
        product_restocked.send(sender=Product, product_ids=restocked)
    return restocked


@transaction.atomic
def return_stock(*, quantities: dict[int, int]) -> list[int]:
    """Put units back on the shelf, e.g. the lines of a cancelled order.

    Locks the product rows in pk order (as placing an order does, so the two cannot deadlock);
    unknown ids are ignored. Returns the ids of the products this restocked.
    """
    before = stock_levels(quantities)
    for pk in before:
        Product.objects.filter(pk=pk).update(stock=F("stock") + quantities[pk])
    restocked = announce_restocks(before=before, after={pk: before[pk] + quantities[pk] for pk in before})
    if restocked:  # back on "in stock" lists; other levels are read live (shop.cache)
        catalogue_changed()
    return restocked


@transaction.atomic
def set_stock(*, product_id: int, stock: int, expected: int | None) -> bool:
    """Set a product's stock to `stock`, if it is still `expected` (the figure the staff member saw).

    Raises StockMoved with the stock now (nothing written) when an order changed it meanwhile.
    The compare-and-set update keeps the row locked until commit, so an order cannot slip in
    after it. Sends product_restocked when the stock goes from 0 to above 0, and tells the
    catalogue cache on commit. Returns whether this restocked the product.
    """
    written = Product.objects.filter(pk=product_id, stock=expected).update(
        stock=stock, updated_at=timezone.now()
    )
    if not written:
        raise StockMoved(Product.objects.values_list("stock", flat=True).get(pk=product_id))
    restocked = announce_restocks(before={product_id: expected}, after={product_id: stock})
    catalogue_changed()
    return bool(restocked)
