"""The wishlist page and its commands, all plain POST forms that work without JavaScript."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from checkout.exceptions import CartError

from .exceptions import WishlistError
from .forms import BackInStockAlertForm, WishlistProductForm
from .selectors import list_wishlist
from .services import move_to_cart, remove_from_wishlist, save_to_wishlist, set_back_in_stock_alert
from .signals import PENDING_SESSION_KEY


class WishlistView(LoginRequiredMixin, TemplateView):
    template_name = "wishlist/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(items=list_wishlist(user=self.request.user), **kwargs)


def _next_url(request, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _product_id(request, form_class=WishlistProductForm) -> dict | None:
    form = form_class(request.POST)
    if form.is_valid():
        return form.cleaned_data
    messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return None


@require_POST
def wishlist_add(request):
    """Save a product. A guest is sent to sign in and finds it saved when they come back."""
    back = _next_url(request, reverse("wishlist:list"))
    data = _product_id(request)
    if data is None:
        return redirect(back)
    if not request.user.is_authenticated:
        request.session[PENDING_SESSION_KEY] = data["product_id"]
        messages.info(request, _("Sign in to save products to your wishlist."))
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': back})}")
    try:
        _item, created = save_to_wishlist(user=request.user, language=request.LANGUAGE_CODE, **data)
    except WishlistError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(
        request, _("Saved to your wishlist.") if created else _("It is already in your wishlist.")
    )
    return redirect(back)


@require_POST
def wishlist_remove(request):
    back = _next_url(request, reverse("wishlist:list"))
    data = _product_id(request)
    if data is not None and request.user.is_authenticated:
        remove_from_wishlist(user=request.user, **data)
        messages.success(request, _("Removed from your wishlist."))
    return redirect(back)


@require_POST
def wishlist_move_to_cart(request):
    data = _product_id(request)
    if data is not None and request.user.is_authenticated:
        try:
            move_to_cart(user=request.user, **data)
        except (WishlistError, CartError) as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Moved to your cart."))
    return redirect("wishlist:list")


@require_POST
def wishlist_alert(request):
    """Turn the back-in-stock e-mail of one entry on or off."""
    data = _product_id(request, BackInStockAlertForm)
    if data is not None and request.user.is_authenticated:
        try:
            item = set_back_in_stock_alert(user=request.user, language=request.LANGUAGE_CODE, **data)
        except WishlistError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("We will e-mail you when it is back in stock.")
                if item.notify_when_back
                else _("We will not e-mail you about this product."),
            )
    return redirect("wishlist:list")
