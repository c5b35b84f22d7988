"""Stock coming back: the one place that notices a product going from sold out to available.

Every stock write passes here. `Product.save()` (the admin's edit page and list, seed_demo)
reaches it through the pre_save/post_save receivers in shop/signals.py; SQL increments go through
`return_stock` (a cancelled order). Orders only ever take stock away, which is never a restock.

`product_restocked` is sent inside the writing transaction with the ids of the products whose
stock went from 0 to above 0, so receivers can record it atomically with the stock and queue
their work with `transaction.on_commit`.
"""

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal

from .cache import catalogue_changed
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
