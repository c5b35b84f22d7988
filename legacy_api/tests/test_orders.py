"""POST /api/orders: the server's prices, SPEC §17's totals, stock, bad bodies, owner, throttle."""

import json
import re
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework_simplejwt.tokens import RefreshToken

from orders.models import Order
from shop.models import Product

from .contract import POST_JSON

pytestmark = pytest.mark.django_db


def order_body(*lines, total=None, **changes):
    """The old client's body for (product, quantity, price) lines; total defaults to their sum."""
    items = [
        {"product_id": product.pk, "quantity": quantity, "price": price} for product, quantity, price in lines
    ]
    if total is None:
        total = sum(Decimal(str(price)) * quantity for _product, quantity, price in lines)
        total = float(total)
    return {
        "customer_name": "Ayesha Rahman",
        "customer_email": "ayesha@example.com",
        "customer_phone": "01712345678",
        "delivery_address": "House 12, Road 5, Dhanmondi, Dhaka",
        "items": items,
        "total_amount": total,
        **changes,
    }


def post(client, body, **headers):
    return client.post("/api/orders", json.dumps(body), **{**POST_JSON, **headers})


def stock_of(product):
    return Product.objects.get(pk=product.pk).stock


@pytest.mark.parametrize(
    ("sent", "why"),
    [
        ({"rice": 400, "oil": 185, "total": 985}, "a lower item price, with a total to match"),
        ({"rice": 420, "oil": 185, "total": 900}, "a lower total"),
        ({"rice": 430, "oil": 185, "total": 1045}, "a higher item price"),
    ],
)
def test_a_tampered_price_or_total_is_409_with_current_prices_and_nothing_is_written(
    client, rice, oil, sent, why
):
    body = order_body((rice, 2, sent["rice"]), (oil, 1, sent["oil"]), total=sent["total"])

    response = post(client, body)

    data = response.json()
    assert response.status_code == 409, why
    assert data["current_prices"] == [
        {"product_id": rice.pk, "name": "Miniket Rice 5kg", "price": 420},
        {"product_id": oil.pk, "name": "Soybean Oil 1L", "price": 185},
    ]
    assert data["subtotal"] == 1025
    assert data["error"] == "দাম বদলে গেছে। নতুন দাম দেখে আবার অর্ডার করুন।"
    assert Order.objects.count() == 0
    assert (stock_of(rice), stock_of(oil)) == (10, 10)


def test_the_409_says_which_price_and_the_total_changed(client, rice, oil):
    response = post(client, order_body((rice, 2, 400), (oil, 1, 185), total=985))

    assert response.json()["details"] == [
        "Miniket Rice 5kg-এর দাম এখন ৳৪২০.০০।",
        "এই পণ্যগুলোর মোট দাম এখন ৳১,০২৫.০০।",
    ]


def test_the_total_is_the_items_subtotal_and_the_reply_adds_the_delivery_fee(client, rice, oil):
    response = post(client, order_body((rice, 2, 420), (oil, 1, 185)))

    order = Order.objects.get()
    assert response.status_code == 201
    assert response.json()["order"]["total_amount"] == 1085
    assert (order.subtotal, order.delivery_fee, order.total) == (
        Decimal("1025.00"),
        Decimal("60.00"),
        Decimal("1085.00"),
    )
    assert [(line.product_id, line.quantity, line.unit_price) for line in order.lines.all()] == [
        (rice.pk, 2, Decimal("420.00")),
        (oil.pk, 1, Decimal("185.00")),
    ]
    assert (stock_of(rice), stock_of(oil)) == (8, 9)


def test_a_javascript_floating_point_total_is_accepted(client, make_product):
    dal = make_product(name="Masoor Dal 1kg", price=Decimal("185.10"))

    response = post(client, order_body((dal, 3, 185.1), total=185.1 * 3))  # 555.3000000000001

    assert response.status_code == 201
    assert Order.objects.get().subtotal == Decimal("555.30")


