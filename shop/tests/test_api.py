"""API v1 catalogue and cart: the same selectors and services as the pages, in the API's shapes."""

from decimal import Decimal

import pytest

from checkout.cart import DatabaseCart
from dhakacart.tests.api import client_for, error_of
from shop.models import Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(make_product, make_category, category):
    hidden = make_category(name="Hidden", slug="hidden", is_active=False)
    return {
        "rice": make_product(
            name="Miniket Rice 5kg", name_bn="মিনিকেট চাল ৫ কেজি", price=Decimal("420.00"), stock=3
        ),
        "hilsa": make_product(name="Padma Hilsa 1kg", price=Decimal("1250.00"), stock=0),
        "retired": make_product(name="Retired", is_active=False),
        "hidden": make_product(name="In hidden category", category=hidden),
    }


def test_categories_are_the_active_ones_unpaginated(api_client, shelf, category):
    response = api_client.get("/api/v1/categories/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": category.pk,
            "slug": "rice-grains",
            "name": "Rice & Grains",
            "name_bn": "চাল ও শস্য",
            "description": "",
            "parent": None,
        }
    ]


def test_products_list_is_paginated_with_both_names_string_prices_and_stock_state(api_client, shelf):
    response = api_client.get("/api/v1/products/")

    body = response.json()
    assert response.status_code == 200
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2 and body["next"] is None
    hilsa, rice = body["results"]  # newest first
    assert rice["name"] == "Miniket Rice 5kg" and rice["name_bn"] == "মিনিকেট চাল ৫ কেজি"
    assert rice["price"] == "420.00" and rice["compare_at_price"] is None
    assert rice["stock"] == 3 and rice["stock_state"] == "low_stock"
    assert hilsa["stock_state"] == "out_of_stock"
    assert rice["category"] == {"slug": "rice-grains", "name": "Rice & Grains", "name_bn": "চাল ও শস্য"}
    assert rice["image_url"].startswith("http://testserver/")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?ordering=price", ["Miniket Rice 5kg", "Padma Hilsa 1kg"]),
        ("?ordering=-price", ["Padma Hilsa 1kg", "Miniket Rice 5kg"]),
        ("?ordering=name", ["Miniket Rice 5kg", "Padma Hilsa 1kg"]),
        ("?in_stock=true", ["Miniket Rice 5kg"]),
        ("?min_price=500", ["Padma Hilsa 1kg"]),
        ("?max_price=500", ["Miniket Rice 5kg"]),
        ("?q=মিনিকেট", ["Miniket Rice 5kg"]),
        ("?category=rice-grains&ordering=price", ["Miniket Rice 5kg", "Padma Hilsa 1kg"]),
    ],
)
def test_products_filter_and_sort_as_the_list_page_does(api_client, shelf, query, expected):
    response = api_client.get("/api/v1/products/" + query)

    assert response.status_code == 200
    assert [product["name"] for product in response.json()["results"]] == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?min_price=cheap", "min_price"),
        ("?max_price=-1", "max_price"),
        ("?min_price=500&max_price=100", "max_price"),
        ("?ordering=stock", "ordering"),
        ("?category=no-such", "category"),
        ("?in_stock=maybe", "in_stock"),
        ("?q=" + "x" * 201, "q"),
    ],
)
def test_invalid_filters_answer_400_naming_the_field(api_client, shelf, query, field):
    response = api_client.get("/api/v1/products/" + query)

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_input"
    assert list(error["fields"]) == [field]


def test_a_page_past_the_end_is_404_in_the_error_shape(api_client, shelf):
    response = api_client.get("/api/v1/products/?page=9")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_product_descriptions_follow_accept_language_with_the_english_one_when_bangla_is_empty(
    api_client, shelf
):
    Product.objects.filter(pk=shelf["rice"].pk).update(
        description="Slim polished rice.", description_bn="সরু, পালিশ করা চাল।"
    )
    Product.objects.filter(pk=shelf["hilsa"].pk).update(description="A Padma hilsa.", description_bn="")

    bangla = api_client.get("/api/v1/products/", headers={"accept-language": "bn"}).json()["results"]
    english = api_client.get("/api/v1/products/", headers={"accept-language": "en"}).json()["results"]
    detail = api_client.get(f"/api/v1/products/{shelf['rice'].pk}/", headers={"accept-language": "bn"}).json()

    hilsa, rice = bangla
    assert (rice["description"], rice["description_bn"]) == ("সরু, পালিশ করা চাল।", "সরু, পালিশ করা চাল।")
    assert (hilsa["description"], hilsa["description_bn"]) == ("A Padma hilsa.", "")
    assert [row["description"] for row in english] == ["A Padma hilsa.", "Slim polished rice."]
    assert detail["description"] == "সরু, পালিশ করা চাল।"


