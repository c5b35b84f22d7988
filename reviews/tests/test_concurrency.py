"""Real threads with their own PostgreSQL connections writing reviews of one product at once."""

from decimal import Decimal

import pytest

from orders.tests.test_concurrency import run_at_once
from reviews.exceptions import AlreadyReviewed
from reviews.models import Review
from reviews.services import create_review

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_requests_racing_to_review_the_same_product_make_one_review(user, rice, receive):
    receive(user, rice)

    results = run_at_once(
        [
            lambda: create_review(user=user, product_id=rice.pk, rating=5),
            lambda: create_review(user=user, product_id=rice.pk, rating=1),
        ]
    )

    assert sum(isinstance(result, Review) for result in results) == 1
    assert sum(isinstance(result, AlreadyReviewed) for result in results) == 1
    review = Review.objects.get()
    rice.refresh_from_db()
    assert (rice.rating_average, rice.reviews_count) == (Decimal(review.rating), 1)


def test_shoppers_reviewing_at_once_are_all_counted(user, other_user, rice, receive):
    receive(user, rice)
    receive(other_user, rice)

    results = run_at_once(
        [
            lambda: create_review(user=user, product_id=rice.pk, rating=5),
            lambda: create_review(user=other_user, product_id=rice.pk, rating=2),
        ]
    )

    assert all(isinstance(result, Review) for result in results)
    rice.refresh_from_db()
    assert (rice.rating_average, rice.reviews_count) == (Decimal("3.5"), 2)
