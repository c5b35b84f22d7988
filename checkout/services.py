"""Cart changes: lines (each checks the product and its stock) and the cart's one promo code.

Every change raises and changes nothing on error.
"""

from django.utils.translation import gettext as _

from dhakacart.money import fill_numbers
from promotions.models import Voucher
from promotions.selectors import check_voucher
from shop.models import Product, shortage_message

from .cart import MAX_LINES, MAX_QUANTITY
from .exceptions import InvalidQuantity, NotEnoughStock, ProductUnavailable
from .pricing import Pricing, price_cart
from .selectors import get_cart_summary


def _sellable_product(product_id: int) -> Product:
    product = Product.objects.active().filter(pk=product_id).only("id", "name", "name_bn", "stock").first()
    if product is None:
        raise ProductUnavailable(_("That product is not available."))
    return product


def _check_quantity(product: Product, quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidQuantity(
            fill_numbers(_("Choose a quantity from 1 to %(max)s."), max=MAX_QUANTITY),
            extra={"max": MAX_QUANTITY},
        )
    if product.stock <= 0 or quantity > product.stock:
        raise NotEnoughStock(
            shortage_message(product.display_name, product.stock),
            extra={"product_id": product.pk, "available": max(product.stock, 0)},
        )


def add_to_cart(cart, *, product_id: int, quantity: int) -> int:
    """Add units of a product; returns the line's new quantity.

    Raises ProductUnavailable (inactive or unknown), InvalidQuantity (outside 1–99 in total,
    or a 51st line), NotEnoughStock (more than the shop has).
    """
    product = _sellable_product(product_id)
    quantities = cart.quantities()
    if product_id not in quantities and len(quantities) >= MAX_LINES:
        raise InvalidQuantity(
            fill_numbers(_("A cart can hold at most %(max)s different products."), max=MAX_LINES)
        )
    if quantity < 1:
        _check_quantity(product, quantity)
    new_quantity = quantities.get(product_id, 0) + quantity
    _check_quantity(product, new_quantity)
    cart.set_quantity(product_id, new_quantity)
    return new_quantity


def update_cart_quantity(cart, *, product_id: int, quantity: int) -> None:
    """Set a line's quantity (0 removes it). Raises as add_to_cart does."""
    if quantity == 0:
        cart.remove(product_id)
        return
    if product_id not in cart.quantities():
        raise ProductUnavailable(_("That product is not in your cart."))
    _check_quantity(_sellable_product(product_id), quantity)
    cart.set_quantity(product_id, quantity)


def remove_from_cart(cart, *, product_id: int) -> None:
    cart.remove(product_id)


def merge_carts(*, source, target) -> list[str]:
    """Move every line of `source` (a guest's session cart) into `target` (their own cart).

    Quantities add up, capped by the stock and by 99; products no longer sellable are dropped.
    Returns a note for each line that could not come over whole. `source` ends empty. A promo
    code comes along unless the shopper's own cart already has one.
    """
    if source.voucher_code() and not target.voucher_code():
        target.set_voucher_code(source.voucher_code())
    incoming = source.quantities()
    if not incoming:
        source.clear()
        return []
    existing = target.quantities()
    products = Product.objects.active().in_bulk(list(incoming))
    notes = []
    for product_id, quantity in incoming.items():
        product = products.get(product_id)
        if product is None or product.stock <= 0:
            if product is not None:
                notes.append(
                    _("%(name)s is out of stock, so it left your cart.") % {"name": product.display_name}
                )
            continue
        wanted = existing.get(product_id, 0) + quantity
        merged = min(wanted, product.stock, MAX_QUANTITY)
        if merged < wanted:
            notes.append(
                fill_numbers(
                    _("You now have %(count)s of %(name)s in your cart: that is as many as we can sell you."),
                    count=merged,
                    name=product.display_name,
                )
            )
        target.set_quantity(product_id, merged)
    source.clear()
    return notes


def apply_voucher_to_cart(cart, *, code: str, user=None) -> Pricing:
    """Check `code` against the cart as it is now and keep it there; returns the new prices.

    Raises a VoucherError (unknown, expired, not started, used up, already used, minimum not
    met) and changes nothing: a code the cart already had stays. A guest's per-customer limit
    is checked at checkout, when their phone number is known.
    """
    summary = get_cart_summary(cart)
    voucher = Voucher.objects.find(code)
    check_voucher(voucher, code=code, subtotal=summary.subtotal, user=user)
    cart.set_voucher_code(voucher.code)
    return price_cart(summary, voucher_code=voucher.code, user=user)


def remove_voucher_from_cart(cart) -> None:
    cart.set_voucher_code("")
