"""The checkout charges the total it showed: a promo code, discount or delivery fee changed since
the page was shown makes no order, and the page comes back with the new total."""

from decimal import Decimal

import pytest

from dhakacart.tests.api import error_of
from orders.models import Order
from promotions.models import Voucher
from promotions.tests.factories import VoucherFactory, free_delivery
from shop.models import Product

from .test_checkout import checkout_form, fill_cart

pytestmark = pytest.mark.django_db


def stock_of(product):
    return Product.objects.get(pk=product.pk).stock


def nothing_written(rice) -> bool:
    return Order.objects.count() == 0 and stock_of(rice) == 10


@pytest.fixture
def eid20(db):
    return VoucherFactory(code="EID20", percent=Decimal("20"))


@pytest.fixture
def shown_with_code(client, rice, eid20):
    """The checkout form as shown for 2 bags of rice with EID20: ৳840 − ৳168 + ৳60 = ৳732."""
    fill_cart(client, (rice, 2))
    client.post("/cart/voucher/", {"code": "EID20"})
    page = client.get("/checkout/")
    assert '<strong class="summary-total-amount">৳732.00</strong>' in page.content.decode()
    return checkout_form(client)


def test_a_code_removed_in_another_tab_reshows_checkout_with_the_new_total(client, rice, shown_with_code):
    client.post("/cart/voucher/remove/")  # the other tab

    refused = client.post("/checkout/", shown_with_code)

    html = refused.content.decode()
    assert refused.status_code == 200
    assert (
        "The order total changed: it is now ৳900.00, not the ৳732.00 shown. "
        "Promo code EID20 is no longer on your order. Please check the order and place it again."
    ) in html
    assert '<strong class="summary-total-amount">৳900.00</strong>' in html
    assert nothing_written(rice) and Voucher.objects.get().times_used == 0
    accepted = client.post("/checkout/", {**shown_with_code, **refreshed_pins(refused)})
    assert accepted.status_code == 302
    assert Order.objects.get().total == Decimal("900.00")


def refreshed_pins(response) -> dict:
    data = response.context["form"].data
    return {"seen_cart": data["seen_cart"], "seen_pricing": data["seen_pricing"]}


def test_a_code_staff_changed_since_checkout_was_shown_is_not_charged_unseen(
    client, rice, eid20, shown_with_code
):
    Voucher.objects.filter(pk=eid20.pk).update(percent=Decimal("10"))

    refused = client.post("/checkout/", shown_with_code)

    assert "The order total changed: it is now ৳816.00, not the ৳732.00 shown." in refused.content.decode()
    assert nothing_written(rice) and Voucher.objects.get().times_used == 0
    accepted = client.post("/checkout/", {**shown_with_code, **refreshed_pins(refused)})
    assert Order.objects.get(pk=Order.objects.get().pk).total == Decimal("816.00")
    assert accepted.status_code == 302


def test_a_code_swapped_for_another_of_the_same_value_is_not_ordered_unseen(client, rice, shown_with_code):
    VoucherFactory(code="EID20B", percent=Decimal("20"))
    client.post("/cart/voucher/", {"code": "EID20B"})  # the other tab

    refused = client.post("/checkout/", shown_with_code)

    assert refused.status_code == 200
    assert (
        "The order’s discount or delivery fee changed. Promo code EID20B is now on your order."
    ) in refused.content.decode()
    assert nothing_written(rice)


def test_a_delivery_fee_changed_since_checkout_was_shown_makes_no_order(client, rice, settings):
    fill_cart(client, (rice, 1))
    form = checkout_form(client)
    settings.DELIVERY_FEES = {**settings.DELIVERY_FEES, "inside_dhaka": "80.00"}

    refused = client.post("/checkout/", form)

    assert "it is now ৳500.00, not the ৳480.00 shown." in refused.content.decode()
    assert nothing_written(rice)


def test_free_delivery_removed_since_checkout_was_shown_makes_no_order(client, rice):
    free_delivery(code="SHIPFREE")
    fill_cart(client, (rice, 1))
    client.post("/cart/voucher/", {"code": "SHIPFREE"})
    form = checkout_form(client)
    client.post("/cart/voucher/remove/")

    refused = client.post("/checkout/", form)

    assert "it is now ৳480.00, not the ৳420.00 shown." in refused.content.decode()
    assert nothing_written(rice)


def test_an_unchanged_total_with_a_code_is_ordered_as_shown(client, rice, shown_with_code):
    response = client.post("/checkout/", shown_with_code)

    order = Order.objects.get()
    assert response.status_code == 302
    assert (order.voucher_code, order.discount, order.total) == (
        "EID20",
        Decimal("168.00"),
        Decimal("732.00"),
    )


def test_the_outside_dhaka_total_shown_is_the_one_checked(client, rice, shown_with_code):
    outside = {**shown_with_code, "city": "Sylhet", "delivery_zone": "outside_dhaka"}

    response = client.post("/checkout/", outside)

    assert response.status_code == 302
    assert Order.objects.get().total == Decimal("792.00")  # 840 − 168 + 120


