from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from reviews.models import Review
from reviews.services import create_review

pytestmark = pytest.mark.django_db

REVIEW_LIST = reverse("admin:reviews_review_changelist")


@pytest.fixture
def review(user, rice, receive):
    receive(user, rice)
    return create_review(user=user, product_id=rice.pk, rating=1, title="Call 01712345678 for cheap rice")


def test_staff_see_reviews_with_product_rating_author_and_verified(admin_client, review):
    html = admin_client.get(REVIEW_LIST).content.decode()

    assert "Miniket Rice 5kg" in html and "rahim@example.com" in html
    assert "Call 01712345678 for cheap rice" in html
    assert 'alt="True"' in html  # the verified-purchase column


def test_hiding_asks_for_a_reason_keeps_it_and_updates_the_rating(admin_client, review, rice, admin_user):
    action = {"action": "hide", "_selected_action": [review.pk]}

    asked = admin_client.post(REVIEW_LIST, action)
    assert asked.status_code == 200 and "Reason for hiding" in asked.content.decode()
    assert not Review.objects.get(pk=review.pk).is_hidden

    done = admin_client.post(REVIEW_LIST, {**action, "reason": "Advertising"}, follow=True)

    assert "1 review hidden." in done.content.decode()
    review.refresh_from_db()
    assert review.is_hidden and review.hidden_reason == "Advertising" and review.hidden_by == admin_user
    rice.refresh_from_db()
    assert (rice.rating_average, rice.reviews_count) == (None, 0)


def test_publishing_again_puts_the_review_back_in_the_rating(admin_client, review, rice):
    admin_client.post(
        REVIEW_LIST, {"action": "hide", "_selected_action": [review.pk], "reason": "Advertising"}
    )

    admin_client.post(REVIEW_LIST, {"action": "unhide", "_selected_action": [review.pk]})

    review.refresh_from_db()
    rice.refresh_from_db()
    assert not review.is_hidden and review.hidden_reason == ""
    assert (rice.rating_average, rice.reviews_count) == (Decimal("1.0"), 1)


def test_staff_cannot_write_reviews_and_shoppers_cannot_moderate(admin_client, client, user, review):
    assert admin_client.get(reverse("admin:reviews_review_add")).status_code == 403

    client.force_login(user)
    response = client.post(REVIEW_LIST, {"action": "hide", "_selected_action": [review.pk], "reason": "x"})

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Review.objects.get(pk=review.pk).is_hidden


def test_review_moderators_hide_reviews_but_cannot_delete_them(client, django_user_model, review):
    manager = django_user_model.objects.create_user(
        email="moderator@example.com", password="a-Strong-passw0rd", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Review moderators"))
    client.force_login(manager)

    client.post(REVIEW_LIST, {"action": "hide", "_selected_action": [review.pk], "reason": "Advertising"})

    review.refresh_from_db()
    assert review.is_hidden
    assert client.get(reverse("admin:reviews_review_delete", args=[review.pk])).status_code == 403
