"""The cart page's promo code form: apply and remove, without JavaScript."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checkout.services import apply_voucher_to_cart, remove_voucher_from_cart
from dhakacart.money import format_taka
from shop.cart import get_cart

from .exceptions import VoucherError
from .forms import VoucherCodeForm


@require_POST
def cart_voucher_apply(request):
    form = VoucherCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["code"]))
        return redirect("shop:cart")
    try:
        pricing = apply_voucher_to_cart(get_cart(request), code=form.cleaned_data["code"], user=request.user)
    except VoucherError as error:
        messages.error(request, error.message)
        return redirect("shop:cart")
    if pricing.free_delivery:
        note = _("Promo code %(code)s applied: delivery is free.") % {"code": pricing.voucher_code}
    else:
        note = _("Promo code %(code)s applied: you save %(discount)s.") % {
            "code": pricing.voucher_code,
            "discount": format_taka(pricing.discount),
        }
    messages.success(request, note)
    return redirect("shop:cart")


@require_POST
def cart_voucher_remove(request):
    remove_voucher_from_cart(get_cart(request))
    messages.success(request, _("The promo code was removed."))
    return redirect("shop:cart")
