"""Reading a cart: its lines with current products and prices."""

from dataclasses import dataclass
from decimal import Decimal

from shop.models import Product


@dataclass(frozen=True)
class CartLine:
    product: Product
    quantity: int

    @property
    def line_total(self) -> Decimal:
        return self.product.price * self.quantity

    @property
    def available(self) -> bool:
        return self.product.is_sellable and self.product.stock > 0

    @property
    def enough_stock(self) -> bool:
        return self.quantity <= self.product.stock


@dataclass(frozen=True)
class CartSummary:
    lines: list[CartLine]
    unavailable_product_ids: list[int]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.line_total for line in self.lines if line.available), Decimal("0.00"))

    @property
    def unit_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def ready_for_checkout(self) -> bool:
        return bool(self.lines) and all(line.available and line.enough_stock for line in self.lines)


def get_cart_summary(cart) -> CartSummary:
    """The cart's lines with current products and prices, in one query whatever its size.

    Products read fresh from the database (never the cache): the cart shows the stock and
    price checkout will use. Products that no longer exist are reported, not shown.
    """
    quantities = cart.quantities()
    products = Product.objects.select_related("category").in_bulk(list(quantities))
    lines = [
        CartLine(product=products[product_id], quantity=quantity)
        for product_id, quantity in quantities.items()
        if product_id in products
    ]
    return CartSummary(
        lines=lines, unavailable_product_ids=[pid for pid in quantities if pid not in products]
    )
