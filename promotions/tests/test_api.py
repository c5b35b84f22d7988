"""API v1 promo codes: the signed-in cart's code, the order body's `voucher_code`, the same refusals."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from checkout.cart import DatabaseCart
from dhakacart.tests.api import error_of
from orders.models import Order
from promotions.models import Voucher

from .factories import VoucherFactory, fixed

pytestmark = pytest.mark.django_db

ADDRESS = {
    "address_line": "House 12, Road 5",
    "area": "Dhanmondi",
    "city": "Dhaka",
    "customer_phone": "01712345678",
}
GUEST = {
    **ADDRESS,
    "customer_name": "Ayesha Rahman",
    "customer_email": "ayesha@example.com",
}


def test_applying_a_code_shows_the_discount_in_the_cart_and_removing_it_takes_it_off(user_api, user, rice):
    VoucherFactory(code="EID10")
    DatabaseCart(user).set_quantity(rice.pk, 2)

    applied = user_api.post("/api/v1/cart/voucher/", {"code": "eid10"})
    seen = user_api.get("/api/v1/cart/")
    removed = user_api.delete("/api/v1/cart/voucher/")

    assert applied.status_code == 200
    body = seen.json()
    assert (body["voucher_code"], body["subtotal"], body["discount"], body["items_total"]) == (
        "EID10",
        "840.00",
        "84.00",
        "756.00",
    )
    assert body["voucher_refusal"] is None
    assert (
        removed.status_code == 200
        and removed.json()["voucher_code"] == ""
        and removed.json()["discount"] == "0.00"
    )


@pytest.mark.parametrize(
    ("voucher", "status", "code"),
    [
        (None, 404, "voucher_unknown"),
        ({"minimum_subtotal": Decimal("1000.00")}, 409, "voucher_minimum_not_met"),
        ({"total_uses": 0}, 409, "voucher_used_up"),
        ({"is_active": False}, 409, "voucher_expired"),
        ({"valid_until": timezone.now() - timedelta(days=1)}, 409, "voucher_expired"),
        ({"valid_from": timezone.now() + timedelta(days=1)}, 409, "voucher_not_started"),
    ],
)
def test_a_code_that_does_not_apply_is_refused_with_its_reason_and_the_cart_keeps_none(
    user_api, user, rice, voucher, status, code
):
    if voucher is not None:
        VoucherFactory(code="NOPE", **voucher)
    DatabaseCart(user).set_quantity(rice.pk, 1)

    response = user_api.post("/api/v1/cart/voucher/", {"code": "NOPE"})

    assert response.status_code == status and error_of(response)["code"] == code
    assert DatabaseCart(user).voucher_code() == ""


def test_the_cart_voucher_needs_a_code(api_client, user_api):
    anonymous = api_client.post("/api/v1/cart/voucher/", {"code": ""})
    empty = user_api.post("/api/v1/cart/voucher/", {"code": ""})

    assert anonymous.status_code == 400 and "code" in error_of(anonymous)["fields"]
    assert empty.status_code == 400 and "code" in error_of(empty)["fields"]


def test_a_guest_order_with_a_voucher_code_keeps_the_discount(api_client, rice):
    fixed(code="FLAT100", amount=Decimal("100.00"))

    response = api_client.post(
        "/api/v1/orders/",
        {**GUEST, "items": [{"product_id": rice.pk, "quantity": 1}], "voucher_code": "flat100"},
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["voucher_code"], body["subtotal"], body["discount"], body["total"]) == (
        "FLAT100",
        "420.00",
        "100.00",
        "380.00",
    )


def test_ordering_the_cart_uses_its_code_and_clears_it(user_api, user, rice):
    VoucherFactory(code="EID10")
    cart = DatabaseCart(user)
    cart.set_quantity(rice.pk, 1)
    user_api.post("/api/v1/cart/voucher/", {"code": "EID10"})

    response = user_api.post("/api/v1/orders/", ADDRESS)

    assert response.status_code == 201 and response.json()["discount"] == "42.00"
    assert cart.voucher_code() == "" and cart.quantities() == {}


def test_a_voucher_that_stopped_applying_refuses_the_order_and_writes_nothing(user_api, user, rice):
    VoucherFactory(code="EID10")
    cart = DatabaseCart(user)
    cart.set_quantity(rice.pk, 1)
    user_api.post("/api/v1/cart/voucher/", {"code": "EID10"})
    Voucher.objects.filter(code="EID10").update(total_uses=0)

    response = user_api.post("/api/v1/orders/", ADDRESS)

    error = error_of(response)
    assert response.status_code == 409 and error["code"] == "voucher_unavailable"
    assert error["fields"]["reason"] == "voucher_used_up"
    assert Order.objects.count() == 0 and cart.quantities() == {rice.pk: 1}


def test_a_code_the_shopper_already_used_is_refused_with_its_message(user_api, user, place, rice):
    VoucherFactory(code="ONCE")
    place({rice: 1}, user=user, voucher_code="ONCE")
    DatabaseCart(user).set_quantity(rice.pk, 1)

    response = user_api.post("/api/v1/cart/voucher/", {"code": "once"})

    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "voucher_already_used"
    assert error["message"] == "You have already used promo code ONCE as many times as it allows."
