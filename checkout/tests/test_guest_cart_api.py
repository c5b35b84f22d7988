"""An app's guest cart over API v1: no credentials, the Cart-Token header (SPEC §7)."""

import time
import uuid
from decimal import Decimal

import pytest
from django.core import signing

from checkout.cart import GuestDatabaseCart
from checkout.models import GuestCart, GuestCartItem
from checkout.tokens import issue_cart_token, read_cart_token
from dhakacart.tests.api import error_of
from orders.models import Order
from promotions.tests.factories import fixed
from shop.models import Product

pytestmark = pytest.mark.django_db

GUEST_CONTACT = {
    "customer_name": "Ayesha Rahman",
    "customer_email": "ayesha@example.com",
    "customer_phone": "01712345678",
    "address_line": "House 12, Road 5",
    "area": "Dhanmondi",
    "city": "Dhaka",
}


def with_token(token: str) -> dict:
    return {"HTTP_CART_TOKEN": token}


def add(api_client, product, quantity, token=None):
    return api_client.post(
        "/api/v1/cart/items/",
        {"product_id": product.pk, "quantity": quantity},
        format="json",
        **(with_token(token) if token else {}),
    )


def test_a_guest_cart_lives_through_add_change_read_and_order_with_its_token(api_client, rice, oil):
    first = add(api_client, rice, 2)
    token = first["Cart-Token"]
    second = add(api_client, oil, 1, token)
    changed = api_client.patch(
        f"/api/v1/cart/items/{rice.pk}/", {"quantity": 3}, **with_token(second["Cart-Token"])
    )
    seen = api_client.get("/api/v1/cart/", **with_token(changed["Cart-Token"]))
    ordered = api_client.post(
        "/api/v1/orders/", GUEST_CONTACT, format="json", **with_token(seen["Cart-Token"])
    )

    assert first.status_code == 201 and first.json()["unit_count"] == 2
    assert second.status_code == 201 and second.json()["unit_count"] == 3
    assert changed.status_code == 200 and seen.json()["unit_count"] == 4
    assert seen.json()["subtotal"] == "1445.00"  # 3 × 420 + 185
    assert ordered.status_code == 201, ordered.json()
    order = Order.objects.get(number=ordered.json()["number"])
    assert order.user is None and order.email == "ayesha@example.com"
    assert {line.product_id: line.quantity for line in order.lines.all()} == {rice.pk: 3, oil.pk: 1}
    assert Product.objects.get(pk=rice.pk).stock == 7
    assert GuestCart.objects.get(key=read_cart_token(token)).closed == "ordered"
    assert not GuestCartItem.objects.exists()


def test_every_guest_cart_answer_carries_a_fresh_token_for_the_same_cart(api_client, rice):
    token = add(api_client, rice, 1)["Cart-Token"]
    time.sleep(1.1)  # the token's timestamp has one-second steps

    again = api_client.get("/api/v1/cart/", **with_token(token))

    assert again["Cart-Token"] != token
    assert read_cart_token(again["Cart-Token"]) == read_cart_token(token)
    assert again.json()["unit_count"] == 1
    assert "Cart-Token" in again["Vary"]


def test_reading_a_new_guest_cart_writes_nothing_yet(api_client):
    response = api_client.get("/api/v1/cart/")

    assert response.status_code == 200 and response.json()["unit_count"] == 0
    assert read_cart_token(response["Cart-Token"])
    assert not GuestCart.objects.exists()


def test_a_signed_in_client_gets_its_own_cart_and_no_cart_token(user_api, rice):
    response = user_api.post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 1}, format="json")

    assert response.status_code == 201
    assert "Cart-Token" not in response
    assert not GuestCart.objects.exists()


def test_a_token_older_than_30_days_is_a_401_cart_token_expired(api_client, rice, monkeypatch):
    token = add(api_client, rice, 1)["Cart-Token"]
    later = time.time() + 30 * 24 * 3600 + 5
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = api_client.get("/api/v1/cart/", **with_token(token))

    assert response.status_code == 401 and error_of(response)["code"] == "cart_token_expired"


def test_a_token_used_within_30_days_stays_valid(api_client, rice, monkeypatch):
    token = add(api_client, rice, 1)["Cart-Token"]
    later = time.time() + 29 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = api_client.get("/api/v1/cart/", **with_token(token))

    assert response.status_code == 200 and response.json()["unit_count"] == 1


