from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from reviews.exceptions import AlreadyReviewed, InvalidReview, NotAllowedToReview, ReviewNotFound
from reviews.models import Review
from reviews.selectors import review_refusal
from reviews.services import create_review, delete_review, hide_review, unhide_review, update_review

pytestmark = pytest.mark.django_db


def rating_of(product):
    product.refresh_from_db()
    return product.rating_average, product.reviews_count


def test_a_shopper_whose_order_was_delivered_may_review_and_the_review_is_verified(user, rice, receive):
    order = receive(user, rice)

    review = create_review(user=user, product_id=rice.pk, rating=5, title="Fine grain", text="ভাত খুব ভালো।")

    assert review.order == order and review.is_verified_purchase
    assert not review.is_hidden
    assert (review.title, review.text) == ("Fine grain", "ভাত খুব ভালো।")
    assert rating_of(rice) == (Decimal("5.0"), 1)
    assert review_refusal(user=user, product_id=rice.pk) is None


@pytest.mark.parametrize("status", ["pending", "confirmed", "shipped", "cancelled"])
def test_a_shopper_whose_order_was_not_delivered_may_not_review(user, rice, receive, status):
    receive(user, rice, status=status)

    with pytest.raises(NotAllowedToReview, match="Only customers who received this product can review it."):
        create_review(user=user, product_id=rice.pk, rating=4)

    assert not Review.objects.exists()
    assert rating_of(rice) == (None, 0)


def test_a_delivered_order_of_another_product_does_not_allow_a_review(user, rice, oil, receive):
    receive(user, oil)

    with pytest.raises(NotAllowedToReview):
        create_review(user=user, product_id=rice.pk, rating=4)

    assert (
        review_refusal(user=user, product_id=rice.pk)
        == "Only customers who received this product can review it."
    )
    assert not Review.objects.exists()


def test_someone_elses_delivered_order_does_not_allow_a_review(user, other_user, rice, receive):
    receive(other_user, rice)

    with pytest.raises(NotAllowedToReview):
        create_review(user=user, product_id=rice.pk, rating=4)

    assert not Review.objects.exists()


def test_an_anonymous_visitor_may_not_review(rice):
    with pytest.raises(NotAllowedToReview, match="Sign in"):
        create_review(user=AnonymousUser(), product_id=rice.pk, rating=4)

    assert review_refusal(user=AnonymousUser(), product_id=rice.pk).startswith("Sign in")
    assert not Review.objects.exists()


def test_a_second_review_of_the_same_product_is_refused(user, rice, receive):
    receive(user, rice)
    receive(user, rice)
    create_review(user=user, product_id=rice.pk, rating=5)

    with pytest.raises(AlreadyReviewed):
        create_review(user=user, product_id=rice.pk, rating=1)

    assert Review.objects.get().rating == 5
    assert rating_of(rice) == (Decimal("5.0"), 1)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": "5"}, "rating"),
        ({"rating": True}, "rating"),
        ({"rating": 4, "title": "x" * 121}, "title"),
        ({"rating": 4, "text": "ক" * 4001}, "text"),
    ],
)
def test_bad_review_content_is_refused_and_nothing_is_written(user, rice, receive, fields, field):
    receive(user, rice)

    with pytest.raises(InvalidReview) as raised:
        create_review(user=user, product_id=rice.pk, **fields)

    assert field in raised.value.extra["fields"]
    assert not Review.objects.exists()
    assert rating_of(rice) == (None, 0)


def test_the_average_and_count_follow_create_edit_delete_hide_and_unhide(
    user, other_user, django_user_model, rice, receive, staff_user
):
    third = django_user_model.objects.create_user(email="third@example.com", password="a-Strong-passw0rd")
    for shopper in (user, other_user, third):
        receive(shopper, rice)

    create_review(user=user, product_id=rice.pk, rating=5)
    assert rating_of(rice) == (Decimal("5.0"), 1)
    create_review(user=other_user, product_id=rice.pk, rating=4)
    assert rating_of(rice) == (Decimal("4.5"), 2)
    hidden = create_review(user=third, product_id=rice.pk, rating=4)
    assert rating_of(rice) == (Decimal("4.3"), 3)  # 13 / 3 = 4.33

    update_review(user=other_user, product_id=rice.pk, rating=2, title="Stones in it")
    assert rating_of(rice) == (Decimal("3.7"), 3)  # 11 / 3 = 3.67

    hide_review(review_id=hidden.pk, reason="Personal details in the text", by=staff_user)
    assert rating_of(rice) == (Decimal("3.5"), 2)
    hidden.refresh_from_db()
    assert hidden.is_hidden and hidden.hidden_reason == "Personal details in the text"
    assert hidden.hidden_by == staff_user and hidden.hidden_at is not None

    delete_review(user=user, product_id=rice.pk)
    assert rating_of(rice) == (Decimal("2.0"), 1)

    unhide_review(review_id=hidden.pk)
    assert rating_of(rice) == (Decimal("3.0"), 2)

    delete_review(user=other_user, product_id=rice.pk)
    delete_review(user=third, product_id=rice.pk)
    assert rating_of(rice) == (None, 0)


def test_the_average_rounds_half_up_to_one_decimal(user, other_user, django_user_model, rice, receive):
    shoppers = [user, other_user] + [
        django_user_model.objects.create_user(email=f"s{n}@example.com", password="a-Strong-passw0rd")
        for n in range(2)
    ]
    for shopper, rating in zip(shoppers, [5, 5, 4, 5], strict=True):  # 19 / 4 = 4.75
        receive(shopper, rice)
        create_review(user=shopper, product_id=rice.pk, rating=rating)

    assert rating_of(rice) == (Decimal("4.8"), 4)


def test_hiding_needs_a_reason_and_changes_nothing_without_one(user, rice, receive, staff_user):
    receive(user, rice)
    review = create_review(user=user, product_id=rice.pk, rating=1)

    with pytest.raises(InvalidReview):
        hide_review(review_id=review.pk, reason="   ", by=staff_user)

    review.refresh_from_db()
    assert not review.is_hidden
    assert rating_of(rice) == (Decimal("1.0"), 1)


def test_an_edited_hidden_review_stays_hidden_and_out_of_the_rating(user, rice, receive, staff_user):
    receive(user, rice)
    review = create_review(user=user, product_id=rice.pk, rating=1, text="Call me on 01712345678")
    hide_review(review_id=review.pk, reason="Phone number in the text", by=staff_user)

    update_review(user=user, product_id=rice.pk, rating=2, text="Not good")

    review.refresh_from_db()
    assert review.is_hidden and review.rating == 2
    assert rating_of(rice) == (None, 0)


def test_only_the_author_can_edit_or_delete_a_review(user, other_user, rice, receive):
    receive(user, rice)
    receive(other_user, rice)
    create_review(user=user, product_id=rice.pk, rating=5)

    with pytest.raises(ReviewNotFound):
        update_review(user=other_user, product_id=rice.pk, rating=1)
    with pytest.raises(ReviewNotFound):
        delete_review(user=other_user, product_id=rice.pk)
    with pytest.raises(ReviewNotFound):
        delete_review(user=AnonymousUser(), product_id=rice.pk)

    assert Review.objects.get().rating == 5