@pytest.mark.parametrize(
    "seen_cart",
    [
        "{pk}:2:sNaN",
        "{pk}:2:NaN",
        "{pk}:2:-NaN",
        "{pk}:2:Infinity",
        "{pk}:2:-Infinity",
        "{pk}:2:1e999999",
        "{pk}:2:4.2E+2",
        "{pk}:2:420.001",
        "{pk}:2:-420.00",
        "{pk}:²:420.00",
        "{pk}:①:420.00",
        "{pk}:২:420.00",
        "²:2:420.00",
        "①:2:420.00",
        "{pk}0000000000000000000000:2:420.00",
        "{pk}:2:420.00:1",
    ],
)
def test_an_odd_seen_cart_reshows_checkout_and_the_next_submit_works(client, rice, seen_cart):
    fill_cart(client, (rice, 2))
    form = checkout_form(client)

    refused = client.post("/checkout/", {**form, "seen_cart": seen_cart.format(pk=rice.pk)})

    assert refused.status_code == 200
    assert "Your cart changed. Please review it and try again." in refused.content.decode()
    assert nothing_written(rice)
    accepted = client.post("/checkout/", {**form, **refreshed_pins(refused)})
    assert accepted.status_code == 302 and Order.objects.get().total == Decimal("900.00")


@pytest.mark.parametrize(
    "seen_pricing",
    [
        "",
        ":sNaN:inside_dhaka=60.00:outside_dhaka=120.00",
        ":0.00:inside_dhaka=NaN:outside_dhaka=120.00",
        ":0.00:inside_dhaka=Infinity:outside_dhaka=120.00",
        ":0.00:inside_dhaka=1e999999:outside_dhaka=120.00",
        ":০.০০:inside_dhaka=60.00:outside_dhaka=120.00",
        ":0.00:inside_dhaka=60.00",
        ":0.00:inside_dhaka=60.00:inside_dhaka=60.00",
        ":0.00:inside_dhaka=60.00:outside_dhaka=120.00:mars=1.00",
        "eid<b>:0.00:inside_dhaka=60.00:outside_dhaka=120.00",
        "0.00",
    ],
)
def test_an_odd_seen_pricing_reshows_checkout_and_the_next_submit_works(client, rice, seen_pricing):
    fill_cart(client, (rice, 2))
    form = checkout_form(client)

    refused = client.post("/checkout/", {**form, "seen_pricing": seen_pricing})

    assert refused.status_code == 200
    assert "Your order total changed. Please check it and place the order again." in refused.content.decode()
    assert nothing_written(rice)
    accepted = client.post("/checkout/", {**form, **refreshed_pins(refused)})
    assert accepted.status_code == 302 and Order.objects.get().total == Decimal("900.00")


API_BODY = {
    "customer_name": "Ayesha Rahman",
    "customer_email": "ayesha@example.com",
    "customer_phone": "01712345678",
    "address_line": "House 12, Road 5",
    "area": "Dhanmondi",
    "city": "Dhaka",
    "delivery_zone": "inside_dhaka",
}


def test_an_api_client_pinning_another_total_gets_409_and_nothing_is_written(api_client, rice, eid20):
    body = {**API_BODY, "items": [{"product_id": rice.pk, "quantity": 2}], "total": "732.00"}

    refused = api_client.post("/api/v1/orders/", body, format="json")

    assert refused.status_code == 409
    assert error_of(refused)["code"] == "total_changed"
    assert error_of(refused)["fields"] == {
        "shown_total": "732.00",
        "subtotal": "840.00",
        "total": "900.00",
        "voucher_code": "",
        "discount": "0.00",
        "delivery_fee": "60.00",
    }
    assert nothing_written(rice)


def test_an_api_client_pinning_the_right_total_with_its_code_gets_the_order(api_client, rice, eid20):
    body = {
        **API_BODY,
        "items": [{"product_id": rice.pk, "quantity": 2}],
        "voucher_code": "eid20",
        "total": "732.00",
    }

    response = api_client.post("/api/v1/orders/", body, format="json")

    assert response.status_code == 201 and response.json()["total"] == "732.00"


def test_a_signed_in_client_ordering_its_cart_is_held_to_its_pinned_total(user_api, user, rice, eid20):
    user_api.post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 2}, format="json")
    user_api.post("/api/v1/cart/voucher/", {"code": "EID20"}, format="json")
    user_api.delete("/api/v1/cart/voucher/")  # another device

    refused = user_api.post("/api/v1/orders/", {**API_BODY, "total": "732.00"}, format="json")

    assert refused.status_code == 409 and error_of(refused)["fields"]["total"] == "900.00"
    assert nothing_written(rice)


@pytest.mark.parametrize("total", ["sNaN", "NaN", "Infinity", "-1", "1e999999", "²", "①", "12.345", ""])
def test_an_api_total_that_is_not_an_amount_is_400(api_client, rice, total):
    body = {**API_BODY, "items": [{"product_id": rice.pk, "quantity": 2}], "total": total}

    response = api_client.post("/api/v1/orders/", body, format="json")

    assert response.status_code == 400 and "total" in error_of(response)["fields"]
    assert nothing_written(rice)
