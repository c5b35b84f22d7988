"""The review form's two commands on the product page: save (write or edit) and delete."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shop.selectors import get_product

from .exceptions import ReviewError
from .forms import ReviewForm
from .selectors import get_review_by
from .services import create_review, delete_review, update_review


def _product_or_404(slug):
    product = get_product(slug)
    if product is None:
        raise Http404(_("No such product."))
    return product


def _back_to_reviews(product):
    return redirect(f"{product.get_absolute_url()}#reviews")


@require_POST
def review_save(request, slug):
    """Publish the shopper's review, or change the one they wrote before."""
    product = _product_or_404(slug)
    if not request.user.is_authenticated:
        messages.error(request, _("Sign in to review products you have received."))
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': product.get_absolute_url()})}")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return _back_to_reviews(product)
    existing = get_review_by(user=request.user, product_id=product.pk)
    write = update_review if existing else create_review
    try:
        write(user=request.user, product_id=product.pk, **form.cleaned_data)
    except ReviewError as error:
        messages.error(request, error.message)
        return _back_to_reviews(product)
    messages.success(
        request, _("Your review is saved.") if existing else _("Thank you: your review is published.")
    )
    return _back_to_reviews(product)


@require_POST
def review_delete(request, slug):
    product = _product_or_404(slug)
    try:
        delete_review(user=request.user, product_id=product.pk)
    except ReviewError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your review is deleted."))
    return _back_to_reviews(product)
