"""Domain errors carry a code and a message, never an HTTP status: each door turns codes into
statuses in one place (API v1 in dhakacart.api.errors, the legacy API in legacy_api.errors)."""

import pytest

import accounts.exceptions
import checkout.exceptions
import orders.exceptions
import promotions.exceptions
import reviews.exceptions
import wishlist.exceptions
from dhakacart.api.errors import exception_handler
from dhakacart.exceptions import DomainError
from legacy_api import errors as legacy_errors

pytestmark = pytest.mark.django_db


def every_subclass(cls) -> list[type]:
    found = []
    for subclass in cls.__subclasses__():
        found += [subclass, *every_subclass(subclass)]
    return found


def test_no_domain_error_carries_an_http_status():
    classes = [DomainError, *every_subclass(DomainError)]

    with_status = [cls.__qualname__ for cls in classes if hasattr(cls, "status")]

    assert len(classes) > 25 and with_status == []


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (accounts.exceptions.EmailAlreadyRegistered(), 409),
        (orders.exceptions.EmptyCart("empty"), 400),
        (orders.exceptions.InvalidOrder("bad"), 400),
        (orders.exceptions.ProductUnavailable("gone"), 409),
        (orders.exceptions.OutOfStock("short", extra={"lines": []}), 409),
        (orders.exceptions.PriceChanged("dearer"), 409),
        (orders.exceptions.TotalChanged("total"), 409),
        (orders.exceptions.CartChanged("cart"), 409),
        (orders.exceptions.InvalidIdempotencyKey("key"), 400),
        (orders.exceptions.IdempotencyKeyReused("again"), 422),
        (orders.exceptions.CancelNotAllowed("no"), 403),
        (orders.exceptions.InvalidTransition("no"), 409),
        (orders.exceptions.VoucherUnavailable("no"), 409),
        (promotions.exceptions.VoucherUnknown("no"), 404),
        (promotions.exceptions.VoucherExpired("no"), 409),
        (promotions.exceptions.VoucherNotStarted("no"), 409),
        (promotions.exceptions.VoucherMinimumNotMet("no"), 409),
        (promotions.exceptions.VoucherUsedUp("no"), 409),
        (promotions.exceptions.VoucherAlreadyUsed("no"), 409),
        (reviews.exceptions.NotAllowedToReview("no"), 403),
        (reviews.exceptions.AlreadyReviewed("no"), 409),
        (reviews.exceptions.ReviewNotFound("no"), 404),
        (reviews.exceptions.InvalidReview("no"), 400),
        (checkout.exceptions.ProductUnavailable("no"), 404),
        (checkout.exceptions.InvalidQuantity("no"), 400),
        (checkout.exceptions.NotEnoughStock("no"), 409),
        (wishlist.exceptions.ProductUnavailable("no"), 404),
        (wishlist.exceptions.NotInWishlist("no"), 404),
        (DomainError("anything else"), 400),
    ],
    ids=lambda value: (
        f"{type(value).__module__}.{type(value).__name__}" if isinstance(value, DomainError) else ""
    ),
)
def test_api_v1_answers_each_domain_error_with_its_status_and_code(error, expected):
    response = exception_handler(error, {})

    assert response.status_code == expected
    assert response.data["error"]["code"] == error.code


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (orders.exceptions.EmptyCart("empty"), 400),
        (orders.exceptions.InvalidOrder("bad"), 400),
        (orders.exceptions.ProductUnavailable("gone"), 409),
        (orders.exceptions.PriceChanged("dearer"), 409),
        (orders.exceptions.TotalChanged("total"), 409),
        (orders.exceptions.InvalidIdempotencyKey("key"), 400),
        (orders.exceptions.IdempotencyKeyReused("again"), 422),
        (orders.exceptions.VoucherUnavailable("no"), 409),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, DomainError) else "",
)
def test_the_legacy_api_answers_each_order_error_with_its_status_in_its_shape(error, expected):
    response = legacy_errors.exception_handler(error, {})

    assert response.status_code == expected
    # Every legacy error body is {"error", "details"}; a 409 may add more keys (SPEC §8), such as a
    # price change's current prices and subtotal.
    assert {"error", "details"} <= set(response.data)
    if expected != 409:
        assert set(response.data) == {"error", "details"}
