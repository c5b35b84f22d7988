"""API v1 wishlist: the signed-in shopper's saved products, on the wishlist page's services."""

import pytest

from dhakacart.tests.api import error_of
from shop.models import Product
from wishlist.models import WishlistItem

pytestmark = pytest.mark.django_db


def test_saving_listing_and_removing(user_api, user, rice, oil):
    first = user_api.post("/api/v1/wishlist/", {"product_id": rice.pk})
    again = user_api.post("/api/v1/wishlist/", {"product_id": rice.pk, "notify_when_back": True})
    user_api.post("/api/v1/wishlist/", {"product_id": oil.pk})
    Product.objects.filter(pk=rice.pk).update(price="400.00")

    listed = user_api.get("/api/v1/wishlist/")
    removed = user_api.delete(f"/api/v1/wishlist/{oil.pk}/")
    missing = user_api.delete(f"/api/v1/wishlist/{oil.pk}/")

    assert first.status_code == 201 and again.status_code == 200 and again.json()["notify_when_back"] is True
    saved_oil, saved_rice = listed.json()
    assert saved_oil["product"]["id"] == oil.pk and saved_oil["price_dropped"] is False
    assert saved_rice["price_when_saved"] == "420.00" and saved_rice["price_dropped"] is True
    assert removed.status_code == 204
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_in_wishlist"
    assert list(WishlistItem.objects.values_list("product_id", flat=True)) == [rice.pk]


def test_a_sold_out_product_is_saved_with_the_back_in_stock_e_mail_on(user_api, make_product):
    sold_out = make_product(stock=0)

    response = user_api.post("/api/v1/wishlist/", {"product_id": sold_out.pk})

    assert response.status_code == 201 and response.json()["notify_when_back"] is True


def test_the_wishlist_is_for_signed_in_shoppers_and_their_own_entries(api_client, user_api, other_user, rice):
    WishlistItem.objects.create(user=other_user, product=rice, price_when_saved=rice.price)

    anonymous = [
        api_client.get("/api/v1/wishlist/"),
        api_client.post("/api/v1/wishlist/", {"product_id": rice.pk}),
    ]
    mine = user_api.get("/api/v1/wishlist/")
    theirs = user_api.delete(f"/api/v1/wishlist/{rice.pk}/")

    assert [response.status_code for response in anonymous] == [401, 401]
    assert mine.json() == []
    assert theirs.status_code == 404
    assert WishlistItem.objects.filter(user=other_user).count() == 1


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [({"product_id": "rice"}, 400, "invalid_input"), ({}, 400, "invalid_input"),
     ({"product_id": 10**20}, 400, "invalid_input"), ({"product_id": 999999}, 404, "product_unavailable")],
)  # fmt: skip
def test_bad_saves_are_refused_and_write_nothing(user_api, body, status, code):
    response = user_api.post("/api/v1/wishlist/", body)

    assert response.status_code == status and error_of(response)["code"] == code
    assert not WishlistItem.objects.exists()