@pytest.mark.parametrize(
    ("address", "zone", "fee", "city"),
    [
        ("House 12, Road 5, Dhanmondi, Dhaka", "inside_dhaka", 60, "Dhaka"),
        ("Flat 3B, Mirpur 10, Dhaka-1216", "inside_dhaka", 60, "Dhaka"),
        ("বাড়ি ১২, ধানমন্ডি, ঢাকা ১২০৫", "inside_dhaka", 60, "ঢাকা"),
        ("Hemayetpur, Savar, Dhaka District", "outside_dhaka", 120, "Dhaka District"),
        ("House 3, Savar, Dhaka", "outside_dhaka", 120, "Dhaka"),
        ("Road 2, Tongi, Gazipur-1710", "outside_dhaka", 120, "Gazipur"),
        ("12 Station Road, Agrabad, Chattogram", "outside_dhaka", 120, "Chattogram"),
        ("Zindabahar Lane, Sylhet 3100", "outside_dhaka", 120, "Sylhet"),
    ],
)
def test_the_delivery_zone_and_fee_follow_the_address(client, rice, address, zone, fee, city):
    response = post(client, order_body((rice, 1, 420), delivery_address=address))

    order = Order.objects.get()
    assert response.status_code == 201
    assert (order.delivery_zone, order.delivery_fee, order.city) == (zone, fee, city)
    assert order.address_line == address and response.json()["order"]["delivery_address"] == address
    assert order.payment_method == "cod"


def test_missing_stock_is_409_naming_the_product_and_what_is_left(client, rice, oil):
    response = post(client, order_body((rice, 12, 420), (oil, 1, 185)))

    data = response.json()
    assert response.status_code == 409
    assert data["error"] == "আপনার চাওয়া পরিমাণে কিছু পণ্য স্টকে নেই।"
    assert data["details"] == ["Miniket Rice 5kg আর মাত্র ১০টি বাকি আছে।"]
    assert data["stock"] == [
        {"product_id": rice.pk, "name": "Miniket Rice 5kg", "requested": 12, "available": 10}
    ]
    assert Order.objects.count() == 0 and (stock_of(rice), stock_of(oil)) == (10, 10)


def test_an_unknown_or_inactive_product_is_409_and_writes_nothing(client, rice, make_product):
    hidden = make_product(name="Old Soap", is_active=False)

    unknown = post(
        client,
        order_body((rice, 1, 420), total=520)
        | {"items": [{"product_id": 999999, "quantity": 1, "price": 100}]},
    )
    inactive = post(client, order_body((hidden, 1, 100)))

    assert unknown.status_code == 409 and inactive.status_code == 409
    assert inactive.json()["details"] == ["Old Soap এখন আর বিক্রি হচ্ছে না। অনুগ্রহ করে এটি কার্ট থেকে সরিয়ে দিন।"]
    assert Order.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        ({"customer_name": ""}, "আপনার নাম লিখুন (সর্বোচ্চ ১৫০ অক্ষর)।"),
        ({"customer_email": "nope"}, "একটি সঠিক ই-মেইল ঠিকানা লিখুন।"),
        ({"customer_phone": "12345"}, "একটি বাংলাদেশি মোবাইল নম্বর লিখুন, যেমন 01712345678 বা +8801712345678।"),
        ({"delivery_address": None}, "ডেলিভারির ঠিকানা লিখুন (সর্বোচ্চ ২৫৫ অক্ষর)।"),
        ({"delivery_address": "x" * 256}, "ডেলিভারির ঠিকানা লিখুন (সর্বোচ্চ ২৫৫ অক্ষর)।"),
        ({"total_amount": "abc"}, "অর্ডারের মোট দাম টাকায়, সংখ্যা হিসেবে পাঠান।"),
        ({"total_amount": -5}, "অর্ডারের মোট দাম টাকায়, সংখ্যা হিসেবে পাঠান।"),
        ({"total_amount": True}, "অর্ডারের মোট দাম টাকায়, সংখ্যা হিসেবে পাঠান।"),
        ({"items": []}, "অর্ডারের জন্য ১ থেকে ৫০টি পণ্যের তালিকা পাঠান।"),
        ({"items": "rice"}, "অর্ডারের জন্য ১ থেকে ৫০টি পণ্যের তালিকা পাঠান।"),
        (
            {"items": [{"product_id": 1, "quantity": 0, "price": 1}]},
            "পণ্য ১: পরিমাণ ১ থেকে ৯৯-এর মধ্যে পূর্ণ সংখ্যা হতে হবে।",
        ),
        (
            {"items": [{"product_id": 1, "quantity": 100, "price": 1}]},
            "পণ্য ১: পরিমাণ ১ থেকে ৯৯-এর মধ্যে পূর্ণ সংখ্যা হতে হবে।",
        ),
        ({"items": [{"product_id": -1, "quantity": 1, "price": 1}]}, "পণ্য ১: পণ্যটি সঠিক নয়।"),
        ({"items": [{"product_id": 1, "quantity": 1}]}, "পণ্য ১: দাম টাকায়, সংখ্যা হিসেবে পাঠান।"),
        ({"items": [{"product_id": 1, "quantity": 1, "price": "NaN"}]}, "পণ্য ১: দাম টাকায়, সংখ্যা হিসেবে পাঠান।"),
    ],
)
def test_bad_bodies_are_400_with_one_bangla_line_per_problem_and_write_nothing(client, rice, changes, detail):
    response = post(client, {**order_body((rice, 1, 420)), **changes})

    assert response.status_code == 400
    assert response.json() == {"error": "অর্ডারের কিছু তথ্য সঠিক নয়।", "details": [detail]}
    assert Order.objects.count() == 0 and stock_of(rice) == 10