@pytest.mark.parametrize(
    "forged",
    [
        "not-a-token",
        "",
        "x" * 500,
        "টোকেন",
        signing.TimestampSigner(salt="another-salt").sign(uuid.uuid4().hex),
        signing.TimestampSigner(salt="checkout.cart-token", key="another-key").sign(uuid.uuid4().hex),
    ],
    ids=["garbage", "empty", "long", "bangla", "other-salt", "other-key"],
)
def test_a_forged_token_is_a_401_and_reaches_no_cart(api_client, rice, forged):
    victim = add(api_client, rice, 2)["Cart-Token"]
    before = list(GuestCartItem.objects.values_list("product_id", "quantity"))

    response = api_client.post(
        "/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 1}, format="json", HTTP_CART_TOKEN=forged
    )

    if forged == "":  # an empty header is no token: a new cart
        assert response.status_code == 201 and read_cart_token(response["Cart-Token"]) != read_cart_token(
            victim
        )
    else:
        assert response.status_code == 401 and error_of(response)["code"] == "cart_token_invalid"
        assert list(GuestCartItem.objects.values_list("product_id", "quantity")) == before


def test_a_token_whose_cart_was_ordered_is_a_404_cart_ordered_everywhere(api_client, rice):
    token = add(api_client, rice, 1)["Cart-Token"]
    api_client.post("/api/v1/orders/", GUEST_CONTACT, format="json", **with_token(token))

    answers = [
        api_client.get("/api/v1/cart/", **with_token(token)),
        add(api_client, rice, 1, token),
        api_client.post("/api/v1/orders/", GUEST_CONTACT, format="json", **with_token(token)),
    ]

    assert [(r.status_code, error_of(r)["code"]) for r in answers] == [(404, "cart_ordered")] * 3
    assert Order.objects.count() == 1


def test_one_guest_cannot_see_or_change_anothers_cart(api_client, rice, oil):
    mine = add(api_client, rice, 1)["Cart-Token"]
    theirs = add(api_client, oil, 2)["Cart-Token"]

    removed = api_client.delete(f"/api/v1/cart/items/{oil.pk}/", **with_token(mine))

    assert removed.json()["unit_count"] == 1
    assert api_client.get("/api/v1/cart/", **with_token(theirs)).json()["unit_count"] == 2


def test_ordering_an_empty_guest_cart_is_refused_and_closes_nothing(api_client):
    token = api_client.get("/api/v1/cart/")["Cart-Token"]

    response = api_client.post("/api/v1/orders/", GUEST_CONTACT, format="json", **with_token(token))

    assert response.status_code == 400 and error_of(response)["code"] == "empty_cart"
    assert api_client.get("/api/v1/cart/", **with_token(token)).status_code == 200


def test_a_guest_without_items_or_token_is_told_to_send_one(api_client):
    response = api_client.post("/api/v1/orders/", GUEST_CONTACT, format="json")

    assert response.status_code == 400 and "items" in error_of(response)["fields"]


@pytest.mark.parametrize(("sms_backend", "required"), [("locmem", set()), ("none", {"customer_email"})])
def test_a_guest_order_of_the_cart_still_needs_the_contact_fields(
    api_client, rice, settings, sms_backend, required
):
    """The phone always; the e-mail only while the shop sends no SMS (SPEC §20)."""
    settings.SMS_BACKEND = sms_backend
    token = add(api_client, rice, 1)["Cart-Token"]

    response = api_client.post("/api/v1/orders/", {"city": "Dhaka"}, format="json", **with_token(token))

    assert response.status_code == 400
    fields = set(error_of(response)["fields"])
    assert {"customer_name", "customer_phone", *required} <= fields
    assert ("customer_email" in fields) == bool(required)
    assert GuestCart.objects.get().closed == "" and Order.objects.count() == 0


def test_a_failed_guest_order_leaves_the_cart_open_and_whole(api_client, rice):
    token = add(api_client, rice, 3)["Cart-Token"]
    Product.objects.filter(pk=rice.pk).update(stock=2)

    response = api_client.post("/api/v1/orders/", GUEST_CONTACT, format="json", **with_token(token))

    assert response.status_code == 409 and error_of(response)["code"] == "out_of_stock"
    assert GuestDatabaseCart(read_cart_token(token)).quantities() == {rice.pk: 3}
    assert GuestCart.objects.get().closed == ""


