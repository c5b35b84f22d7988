"""One cart, four doors, one total: the cart page, the checkout page, API v1 and the legacy API agree
to the paisa, because every one of them prices through checkout.pricing."""

import json
from decimal import Decimal

import pytest

from checkout.pricing import compute_pricing
from legacy_api.tests.contract import POST_JSON
from promotions.tests.factories import VoucherFactory

pytestmark = pytest.mark.django_db

API_BODY = {
    "customer_name": "Ayesha Rahman",
    "customer_email": "ayesha@example.com",
    "customer_phone": "01712345678",
    "address_line": "House 12, Road 5",
    "area": "Dhanmondi",
    "city": "Dhaka",
    "delivery_zone": "inside_dhaka",
}


@pytest.fixture
def ghee(make_product):
    return make_product(name="Ghee 400g", price=Decimal("333.35"))


@pytest.fixture
def cart_with_code(client, user, ghee):
    """3 × ৳333.35 = ৳1,000.05; 10 % of it is ৳100.005, which rounds half up to ৳100.01."""
    VoucherFactory(code="TEN", percent=Decimal("10"))
    client.force_login(user)
    client.post("/cart/add/", {"product_id": ghee.pk, "quantity": 3})
    client.post("/cart/voucher/", {"code": "ten"})
    return client


def test_one_cart_costs_the_same_paisa_through_every_door(cart_with_code, user_api, ghee):
    expected = compute_pricing(
        subtotal=Decimal("1000.05"), discount=Decimal("100.01"), voucher_code="TEN", zone="inside_dhaka"
    )
    assert expected.total == Decimal("960.04")

    cart_page = cart_with_code.get("/cart/").context["pricing"]
    checkout_page = cart_with_code.get("/checkout/").context
    api_cart = user_api.get("/api/v1/cart/").json()
    api_order = user_api.post("/api/v1/orders/", {**API_BODY, "total": "960.04"}, format="json")

    assert (cart_page.subtotal, cart_page.discount, cart_page.items_total) == (
        expected.subtotal,
        expected.discount,
        expected.items_total,
    )
    assert checkout_page["totals"]["inside_dhaka"] == expected.total
    assert checkout_page["chosen_zone"]["total"] == expected.total
    assert (Decimal(api_cart["discount"]), Decimal(api_cart["items_total"])) == (
        expected.discount,
        expected.items_total,
    )
    assert api_order.status_code == 201
    body = api_order.json()
    assert (Decimal(body["discount"]), Decimal(body["delivery_fee"]), Decimal(body["total"])) == (
        expected.discount,
        expected.delivery_fee,
        expected.total,
    )


def test_the_legacy_door_charges_the_same_items_and_fee_by_the_same_rule(client, ghee):
    # The old clients know no promo codes: their total is the items' subtotal plus the zone's fee.
    expected = compute_pricing(subtotal=Decimal("1000.05"), zone="inside_dhaka")
    body = {
        "customer_name": "Ayesha Rahman",
        "customer_email": "ayesha@example.com",
        "customer_phone": "01712345678",
        "delivery_address": "House 12, Road 5, Dhanmondi, Dhaka",
        "items": [{"product_id": ghee.pk, "quantity": 3, "price": 333.35}],
        "total_amount": 1000.05,
    }

    response = client.post("/api/orders", json.dumps(body), **POST_JSON)

    assert response.status_code == 201
    assert Decimal(str(response.json()["order"]["total_amount"])) == expected.total == Decimal("1060.05")