@pytest.mark.parametrize("amount", ["sNaN", "-sNaN", "NaN", "Infinity", "-Infinity", "²", "①", "1e999999"])
def test_an_amount_that_is_not_a_number_of_taka_is_400_in_bangla(client, rice, amount):
    price = post(client, order_body((rice, 1, amount), total=420))
    total = post(client, order_body((rice, 1, 420), total=amount))

    assert price.status_code == 400 and price.json()["details"] == ["পণ্য ১: দাম টাকায়, সংখ্যা হিসেবে পাঠান।"]
    assert total.status_code == 400 and total.json()["details"] == ["অর্ডারের মোট দাম টাকায়, সংখ্যা হিসেবে পাঠান।"]
    assert Order.objects.count() == 0 and stock_of(rice) == 10


def test_a_json_number_too_big_for_a_float_is_400_not_an_error(client, rice):
    body = json.dumps(order_body((rice, 1, 420), total=420)).replace(
        '"total_amount": 420', '"total_amount": 1e999999'
    )

    response = client.post("/api/orders", body, **POST_JSON)

    assert response.status_code == 400 and set(response.json()) == {"error", "details"}
    assert Order.objects.count() == 0


def test_a_product_twice_is_400_and_writes_nothing(client, rice):
    response = post(client, order_body((rice, 1, 420), (rice, 1, 420)))

    assert response.status_code == 400
    assert response.json()["details"] == ["একটি অর্ডারে প্রতিটি পণ্য একবারই রাখা যায়।"]
    assert Order.objects.count() == 0


def test_a_signed_in_client_owns_its_order_by_jwt(client, user, rice):
    token = RefreshToken.for_user(user).access_token

    response = post(client, order_body((rice, 1, 420)), HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 201 and Order.objects.get().user == user


def test_a_browser_session_places_an_order_without_a_csrf_token(user, rice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)

    response = post(browser, order_body((rice, 1, 420)))

    assert response.status_code == 201 and Order.objects.get().user == user


def test_a_guest_order_has_no_owner(client, rice):
    response = post(client, order_body((rice, 1, 420)))

    assert response.status_code == 201 and Order.objects.get().user is None


def test_a_stale_jwt_is_401_in_the_legacy_shape(client, rice):
    response = post(client, order_body((rice, 1, 420)), HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == 401
    assert set(response.json()) == {"error", "details"} and Order.objects.count() == 0


def test_placing_orders_is_throttled_per_client(client, settings, rice):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "orders": "2/min"}

    statuses = [post(client, order_body((rice, quantity, 420))).status_code for quantity in (1, 2, 3)]
    refused = post(client, order_body((rice, 4, 420)))

    assert statuses == [201, 201, 429]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["error"] == "অনেক বেশি অনুরোধ এসেছে। একটু অপেক্ষা করে আবার চেষ্টা করুন।"
    [wait] = refused.json()["details"]  # "৩৯ সেকেন্ড পরে আবার চেষ্টা করুন।": the digits of the sentence
    assert re.fullmatch(r"[০-৯]+ সেকেন্ড পরে আবার চেষ্টা করুন।", wait)
    assert Order.objects.count() == 2
