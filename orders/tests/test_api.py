"""API v1 orders: the same place_order and checkout service as the pages, with Idempotency-Key."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from accounts.models import Address
from checkout.cart import DatabaseCart
from dhakacart.tests.api import client_for, error_of
from orders.models import Order, OrderStatus
from orders.services import confirm_order
from shop.models import Product

pytestmark = pytest.mark.django_db

GUEST = {
    "customer_name": "Ayesha Rahman",
    "customer_email": "Ayesha@Example.com",
    "customer_phone": "01712345678",
    "address_line": "House 12, Road 5",
    "area": "Dhanmondi",
    "city": "Dhaka",
    "postcode": "1205",
    "delivery_zone": "inside_dhaka",
    "payment_method": "cod",
}


def body(*lines, **changes):
    return {**GUEST, "items": [dict(line) for line in lines], **changes}


def item(product, quantity=1, **extra):
    return {"product_id": product.pk, "quantity": quantity, **extra}


def stock_of(product):
    return Product.objects.get(pk=product.pk).stock


def test_a_guest_places_an_order_and_gets_its_number_token_and_totals(api_client, rice, oil):
    response = api_client.post("/api/v1/orders/", body(item(rice, 2), item(oil, 1, price="185.00")))

    order = Order.objects.get()
    data = response.json()
    assert response.status_code == 201
    assert response["Location"] == f"/api/v1/orders/{order.number}/"
    assert data["number"] == order.number and data["token"] == order.token
    assert data["status"] == "pending" and data["can_cancel"] is True
    assert data["customer_email"] == "ayesha@example.com" and data["customer_phone"] == "+8801712345678"
    assert (data["subtotal"], data["delivery_fee"], data["total"]) == ("1025.00", "60.00", "1085.00")
    assert [(line["product_sku"], line["quantity"], line["line_total"]) for line in data["items"]] == [
        ("DC-RICE-001", 2, "840.00"),
        ("DC-OIL-001", 1, "185.00"),
    ]
    assert stock_of(rice) == 8 and stock_of(oil) == 9


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"customer_phone": "12345"}, "customer_phone"),
        ({"customer_email": "nope"}, "customer_email"),
        ({"customer_name": ""}, "customer_name"),
        ({"city": None}, "city"),
        ({"postcode": "12"}, "postcode"),
        ({"delivery_zone": "mars"}, "delivery_zone"),
        ({"payment_method": "bitcoin"}, "payment_method"),
        ({"items": []}, "items"),
        ({"items": "rice"}, "items"),
        ({"items": [{"product_id": 1, "quantity": 0}]}, "items.0.quantity"),
        ({"items": [{"product_id": 1, "quantity": 100}]}, "items.0.quantity"),
        ({"items": [{"product_id": -1, "quantity": 1}]}, "items.0.product_id"),
        ({"items": [{"product_id": 1, "quantity": 1, "price": "abc"}]}, "items.0.price"),
        ({"items": [{"product_id": 1, "quantity": 1}] * 51}, "items"),
    ],
)
def test_bad_order_bodies_are_400_naming_the_field_and_write_nothing(api_client, rice, changes, field):
    response = api_client.post("/api/v1/orders/", {**body(item(rice)), **changes})

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_input" and field in error["fields"]
    assert Order.objects.count() == 0 and stock_of(rice) == 10


def test_a_guest_must_list_items_and_contact_details(api_client, settings):
    settings.SMS_BACKEND = (
        "none"  # with SMS the e-mail is optional (sms/tests/test_checkout_without_email.py)
    )

    response = api_client.post("/api/v1/orders/", {"city": "Dhaka"})

    fields = error_of(response)["fields"]
    assert response.status_code == 400
    assert {"customer_name", "customer_email", "customer_phone", "address_line", "area", "items"} <= set(
        fields
    )


def test_a_duplicate_product_or_an_unknown_one_is_refused(api_client, rice):
    twice = api_client.post("/api/v1/orders/", body(item(rice), item(rice)))
    unknown = api_client.post("/api/v1/orders/", body({"product_id": 999999, "quantity": 1}))

    assert twice.status_code == 400 and error_of(twice)["code"] == "invalid_order"
    assert unknown.status_code == 409 and error_of(unknown)["code"] == "product_unavailable"
    assert Order.objects.count() == 0


def test_a_stale_price_is_409_with_the_current_prices_and_writes_nothing(api_client, rice):
    response = api_client.post("/api/v1/orders/", body(item(rice, 1, price="400.00")))

    error = error_of(response)
    assert response.status_code == 409 and error["code"] == "price_changed"
    assert error["fields"]["current_prices"] == {str(rice.pk): "420.00"}
    assert error["fields"]["lines"][0]["current_price"] == "420.00"
    assert Order.objects.count() == 0 and stock_of(rice) == 10


def test_missing_stock_is_409_naming_each_short_line(api_client, rice, oil):
    Product.objects.filter(pk=oil.pk).update(stock=0)

    response = api_client.post("/api/v1/orders/", body(item(rice, 11), item(oil, 1)))

    error = error_of(response)
    assert response.status_code == 409 and error["code"] == "out_of_stock"
    assert [(line["product_id"], line["available"]) for line in error["fields"]["lines"]] == [
        (rice.pk, 10),
        (oil.pk, 0),
    ]
    assert "Only 10 of Miniket Rice 5kg left." in error["message"]
    assert Order.objects.count() == 0 and stock_of(rice) == 10


def test_a_signed_in_client_orders_its_cart_with_its_profile_and_default_address(user, rice, oil):
    user.phone = "+8801712345678"
    user.save()
    Address.objects.create(
        user=user, full_name="Rahim Uddin", phone="+8801812345678", address_line="Road 2",
        area="Agrabad", city="Chattogram", is_default=True,
    )  # fmt: skip
    cart = DatabaseCart(user)
    cart.set_quantity(rice.pk, 2)

    response = client_for(user).post("/api/v1/orders/", {})

    order = Order.objects.get()
    assert response.status_code == 201
    assert order.user == user and order.email == "rahim@example.com" and order.phone == "+8801812345678"
    assert order.city == "Chattogram" and order.delivery_zone == "outside_dhaka"
    assert order.lines.get().quantity == 2
    assert cart.quantities() == {}


def test_ordering_an_empty_cart_is_refused(user):
    response = client_for(user).post("/api/v1/orders/", GUEST)

    assert response.status_code == 400 and error_of(response)["code"] == "empty_cart"


def test_explicit_items_leave_the_cart_alone(user, rice, oil):
    DatabaseCart(user).set_quantity(oil.pk, 1)

    response = client_for(user).post("/api/v1/orders/", body(item(rice)))

    assert response.status_code == 201
    assert DatabaseCart(user).quantities() == {oil.pk: 1}


def test_the_same_idempotency_key_and_body_return_the_first_order(api_client, rice):
    first = api_client.post("/api/v1/orders/", body(item(rice)), HTTP_IDEMPOTENCY_KEY="k-1")
    again = api_client.post("/api/v1/orders/", body(item(rice)), HTTP_IDEMPOTENCY_KEY="k-1")
    other = api_client.post("/api/v1/orders/", body(item(rice, 2)), HTTP_IDEMPOTENCY_KEY="k-1")
    bad_key = api_client.post("/api/v1/orders/", body(item(rice)), HTTP_IDEMPOTENCY_KEY="ক" * 3)

    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["number"] == first.json()["number"]
    assert other.status_code == 422 and error_of(other)["code"] == "idempotency_key_reused"
    assert bad_key.status_code == 400 and "Idempotency-Key" in error_of(bad_key)["fields"]
    assert Order.objects.count() == 1 and stock_of(rice) == 9


def test_a_new_order_with_listed_items_runs_a_fixed_number_of_queries(
    api_client, rice, oil, django_assert_max_num_queries
):
    # Inside the test's transaction: a savepoint, the product locks, one stock UPDATE, the order,
    # its lines, its first status, its SMS, the release. No key lookup; the lines are not read back.
    with django_assert_max_num_queries(8):
        response = api_client.post(
            "/api/v1/orders/", body(item(oil), item(rice, 2)), HTTP_IDEMPOTENCY_KEY="budget-1"
        )

    assert response.status_code == 201
    listed = [(line["product_id"], line["quantity"]) for line in response.json()["items"]]
    assert listed == [(oil.pk, 1), (rice.pk, 2)]
    assert listed == [(line.product_id, line.quantity) for line in Order.objects.get().lines.all()]


def test_idempotency_keys_are_scoped_to_the_caller(user, django_user_model, rice):
    other = django_user_model.objects.create_user(email="other@example.com", password="x-Strong-passw0rd")

    mine = client_for(user).post("/api/v1/orders/", body(item(rice)), HTTP_IDEMPOTENCY_KEY="same")
    theirs = client_for(other).post("/api/v1/orders/", body(item(rice)), HTTP_IDEMPOTENCY_KEY="same")

    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["number"] != theirs.json()["number"]


def test_replaying_a_key_after_the_cart_changed_leaves_the_new_cart_alone(user, rice, oil):
    Address.objects.create(
        user=user, full_name="Rahim Uddin", phone="+8801812345678", address_line="Road 2", area="Banani",
        city="Dhaka", is_default=True,
    )  # fmt: skip
    api = client_for(user)
    cart = DatabaseCart(user)
    cart.set_quantity(rice.pk, 1)
    first = api.post("/api/v1/orders/", {}, HTTP_IDEMPOTENCY_KEY="cart-1")
    cart.set_quantity(oil.pk, 3)

    replay = api.post("/api/v1/orders/", {}, HTTP_IDEMPOTENCY_KEY="cart-1")

    assert replay.status_code == 200 and replay.json()["number"] == first.json()["number"]
    assert cart.quantities() == {oil.pk: 3}
    assert Order.objects.count() == 1


def test_my_orders_are_listed_newest_first_and_need_sign_in(user, api_client, place, rice, oil):
    older = place({rice: 1}, user=user)
    newer = place({oil: 1}, user=user)
    place({rice: 1})  # a guest's

    mine = client_for(user).get("/api/v1/orders/")
    anonymous = api_client.get("/api/v1/orders/")

    assert mine.status_code == 200
    assert [order["number"] for order in mine.json()["results"]] == [newer.number, older.number]
    assert anonymous.status_code == 401 and error_of(anonymous)["code"] == "not_authenticated"


def test_the_order_list_runs_a_fixed_number_of_queries(
    user, place, make_product, django_assert_max_num_queries
):
    api = client_for(user)
    for _ in range(3):
        place({make_product(): 1, make_product(): 2}, user=user)
    with django_assert_max_num_queries(4):
        small = api.get("/api/v1/orders/")
    for _ in range(12):
        place({make_product(): 1, make_product(): 2, make_product(): 1}, user=user)
    with django_assert_max_num_queries(4):
        big = api.get("/api/v1/orders/")

    assert small.json()["count"] == 3 and big.json()["count"] == 15


def test_an_order_is_shown_to_its_owner_staff_and_token_holder_only(
    user, django_user_model, api_client, place, rice
):
    order = place({rice: 1}, user=user)
    stranger = django_user_model.objects.create_user(email="x@example.com", password="x-Strong-passw0rd")
    clerk = django_user_model.objects.create_user(email="clerk@example.com", password="x", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_order"))
    path = f"/api/v1/orders/{order.number}/"

    allowed = [
        client_for(user).get(path),
        client_for(clerk).get(path),
        api_client.get(path, {"token": order.token}),
    ]
    refused = [
        client_for(stranger).get(path),
        api_client.get(path),
        api_client.get(path, {"token": "wrong"}),
        client_for(stranger).get("/api/v1/orders/DC-NOSUCH/"),
    ]

    assert [response.status_code for response in allowed] == [200, 200, 200]
    assert all(response.json()["number"] == order.number for response in allowed)
    assert [response.status_code for response in refused] == [404, 404, 404, 404]
    assert {error_of(response)["code"] for response in refused} == {"not_found"}


def test_the_owner_or_token_holder_cancels_a_pending_order_and_stock_comes_back(
    user, api_client, place, rice
):
    mine = place({rice: 2}, user=user)
    guests = place({rice: 3})

    owner = client_for(user).post(f"/api/v1/orders/{mine.number}/cancel/")
    token = api_client.post(f"/api/v1/orders/{guests.number}/cancel/?token={guests.token}")
    again = client_for(user).post(f"/api/v1/orders/{mine.number}/cancel/")

    assert owner.status_code == 200 and owner.json()["status"] == "cancelled"
    assert token.status_code == 200 and token.json()["status"] == "cancelled"
    assert again.status_code == 409 and error_of(again)["code"] == "invalid_transition"
    assert stock_of(rice) == 10


def test_a_shopper_cannot_cancel_a_confirmed_order_but_staff_can(user, staff_user, place, rice):
    order = place({rice: 1}, user=user)
    confirm_order(order=order)
    staff_user.user_permissions.add(*Permission.objects.filter(codename__in=["view_order", "change_order"]))

    shopper = client_for(user).post(f"/api/v1/orders/{order.number}/cancel/")
    staff = client_for(staff_user).post(f"/api/v1/orders/{order.number}/cancel/")

    assert shopper.status_code == 409
    assert (
        error_of(shopper)["message"] == "This order is already being prepared. Please call us to cancel it."
    )
    assert staff.status_code == 200 and staff.json()["status"] == OrderStatus.CANCELLED


def test_nobody_else_can_cancel(user, django_user_model, api_client, place, rice):
    order = place({rice: 1}, user=user)
    stranger = django_user_model.objects.create_user(email="x@example.com", password="x-Strong-passw0rd")

    responses = [
        client_for(stranger).post(f"/api/v1/orders/{order.number}/cancel/"),
        api_client.post(f"/api/v1/orders/{order.number}/cancel/"),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and stock_of(rice) == 9


def test_staff_who_may_only_view_orders_cannot_cancel_someone_elses(user, staff_user, place, rice):
    order = place({rice: 1}, user=user)
    staff_user.user_permissions.add(Permission.objects.get(codename="view_order"))

    response = client_for(staff_user).post(f"/api/v1/orders/{order.number}/cancel/")

    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert error_of(response)["message"] == (
        "Only staff allowed to change orders may cancel someone else’s order."
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and stock_of(rice) == 9
    assert order.history.count() == 1


def test_staff_allowed_to_change_orders_cancel_a_pending_one(user, staff_user, place, rice):
    order = place({rice: 1}, user=user)
    staff_user.user_permissions.add(*Permission.objects.filter(codename__in=["view_order", "change_order"]))

    response = client_for(staff_user).post(f"/api/v1/orders/{order.number}/cancel/")

    assert response.status_code == 200 and response.json()["status"] == OrderStatus.CANCELLED
    assert stock_of(rice) == 10


def test_staff_who_may_only_view_orders_still_cancel_their_own(staff_user, place, rice):
    order = place({rice: 1}, user=staff_user)
    staff_user.user_permissions.add(Permission.objects.get(codename="view_order"))

    response = client_for(staff_user).post(f"/api/v1/orders/{order.number}/cancel/")

    assert response.status_code == 200 and response.json()["status"] == OrderStatus.CANCELLED


def test_order_creation_is_throttled_per_client(api_client, rice, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "orders": "2/min"}

    statuses = [api_client.post("/api/v1/orders/", body(item(rice))).status_code for _ in range(3)]
    throttled = api_client.post("/api/v1/orders/", body(item(rice)))

    assert statuses == [201, 201, 429]
    assert error_of(throttled)["code"] == "throttled" and int(throttled["Retry-After"]) > 0
    assert Order.objects.count() == 2 and stock_of(rice) == Decimal(8)
