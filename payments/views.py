"""The gateways' doors back into the shop, and the shopper's "Pay now".

SSLCommerz posts the shopper's browser (success/fail/cancel) and its IPN cross-site, without our
CSRF token, so those views are exempt; they believe nothing posted: payments.services asks the
gateway. Input naming no attempt of ours, or that the gateway does not confirm, is refused with a
400 and writes nothing.
"""

import logging

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from orders.selectors import get_order_by_token

from .exceptions import PaymentError, PaymentGatewayUnavailable, PaymentNotRecognised
from .models import PaymentAttempt
from .services import confirm_payment, start_payment

logger = logging.getLogger(__name__)
MAX_FIELDS = 60


def _order_page(order):
    with translation.override(order.language):
        return redirect(order.get_absolute_url())


def _refused(request, error: PaymentError, status: int = 400):
    return render(request, "payments/refused.html", {"message": error.message}, status=status)


def _posted(request) -> dict:
    return {key: value[:200] for key, value in list(request.POST.items())[:MAX_FIELDS]}


def _browser_return(request, gateway: str, data: dict, source: str):
    try:
        attempt = confirm_payment(gateway=gateway, data=data, source=source)
    except PaymentNotRecognised as error:
        return _refused(request, error)
    except PaymentGatewayUnavailable:
        # Unknown, not failed: the order page says we are checking, the reconciliation asks again.
        order = _order_for(gateway, data)
        if order is None:
            raise
        return _order_page(order)
    return _order_page(attempt.order)


def _order_for(gateway: str, data: dict):
    key = "reference" if gateway == "sslcommerz" else "gateway_id"
    value = data.get("tran_id") if gateway == "sslcommerz" else data.get("paymentID")
    if not value or "\x00" in value:
        return None
    attempt = PaymentAttempt.objects.select_related("order").filter(gateway=gateway, **{key: value}).first()
    return attempt.order if attempt is not None else None


@csrf_exempt
@require_POST
def sslcommerz_return(request, outcome: str):
    return _browser_return(request, "sslcommerz", _posted(request), source=f"return:{outcome}")


@csrf_exempt
@require_POST
def sslcommerz_ipn(request):
    try:
        confirm_payment(gateway="sslcommerz", data=_posted(request), source="ipn")
    except PaymentNotRecognised as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    except PaymentGatewayUnavailable as error:  # SSLCommerz sends the IPN again
        return HttpResponse(error.message, status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("OK", content_type="text/plain")


@require_GET
def bkash_callback(request):
    data = {key: request.GET.get(key, "")[:200] for key in ("paymentID", "status")}
    return _browser_return(request, "bkash", data, source=f"callback:{data['status'][:20]}")


@require_POST
def pay_now(request, token: str):
    """The order page's "Pay now": a new attempt, and off to the gateway."""
    order = get_order_by_token(token)
    if order is None:
        raise Http404(_("No such order."))
    try:
        attempt = start_payment(order=order)
    except PaymentError as error:
        messages.error(request, error.message)
        return redirect(order.get_absolute_url())
    return redirect(attempt.redirect_url)
