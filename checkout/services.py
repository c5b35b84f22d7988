"""Writes to a cart's promo code: the cart keeps one code, checked against the cart as it is."""

from promotions.models import Voucher
from promotions.selectors import check_voucher
from shop.selectors import get_cart_summary

from .pricing import Pricing, price_cart


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