def test_product_detail_and_unknown_or_unsellable_ones(api_client, shelf):
    found = api_client.get(f"/api/v1/products/{shelf['rice'].pk}/")

    assert found.status_code == 200 and found.json()["sku"] == shelf["rice"].sku
    for product_id in (shelf["retired"].pk, shelf["hidden"].pk, 999999, 10**17):
        response = api_client.get(f"/api/v1/products/{product_id}/")
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    too_long = api_client.get(f"/api/v1/products/{10**20}/")
    assert too_long.status_code == 404 and error_of(too_long)["code"] == "not_found"


def test_catalogue_reads_answer_304_until_what_the_app_sees_changes(
    api_client, shelf, place, django_capture_on_commit_callbacks, django_assert_num_queries
):
    first = api_client.get("/api/v1/products/")
    etag = first["ETag"]

    with django_assert_num_queries(1):  # the live stock levels
        again = api_client.get("/api/v1/products/", HTTP_IF_NONE_MATCH=etag)
    with django_capture_on_commit_callbacks(execute=True):
        place({shelf["rice"]: 1})
    after_order = api_client.get("/api/v1/products/", HTTP_IF_NONE_MATCH=etag)
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=shelf["rice"].pk).update(price=Decimal("430.00"))
        from shop.cache import catalogue_changed

        catalogue_changed()
    changed = api_client.get("/api/v1/products/", HTTP_IF_NONE_MATCH=after_order["ETag"])

    assert again.status_code == 304 and again["ETag"] == etag
    assert after_order.status_code == 200 and after_order["ETag"] != etag  # the stock moved
    assert changed.status_code == 200 and changed["ETag"] != after_order["ETag"]
    assert changed.json()["results"][1]["price"] == "430.00"


def test_product_list_and_detail_run_a_fixed_number_of_queries_whatever_the_page_size(
    api_client, make_product, django_assert_max_num_queries
):
    products = [make_product() for _ in range(60)]

    with django_assert_max_num_queries(4):
        big = api_client.get("/api/v1/products/?page_size=60")
    with django_assert_max_num_queries(4):
        small = api_client.get("/api/v1/products/?page_size=5")
    with django_assert_max_num_queries(2):
        api_client.get(f"/api/v1/products/{products[0].pk}/")
    # Warm, a page is the cached body plus its stock levels read live: one query.
    with django_assert_max_num_queries(1):
        again = api_client.get("/api/v1/products/?page_size=60")
    with django_assert_max_num_queries(1):
        api_client.get(f"/api/v1/products/{products[0].pk}/")

    assert len(big.json()["results"]) == 60 and len(small.json()["results"]) == 5
    assert again.json() == big.json()


# --- Cart -----------------------------------------------------------------------------------


def test_a_client_without_credentials_gets_a_guest_cart_never_a_members(api_client, user, shelf):
    DatabaseCart(user).set_quantity(shelf["rice"].pk, 2)

    for method, path, status in [
        ("get", "/api/v1/cart/", 200),
        ("post", "/api/v1/cart/items/", 400),
        ("patch", f"/api/v1/cart/items/{shelf['rice'].pk}/", 400),
        ("delete", f"/api/v1/cart/items/{shelf['rice'].pk}/", 200),
    ]:
        response = getattr(api_client, method)(path, {}, format="json")
        assert response.status_code == status
        assert response["Cart-Token"] if status == 200 else error_of(response)["code"] == "invalid_input"
        assert status != 200 or response.json()["unit_count"] == 0
    assert DatabaseCart(user).quantities() == {shelf["rice"].pk: 2}


