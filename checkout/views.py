"""The cart page and its commands (add, change quantity, remove, promo code), all without JavaScript."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from dhakacart.money import format_taka
from promotions.exceptions import VoucherError
from promotions.forms import VoucherCodeForm

from .cart import MAX_QUANTITY, get_cart
from .exceptions import CartError
from .pricing import price_cart
from .selectors import get_cart_summary
from .services import (
    add_to_cart,
    apply_voucher_to_cart,
    remove_from_cart,
    remove_voucher_from_cart,
    update_cart_quantity,
)

QUANTITY_MESSAGES = {
    "invalid": gettext_lazy("Enter the quantity as a whole number."),
    "min_value": gettext_lazy("Choose a quantity from 1 to 99."),
    "max_value": gettext_lazy("Choose a quantity from 1 to 99."),
    "required": gettext_lazy("Enter a quantity."),
}
PRODUCT_MESSAGES = {
    "invalid": gettext_lazy("That product is not available."),
    "min_value": gettext_lazy("That product is not available."),
    "max_value": gettext_lazy("That product is not available."),
    "required": gettext_lazy("Choose a product."),
}


class CartRemoveForm(forms.Form):
    product_id = forms.IntegerField(min_value=1, max_value=2**31 - 1, error_messages=PRODUCT_MESSAGES)


class CartAddForm(CartRemoveForm):
    quantity = forms.IntegerField(min_value=1, max_value=MAX_QUANTITY, error_messages=QUANTITY_MESSAGES)


class CartUpdateForm(CartRemoveForm):
    """A quantity of 0 removes the line."""

    quantity = forms.IntegerField(min_value=0, max_value=MAX_QUANTITY, error_messages=QUANTITY_MESSAGES)


class CartView(TemplateView):
    template_name = "checkout/cart.html"

    def get_context_data(self, **kwargs):
        cart = get_cart(self.request)
        summary = get_cart_summary(cart)
        pricing = price_cart(summary, voucher_code=cart.voucher_code(), user=self.request.user)
        return super().get_context_data(cart=summary, pricing=pricing, **kwargs)


def _valid(form_class, request) -> dict | None:
    """The command's input, or None after telling the shopper what was wrong with it."""
    form = form_class(request.POST)
    if form.is_valid():
        return form.cleaned_data
    messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return None


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("checkout:cart")


@require_POST
def cart_add(request):
    line = _valid(CartAddForm, request)
    if line is None:
        return _back(request)
    try:
        add_to_cart(get_cart(request), **line)
    except CartError as error:
        messages.error(request, error.message)
        return _back(request)
    messages.success(request, _("Added to your cart."))
    # A product card's button keeps the shopper on the list they were browsing.
    return _back(request) if request.POST.get("stay") else redirect("checkout:cart")


@require_POST
def cart_update(request):
    line = _valid(CartUpdateForm, request)
    if line is not None:
        try:
            update_cart_quantity(get_cart(request), **line)
            messages.success(request, _("Your cart was updated."))
        except CartError as error:
            messages.error(request, error.message)
    return redirect("checkout:cart")


@require_POST
def cart_remove(request):
    line = _valid(CartRemoveForm, request)
    if line is not None:
        remove_from_cart(get_cart(request), **line)
        messages.success(request, _("Removed from your cart."))
    return redirect("checkout:cart")


@require_POST
def cart_voucher_apply(request):
    form = VoucherCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["code"]))
        return redirect("checkout:cart")
    try:
        pricing = apply_voucher_to_cart(get_cart(request), code=form.cleaned_data["code"], user=request.user)
    except VoucherError as error:
        messages.error(request, error.message)
        return redirect("checkout:cart")
    if pricing.free_delivery:
        note = _("Promo code %(code)s applied: delivery is free.") % {"code": pricing.voucher_code}
    else:
        note = _("Promo code %(code)s applied: you save %(discount)s.") % {
            "code": pricing.voucher_code,
            "discount": format_taka(pricing.discount),
        }
    messages.success(request, note)
    return redirect("checkout:cart")


@require_POST
def cart_voucher_remove(request):
    remove_voucher_from_cart(get_cart(request))
    messages.success(request, _("The promo code was removed."))
    return redirect("checkout:cart")