def test_a_repeated_idempotency_key_on_a_guest_cart_order_returns_the_first_order(api_client, rice):
    token = add(api_client, rice, 1)["Cart-Token"]
    headers = {**with_token(token), "HTTP_IDEMPOTENCY_KEY": "guest-cart-1"}

    first = api_client.post("/api/v1/orders/", GUEST_CONTACT, format="json", **headers)
    again = api_client.post("/api/v1/orders/", GUEST_CONTACT, format="json", **headers)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["number"] == again.json()["number"]
    assert Order.objects.count() == 1


def test_another_guest_with_the_same_idempotency_key_gets_an_order_of_its_own(api_client, rice, oil):
    mine = add(api_client, rice, 1)["Cart-Token"]
    theirs = add(api_client, oil, 1)["Cart-Token"]

    first = api_client.post(
        "/api/v1/orders/", GUEST_CONTACT, format="json", HTTP_CART_TOKEN=mine, HTTP_IDEMPOTENCY_KEY="k1"
    )
    second = api_client.post(
        "/api/v1/orders/", GUEST_CONTACT, format="json", HTTP_CART_TOKEN=theirs, HTTP_IDEMPOTENCY_KEY="k1"
    )

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["number"] != second.json()["number"]


def test_a_voucher_on_a_guest_cart_prices_the_cart_and_the_order(api_client, rice):
    fixed(code="FLAT100", amount=Decimal("100.00"))
    token = add(api_client, rice, 1)["Cart-Token"]

    applied = api_client.post(
        "/api/v1/cart/voucher/", {"code": "flat100"}, format="json", **with_token(token)
    )
    ordered = api_client.post(
        "/api/v1/orders/", GUEST_CONTACT, format="json", **with_token(applied["Cart-Token"])
    )

    assert applied.status_code == 200
    assert (applied.json()["voucher_code"], applied.json()["discount"], applied.json()["items_total"]) == (
        "FLAT100",
        "100.00",
        "320.00",
    )
    assert ordered.status_code == 201
    assert (ordered.json()["voucher_code"], ordered.json()["discount"]) == ("FLAT100", "100.00")


def test_a_guest_can_remove_its_carts_voucher(api_client, rice):
    fixed(code="FLAT100", amount=Decimal("100.00"))
    token = add(api_client, rice, 1)["Cart-Token"]
    api_client.post("/api/v1/cart/voucher/", {"code": "FLAT100"}, format="json", **with_token(token))

    removed = api_client.delete("/api/v1/cart/voucher/", **with_token(token))

    assert removed.status_code == 200 and removed.json()["voucher_code"] == ""


def test_a_refused_voucher_on_a_guest_cart_keeps_none(api_client, rice):
    token = add(api_client, rice, 1)["Cart-Token"]

    response = api_client.post("/api/v1/cart/voucher/", {"code": "NOPE"}, format="json", **with_token(token))

    assert response.status_code == 404 and error_of(response)["code"] == "voucher_unknown"
    assert GuestDatabaseCart(read_cart_token(token)).voucher_code() == ""


def test_a_guest_sending_items_with_a_token_orders_the_items_and_keeps_the_cart(api_client, rice, oil):
    token = add(api_client, rice, 1)["Cart-Token"]

    response = api_client.post(
        "/api/v1/orders/",
        {**GUEST_CONTACT, "items": [{"product_id": oil.pk, "quantity": 1}]},
        format="json",
        **with_token(token),
    )

    assert response.status_code == 201
    assert GuestDatabaseCart(read_cart_token(token)).quantities() == {rice.pk: 1}


def test_the_preflight_allows_the_cart_token_and_answers_expose_it(client, settings, rice):
    origin = "https://app.dhakacart.com.bd"
    settings.CORS_ALLOWED_ORIGINS = [origin]

    preflight = client.options(
        "/api/v1/cart/items/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, cart-token",
    )
    answer = client.get("/api/v1/cart/", HTTP_ORIGIN=origin)

    assert "cart-token" in preflight["Access-Control-Allow-Headers"].split(", ")
    assert "Cart-Token" in answer["Access-Control-Expose-Headers"]
    assert answer["Cart-Token"]


def test_a_token_issued_for_a_key_reads_back_as_that_key():
    key = uuid.uuid4()

    assert read_cart_token(issue_cart_token(key)) == key
