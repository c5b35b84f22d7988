"""One shape for every API v1 failure: {"error": {"code", "message", "fields"}}.

Domain errors (dhakacart.exceptions.DomainError) carry a code and no HTTP status: STATUSES below
is the one place API v1 turns a code into a status. Their `extra` becomes `fields` (for example
the short lines of `out_of_stock`, or the current prices of `price_changed`). DRF's and Django's
own errors are mapped to the same shape, so a client never sees HTML or a bare `{"detail": ...}`.
A database that cannot be reached is an outage, not a bug: 503 `service_unavailable` with
Retry-After, so the apps try again instead of giving up.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from dhakacart.exceptions import DomainError
from dhakacart.money import fill_numbers

from .messages import field_message, malformed_body_message

logger = logging.getLogger(__name__)

# Seconds a client waits before trying again while the database is unavailable.
RETRY_AFTER_OUTAGE = 30

# A domain error's code → API v1's status; a code not listed is invalid input (400). 409 is a
# conflict with the shop's state (stock, prices, the total, the cart, a promo code, an order's
# status), 422 the misuse of an Idempotency-Key. A Cart-Token that is not ours or too old is a
# credential refused (401); one whose cart was ordered or merged reaches no cart (404).
STATUSES = {
    "cart_token_invalid": status.HTTP_401_UNAUTHORIZED,
    "cart_token_expired": status.HTTP_401_UNAUTHORIZED,
    "cart_ordered": status.HTTP_404_NOT_FOUND,
    "cart_merged": status.HTTP_404_NOT_FOUND,
    "email_taken": status.HTTP_409_CONFLICT,
    "permission_denied": status.HTTP_403_FORBIDDEN,
    "review_not_allowed": status.HTTP_403_FORBIDDEN,
    "product_unavailable": status.HTTP_404_NOT_FOUND,
    "not_in_wishlist": status.HTTP_404_NOT_FOUND,
    "review_not_found": status.HTTP_404_NOT_FOUND,
    "voucher_unknown": status.HTTP_404_NOT_FOUND,
    "out_of_stock": status.HTTP_409_CONFLICT,
    "price_changed": status.HTTP_409_CONFLICT,
    "total_changed": status.HTTP_409_CONFLICT,
    "cart_changed": status.HTTP_409_CONFLICT,
    "invalid_transition": status.HTTP_409_CONFLICT,
    "already_reviewed": status.HTTP_409_CONFLICT,
    "voucher_unavailable": status.HTTP_409_CONFLICT,
    "voucher_expired": status.HTTP_409_CONFLICT,
    "voucher_not_started": status.HTTP_409_CONFLICT,
    "voucher_minimum_not_met": status.HTTP_409_CONFLICT,
    "voucher_used_up": status.HTTP_409_CONFLICT,
    "voucher_already_used": status.HTTP_409_CONFLICT,
    "idempotency_key_reused": status.HTTP_422_UNPROCESSABLE_ENTITY,
    "payment_not_possible": status.HTTP_409_CONFLICT,
    "payment_not_recognised": status.HTTP_400_BAD_REQUEST,
    "payment_gateway_unavailable": status.HTTP_503_SERVICE_UNAVAILABLE,
    "invalid_code": status.HTTP_400_BAD_REQUEST,
    "code_limit": status.HTTP_429_TOO_MANY_REQUESTS,
}

# One code that means another thing in another app, keyed by the app that raised it: a product
# that stops being sold while its order is placed is a conflict, not a product to be found.
STATUSES_IN_APP = {
    ("orders", "product_unavailable"): status.HTTP_409_CONFLICT,
}


def domain_status(error: DomainError) -> int:
    app = type(error).__module__.partition(".")[0]
    return STATUSES_IN_APP.get((app, error.code), STATUSES.get(error.code, status.HTTP_400_BAD_REQUEST))


# DRF's default codes, renamed where a client reads them better.
CODES = {
    "invalid": "invalid_input",
    "parse_error": "malformed_request",
    "not_authenticated": "not_authenticated",
    "authentication_failed": "authentication_failed",
    "token_not_valid": "token_not_valid",
    "permission_denied": "permission_denied",
    "not_found": "not_found",
    "method_not_allowed": "method_not_allowed",
    "not_acceptable": "not_acceptable",
    "unsupported_media_type": "unsupported_media_type",
    "throttled": "throttled",
}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation detail as {"field.sub.0": ["message"]}; form-wide ones under "non_field"."""
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            if key in ("non_field_errors", "__all__"):  # about the object itself
                flat.update(flatten(value, prefix or "non_field"))
            else:
                flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or "non_field": [field_message(item) for item in detail]}
        flat = {}
        for index, item in enumerate(detail):
            flat.update(flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    return {prefix or "non_field": [field_message(detail)]}


def _validation_message(fields: dict[str, list[str]]) -> str:
    if list(fields) == ["non_field"]:
        return fields["non_field"][0]
    return _("Some of the data sent is not valid: %(fields)s.") % {"fields": ", ".join(sorted(fields))}


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error as the one shape; None (a 500) only for real bugs."""
    if isinstance(exc, DomainError):
        set_rollback()
        response = Response(error_body(exc.code, exc.message, exc.extra), status=domain_status(exc))
        if "retry_after" in exc.extra:  # a limit: say when to try again, as DRF's throttles do
            response["Retry-After"] = str(int(exc.extra["retry_after"]))
        return response
    if isinstance(exc, OperationalError | InterfaceError):
        return _database_unavailable(exc)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    set_rollback()
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten(exc.detail)
        body = error_body("invalid_input", _validation_message(fields), fields)
        return Response(body, status=status.HTTP_400_BAD_REQUEST, headers=headers)
    detail = exc.detail
    if isinstance(detail, dict):  # simplejwt's token errors: {"detail", "code", "messages"}
        code = str(detail.get("code") or exc.default_code)
        message = str(detail.get("detail") or exc.default_detail)
    else:
        code = getattr(detail, "code", None) or exc.default_code
        message = str(detail)
    if isinstance(exc, exceptions.ParseError):
        message = malformed_body_message()
    elif isinstance(exc, exceptions.Throttled) and message.startswith(
        str(exceptions.Throttled.default_detail)
    ):
        message = _throttled_message(exc.wait)
    return Response(error_body(CODES.get(code, code), message), status=exc.status_code, headers=headers)


def _throttled_message(wait) -> str:
    """DRF's own sentence fills in the seconds before translating, so it is never Bangla."""
    if wait is None:
        return _("Too many requests. Please wait a little and try again.")
    seconds = max(int(wait), 1)
    return fill_numbers(
        ngettext(
            "Too many requests. Please try again in %(seconds)s second.",
            "Too many requests. Please try again in %(seconds)s seconds.",
            seconds,
        ),
        seconds=seconds,
    )


def _database_unavailable(exc: Exception) -> Response:
    """Connection refused or dropped, a failover, a lock or statement timeout: worth retrying."""
    logger.error("The database did not answer: %s", exc, exc_info=exc)
    set_rollback()
    body = error_body("service_unavailable", _("Something went wrong on our side. Please try again."))
    return Response(
        body, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": str(RETRY_AFTER_OUTAGE)}
    )


def json_error(request, status_code: int, code: str, message: str) -> JsonResponse:
    """The same shape for errors Django answers before any API view runs (unknown URL, a crash)."""
    return JsonResponse(error_body(code, message), status=status_code)
