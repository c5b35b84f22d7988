"""Every legacy path answers the old client's exact requests with the keys and JSON types it parses."""

import json
from decimal import Decimal

import pytest

from orders.models import Order

from .contract import BROWSER, CONTRACT, ORDER_BODY, POST_JSON, fill, shape_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def values(client, rice, oil, category):
    order = client.post(
        "/api/orders",
        json.dumps(fill(ORDER_BODY, {"product_id": oil.pk, "price": 185, "total": 370})),
        **POST_JSON,
    ).json()["order"]
    return {
        "product_id": rice.pk,
        "price": 420,
        "total": 840,
        "category": category.name,
        "order_id": order["id"],
        "token": order["token"],
    }


@pytest.mark.parametrize(
    ("what", "method", "path", "body", "status", "shape"), CONTRACT, ids=[case[0] for case in CONTRACT]
)
def test_every_path_answers_with_the_keys_and_json_types_the_old_client_parses(
    client, values, what, method, path, body, status, shape
):
    if body is None:
        response = getattr(client, method)(fill(path, values), **BROWSER)
    else:
        response = getattr(client, method)(fill(path, values), json.dumps(fill(body, values)), **POST_JSON)

    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert shape_errors(data, shape) == []
    assert data.get("data") != []  # the fixtures make sure every list has something to check


def test_a_placed_order_answers_as_spec_8_says(client, rice):
    body = fill(ORDER_BODY, {"product_id": rice.pk, "price": 420, "total": 840})

    response = client.post("/api/orders", json.dumps(body), **POST_JSON)

    order = Order.objects.get()
    data = response.json()
    assert response.status_code == 201
    assert data["message"] == "Order placed successfully"
    assert data["order"] == {
        "id": order.pk,
        "customer_name": "Ayesha Rahman",
        "customer_email": "ayesha@example.com",
        "customer_phone": "+8801712345678",
        "delivery_address": "House 12, Road 5, Dhanmondi, Dhaka-1205",
        "total_amount": 900,  # the items' 840 and the inside-Dhaka delivery fee of 60
        "status": "pending",
        "created_at": order.created_at.isoformat().replace("+00:00", "Z"),
        "number": order.number,
        "token": order.token,
        "subtotal": 840,
        "delivery_fee": 60,
    }
    assert (order.total, order.delivery_zone, order.payment_method) == (
        Decimal("900.00"),
        "inside_dhaka",
        "cod",
    )
    assert (order.area, order.city, order.postcode, order.language) == ("Dhanmondi", "Dhaka", "1205", "bn")


def test_a_product_answers_with_its_values_in_the_old_types(client, rice, category):
    response = client.get(f"/api/products/{rice.pk}", **BROWSER)

    rice.refresh_from_db()
    assert response.json() == {
        "source": "database",
        "data": {
            "id": rice.pk,
            "name": "Miniket Rice 5kg",
            "description": "",
            "price": 420.0,
            "category": "Rice & Grains",
            "stock": 10,
            "image_url": "http://testserver/static/img/product-placeholder.svg",
            "created_at": rice.created_at.isoformat().replace("+00:00", "Z"),
            "updated_at": rice.updated_at.isoformat().replace("+00:00", "Z"),
        },
    }


def test_paths_have_no_trailing_slash_and_are_never_redirected(client, rice):
    without = client.get("/api/products", **BROWSER)
    with_slash = client.get("/api/products/", **BROWSER)
    post = client.post("/api/orders", "{}", **POST_JSON)

    assert without.status_code == 200
    assert with_slash.status_code == 404 and set(with_slash.json()) == {"error", "details"}
    assert post.status_code == 400


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("get", "/api/products/abc", {}, 404),
        ("get", "/api/products/" + "9" * 30, {}, 404),
        ("get", "/api/orders/abc", {}, 404),
        ("get", "/api/nothing", {}, 404),
        ("put", "/api/orders", {"data": "{}", "content_type": "application/json"}, 405),
        ("get", "/api/orders", {}, 405),
        ("post", "/api/orders", {"data": "{not json", "content_type": "application/json"}, 400),
        ("post", "/api/orders", {"data": "[1, 2]", "content_type": "application/json"}, 400),
        ("post", "/api/orders", {"data": "null", "content_type": "application/json"}, 400),
        ("post", "/api/orders", {"data": "a=1", "content_type": "text/plain"}, 415),
        ("post", "/api/orders", {"data": {"a": "1"}}, 415),  # an HTML form's body
    ],
)
def test_every_failure_is_a_bangla_sentence_with_details_whatever_accept_language_says(
    client, method, path, kwargs, status
):
    response = getattr(client, method)(path, **kwargs, HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT="text/html")

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error", "details"} and isinstance(body["details"], list)
    assert is_bangla(body["error"]) and all(is_bangla(line) for line in body["details"])


def test_an_unknown_product_is_the_specs_404(client):
    response = client.get("/api/products/999999", **BROWSER)

    assert response.status_code == 404
    assert response.json() == {"error": "পণ্যটি পাওয়া যায়নি", "details": []}


def is_bangla(text: str) -> bool:
    return any("\u0980" <= character <= "\u09ff" for character in text)


def test_a_crash_under_api_answers_in_the_legacy_shape(rf):
    from dhakacart.views import server_error

    response = server_error(rf.get("/api/products"))

    assert response.status_code == 500
    assert json.loads(response.content) == {
        "error": "আমাদের দিকে একটি সমস্যা হয়েছে। অনুগ্রহ করে আবার চেষ্টা করুন।",
        "details": [],
    }


def test_the_legacy_paths_stay_out_of_the_api_v1_openapi_document(client):
    import yaml

    document = yaml.safe_load(client.get("/api/v1/schema/").content)

    assert document["paths"] and all(path.startswith("/api/v1/") for path in document["paths"])
