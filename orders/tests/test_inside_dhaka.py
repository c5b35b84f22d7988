"""One rule decides "inside Dhaka" (dhakacart.address.is_inside_dhaka), and every door takes it:
the checkout page, API v1 and the legacy API give the same address the same zone and fee."""

import json
from decimal import Decimal

import pytest

from dhakacart.tests.api import error_of
from legacy_api.tests.contract import POST_JSON
from orders.models import Order

from .test_checkout import checkout_form, fill_cart

pytestmark = pytest.mark.django_db

# (area, city, the same address as the legacy client's one line, zone, fee)
ADDRESSES = [
    ("Hemayetpur, Savar", "Dhaka District", "Hemayetpur, Savar, Dhaka District", "outside_dhaka", "120.00"),
    ("Savar", "Dhaka", "House 3, Savar, Dhaka", "outside_dhaka", "120.00"),
    ("Zinzira", "Keraniganj", "Zinzira, Keraniganj", "outside_dhaka", "120.00"),
    ("Tongi", "Gazipur", "Road 2, Tongi, Gazipur-1710", "outside_dhaka", "120.00"),
    ("Fatullah", "Narayanganj", "Fatullah, Narayanganj", "outside_dhaka", "120.00"),
    ("Mirpur 10", "Dhaka-1216", "Flat 3B, Mirpur 10, Dhaka-1216", "inside_dhaka", "60.00"),
    ("Old Dhaka", "Dhaka", "Lalbagh Road, Old Dhaka, Dhaka", "inside_dhaka", "60.00"),
    ("ধানমন্ডি", "ঢাকা", "বাড়ি ১২, ধানমন্ডি, ঢাকা ১২০৫", "inside_dhaka", "60.00"),
]
OTHER_ZONE = {"inside_dhaka": "outside_dhaka", "outside_dhaka": "inside_dhaka"}


@pytest.mark.parametrize(("area", "city", "line", "zone", "fee"), ADDRESSES)
def test_the_legacy_door_gives_the_address_the_rules_zone(client, rice, area, city, line, zone, fee):
    body = {
        "customer_name": "Ayesha Rahman",
        "customer_email": "ayesha@example.com",
        "customer_phone": "01712345678",
        "delivery_address": line,
        "items": [{"product_id": rice.pk, "quantity": 1, "price": 420}],
        "total_amount": 420,
    }

    response = client.post("/api/orders", json.dumps(body), **POST_JSON)

    order = Order.objects.get()
    assert response.status_code == 201
    assert (order.delivery_zone, order.delivery_fee) == (zone, Decimal(fee))


def api_body(rice, area, city, **changes):
    return {
        "customer_name": "Ayesha Rahman",
        "customer_email": "ayesha@example.com",
        "customer_phone": "01712345678",
        "address_line": "House 3",
        "area": area,
        "city": city,
        "items": [{"product_id": rice.pk, "quantity": 1}],
        **changes,
    }


@pytest.mark.parametrize(("area", "city", "line", "zone", "fee"), ADDRESSES)
def test_api_v1_gives_the_address_the_rules_zone_and_refuses_the_other(
    api_client, rice, area, city, line, zone, fee
):
    chosen_wrong = api_client.post(
        "/api/v1/orders/", api_body(rice, area, city, delivery_zone=OTHER_ZONE[zone]), format="json"
    )
    defaulted = api_client.post("/api/v1/orders/", api_body(rice, area, city), format="json")

    assert chosen_wrong.status_code == 400 and error_of(chosen_wrong)["code"] == "invalid_order"
    assert error_of(chosen_wrong)["fields"]["delivery_zone"] == zone
    assert defaulted.status_code == 201
    assert (defaulted.json()["delivery_zone"], defaulted.json()["delivery_fee"]) == (zone, fee)
    assert Order.objects.count() == 1


@pytest.mark.parametrize(("area", "city", "line", "zone", "fee"), ADDRESSES)
def test_the_checkout_page_gives_the_address_the_rules_zone_and_refuses_the_other(
    client, rice, area, city, line, zone, fee
):
    fill_cart(client, (rice, 1))
    form = {**checkout_form(client), "area": area, "city": city, "postcode": ""}

    refused = client.post("/checkout/", {**form, "delivery_zone": OTHER_ZONE[zone]})
    placed = client.post("/checkout/", {**form, "delivery_zone": zone})

    assert refused.status_code == 200 and "Please choose that delivery zone." in refused.content.decode()
    assert placed.status_code == 302
    order = Order.objects.get()
    assert (order.delivery_zone, order.delivery_fee) == (zone, Decimal(fee))