def test_adding_changing_and_removing_lines_of_the_signed_in_cart(user_api, user, shelf):
    rice = shelf["rice"]

    added = user_api.post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 2}, format="json")
    changed = user_api.patch(f"/api/v1/cart/items/{rice.pk}/", {"quantity": 3}, format="json")
    seen = user_api.get("/api/v1/cart/")
    removed = user_api.delete(f"/api/v1/cart/items/{rice.pk}/")

    assert added.status_code == 201 and added.json()["unit_count"] == 2
    assert changed.status_code == 200 and changed.json()["subtotal"] == "1260.00"
    line = seen.json()["lines"][0]
    assert line["product"]["id"] == rice.pk and line["quantity"] == 3 and line["line_total"] == "1260.00"
    assert seen.json()["ready_for_checkout"] is True
    assert removed.status_code == 200 and removed.json()["lines"] == []


def test_a_line_added_on_the_phone_shows_in_the_browser(user_api, user, client, shelf):
    user_api.post("/api/v1/cart/items/", {"product_id": shelf["rice"].pk, "quantity": 1}, format="json")
    client.force_login(user)

    page = client.get("/cart/")

    assert page.context["cart"].unit_count == 1


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"product_id": "rice", "quantity": 1}, 400, "invalid_input", "product_id"),
        ({"product_id": 1}, 400, "invalid_input", "quantity"),
        ({"product_id": 1, "quantity": 0}, 400, "invalid_input", "quantity"),
        ({"product_id": 1, "quantity": 100}, 400, "invalid_input", "quantity"),
        ({"product_id": 10**20, "quantity": 1}, 400, "invalid_input", "product_id"),
    ],
)
def test_bad_cart_input_is_400_and_changes_nothing(user_api, user, shelf, body, status, code, field):
    response = user_api.post("/api/v1/cart/items/", body, format="json")

    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code and field in error["fields"]
    assert DatabaseCart(user).quantities() == {}


def test_cart_conflicts_name_what_is_wrong(user_api, user, shelf):
    sold_out = user_api.post(
        "/api/v1/cart/items/", {"product_id": shelf["hilsa"].pk, "quantity": 1}, format="json"
    )
    too_many = user_api.post(
        "/api/v1/cart/items/", {"product_id": shelf["rice"].pk, "quantity": 5}, format="json"
    )
    retired = user_api.post(
        "/api/v1/cart/items/", {"product_id": shelf["retired"].pk, "quantity": 1}, format="json"
    )
    not_in_cart = user_api.patch(f"/api/v1/cart/items/{shelf['rice'].pk}/", {"quantity": 1}, format="json")

    assert sold_out.status_code == 409
    assert error_of(sold_out) == {
        "code": "out_of_stock",
        "message": "Padma Hilsa 1kg is out of stock.",
        "fields": {"product_id": shelf["hilsa"].pk, "available": 0},
    }
    assert too_many.status_code == 409 and error_of(too_many)["fields"]["available"] == 3
    assert error_of(too_many)["message"] == "Only 3 of Miniket Rice 5kg left."
    assert retired.status_code == 404 and error_of(retired)["code"] == "product_unavailable"
    assert not_in_cart.status_code == 404
    assert DatabaseCart(user).quantities() == {}


def test_each_shopper_sees_only_their_own_cart(user_api, user, django_user_model, shelf):
    other = django_user_model.objects.create_user(email="other@example.com", password="x-Strong-passw0rd")
    DatabaseCart(other).set_quantity(shelf["rice"].pk, 2)
    mine = user_api.get("/api/v1/cart/")
    theirs = client_for(other)

    assert mine.json()["lines"] == []
    assert theirs.get("/api/v1/cart/").json()["unit_count"] == 2
    user_api.delete(f"/api/v1/cart/items/{shelf['rice'].pk}/")
    assert DatabaseCart(other).quantities() == {shelf["rice"].pk: 2}


def test_the_cart_runs_a_fixed_number_of_queries_whatever_its_size(
    user_api, user, make_product, django_assert_max_num_queries
):
    cart = DatabaseCart(user)
    for _ in range(3):
        cart.set_quantity(make_product().pk, 1)
    with django_assert_max_num_queries(4):
        small = user_api.get("/api/v1/cart/")
    for _ in range(30):
        cart.set_quantity(make_product().pk, 1)
    with django_assert_max_num_queries(4):
        big = user_api.get("/api/v1/cart/")

    assert len(small.json()["lines"]) == 3 and len(big.json()["lines"]) == 33
