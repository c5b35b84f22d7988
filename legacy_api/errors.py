"""Every legacy failure as `{"error": "<one Bangla sentence>", "details": ["<one line per problem>"]}`.

The old client's interface is Bangla and shows `error` and `details` to the shopper as they are,
so the sentences are Bangla whatever Accept-Language says. A 409 adds what the client needs to
recover: the current prices and the subtotal, or how many of each short product are left.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from dhakacart.api.errors import RETRY_AFTER_OUTAGE
from dhakacart.exceptions import DomainError
from dhakacart.money import fill_numbers, format_taka
from orders.exceptions import OutOfStock, PriceChanged
from shop.models import shortage_message

logger = logging.getLogger(__name__)

LEGACY_PREFIX = "/api/"

# The codes of the domain errors an order can meet here → the legacy status; anything else 400.
# 409: the shop changed under the client (stock, prices, the total, a product no longer sold, a
# promo code); 422: an Idempotency-Key sent again with another body.
STATUSES = {
    "out_of_stock": status.HTTP_409_CONFLICT,
    "price_changed": status.HTTP_409_CONFLICT,
    "total_changed": status.HTTP_409_CONFLICT,
    "cart_changed": status.HTTP_409_CONFLICT,
    "product_unavailable": status.HTTP_409_CONFLICT,
    "voucher_unavailable": status.HTTP_409_CONFLICT,
    "idempotency_key_reused": status.HTTP_422_UNPROCESSABLE_ENTITY,
}


class ProductNotFound(Http404):
    pass


class OrderNotFound(Http404):
    pass


class InvalidBody(exceptions.ValidationError):
    """Input that does not fit the legacy order body; `detail` holds one Bangla line per problem."""


def error_body(error: str, details: list[str] | None = None, **extra) -> dict:
    return {"error": str(error), "details": [str(line) for line in details or []], **extra}


def exception_handler(exc, context):
    """The legacy views' EXCEPTION_HANDLER; None (a 500) only for real bugs."""
    with translation.override("bn"):
        answer = _answer(exc)
    if answer is None:
        return None
    set_rollback()
    body, status_code, headers = answer
    return Response(body, status=status_code, headers=headers)


def _answer(exc):
    if isinstance(exc, DomainError):
        return _domain_answer(exc), STATUSES.get(exc.code, status.HTTP_400_BAD_REQUEST), {}
    if isinstance(exc, OperationalError | InterfaceError):  # an outage, as API v1 says it (503)
        logger.error("The database did not answer: %s", exc, exc_info=exc)
        return (
            error_body(_("Something went wrong on our side. Please try again.")),
            status.HTTP_503_SERVICE_UNAVAILABLE,
            {"Retry-After": str(RETRY_AFTER_OUTAGE)},
        )
    if isinstance(exc, ProductNotFound):
        return error_body(_("Product not found")), status.HTTP_404_NOT_FOUND, {}
    if isinstance(exc, OrderNotFound):
        return error_body(_("Order not found.")), status.HTTP_404_NOT_FOUND, {}
    if isinstance(exc, Http404 | exceptions.NotFound):
        return error_body(_("Nothing was found at this address.")), status.HTTP_404_NOT_FOUND, {}
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(int(exc.wait))
    return _api_body(exc), exc.status_code, headers


def _api_body(exc) -> dict:
    if isinstance(exc, InvalidBody):
        return error_body(_("Some of the order details are not valid."), exc.detail)
    if isinstance(exc, exceptions.ParseError):
        return error_body(_("The request body is not valid JSON."), [_("Send the order as a JSON object.")])
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return error_body(
            _("The request body must be JSON."), [_("Send the header Content-Type: application/json.")]
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        return error_body(_("This address does not accept %(method)s.") % {"method": exc.args[0]})
    if isinstance(exc, exceptions.Throttled):
        return error_body(
            _("Too many requests. Please wait a little and try again."),
            [fill_numbers(_("Try again in %(seconds)s seconds."), seconds=int(exc.wait or 1))],
        )
    if isinstance(exc, exceptions.AuthenticationFailed | exceptions.NotAuthenticated):
        return error_body(_("Your sign-in has expired. Please sign in again."))
    return error_body(_("The request could not be handled."))


def _domain_answer(exc: DomainError) -> dict:
    if isinstance(exc, OutOfStock):
        lines = exc.extra["lines"]
        return error_body(
            _("Some items are not in stock in the quantity you asked for."),
            [shortage_message(line["name"], line["available"]) for line in lines],
            stock=[
                {key: line[key] for key in ("product_id", "name", "requested", "available")} for line in lines
            ],
        )
    if isinstance(exc, PriceChanged):
        sentences = [
            _("%(name)s now costs %(price)s.") % {"name": line["name"], "price": format_taka(line["price"])}
            for line in exc.current_prices
            if line["product_id"] in exc.changed_ids
        ]
        if exc.subtotal_differs:
            sentences.append(
                _("These items now cost %(subtotal)s in all.") % {"subtotal": format_taka(exc.subtotal)}
            )
        return error_body(
            _("Prices have changed. Please check the new prices and order again."),
            sentences,
            current_prices=exc.current_prices,
            subtotal=exc.subtotal,
        )
    return error_body(_("The order could not be placed."), [exc.message])


def legacy_json_error(status_code: int) -> JsonResponse:
    """For what Django answers before any legacy view runs: an unknown path, a crash."""
    with translation.override("bn"):
        if status_code == status.HTTP_404_NOT_FOUND:
            body = error_body(_("Nothing was found at this address."))
        else:
            body = error_body(_("Something went wrong on our side. Please try again."))
    return JsonResponse(body, status=status_code, json_dumps_params={"ensure_ascii": False})
