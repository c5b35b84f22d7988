"""API v1 reviews: the same rule (a delivered order with the product) and services as the product page."""

import pytest

from dhakacart.tests.api import client_for, error_of
from reviews.models import Review
from shop.models import Product

pytestmark = pytest.mark.django_db


def test_a_delivered_buyer_reviews_and_the_product_carries_the_rating(
    user, rice, receive, api_client, django_capture_on_commit_callbacks
):
    receive(user, rice)

    with django_capture_on_commit_callbacks(execute=True):  # the catalogue cache moves on at commit
        created = client_for(user).post(
            f"/api/v1/products/{rice.pk}/reviews/",
            {"rating": 4, "title": "ভালো চাল", "text": "Clean and fresh."},
        )
    listed = api_client.get(f"/api/v1/products/{rice.pk}/reviews/")
    product = api_client.get(f"/api/v1/products/{rice.pk}/")

    assert created.status_code == 201
    assert created.json()["rating"] == 4 and created.json()["verified_purchase"] is True
    assert listed.json()["count"] == 1
    assert (
        listed.json()["results"][0]["author"] == "Rahim" and listed.json()["results"][0]["title"] == "ভালো চাল"
    )
    assert product.json()["rating"] == "4.0" and product.json()["reviews_count"] == 1


@pytest.mark.parametrize("status", ["pending", "shipped", "cancelled"])
def test_only_a_received_product_can_be_reviewed(user, rice, receive, status):
    receive(user, rice, status=status)

    response = client_for(user).post(f"/api/v1/products/{rice.pk}/reviews/", {"rating": 5})

    assert response.status_code == 403
    assert error_of(response) == {
        "code": "review_not_allowed",
        "message": "Only customers who received this product can review it.",
        "fields": {},
    }
    assert not Review.objects.exists()


def test_a_second_review_is_409_and_a_guest_is_401(user, rice, receive, api_client):
    receive(user, rice)
    client_for(user).post(f"/api/v1/products/{rice.pk}/reviews/", {"rating": 5})

    again = client_for(user).post(f"/api/v1/products/{rice.pk}/reviews/", {"rating": 1})
    guest = api_client.post(f"/api/v1/products/{rice.pk}/reviews/", {"rating": 1})

    assert again.status_code == 409 and error_of(again)["code"] == "already_reviewed"
    assert guest.status_code == 401
    assert Review.objects.count() == 1 and Product.objects.get(pk=rice.pk).reviews_count == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [({"rating": 0}, "rating"), ({"rating": 6}, "rating"), ({"rating": "five"}, "rating"), ({}, "rating"),
     ({"rating": 5, "title": "x" * 121}, "title"), ({"rating": 5, "text": "x" * 4001}, "text")],
)  # fmt: skip
def test_bad_reviews_are_400_and_write_nothing(user, rice, receive, body, field):
    receive(user, rice)

    response = client_for(user).post(f"/api/v1/products/{rice.pk}/reviews/", body)

    assert response.status_code == 400 and field in error_of(response)["fields"]
    assert not Review.objects.exists()


def test_reviews_of_an_unknown_or_unsold_product_are_404(api_client, make_product):
    retired = make_product(is_active=False)

    for product_id in (retired.pk, 999999):
        response = api_client.get(f"/api/v1/products/{product_id}/reviews/")
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"
