import json
import re
from decimal import Decimal

import pytest

from reviews.models import Review
from reviews.selectors import REVIEWS_PER_PAGE
from reviews.services import create_review, hide_review
from shop.models import Product

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture
def reviewed(user, other_user, rice, receive, staff_user):
    """Rice with two published reviews (5 and 3 stars) and a hidden one."""
    receive(user, rice)
    receive(other_user, rice)
    create_review(user=user, product_id=rice.pk, rating=5, title="Fine grain", text="ভাত ঝরঝরে হয়।")
    create_review(user=other_user, product_id=rice.pk, rating=3, title="A bit dusty")
    hidden_author = type(user).objects.create_user(email="spam@example.com", password="a-Strong-passw0rd")
    receive(hidden_author, rice)
    spam = create_review(user=hidden_author, product_id=rice.pk, rating=1, title="Buy cheap phones here")
    hide_review(review_id=spam.pk, reason="Advertising", by=staff_user)
    return rice


def structured_data(html):
    [block] = JSON_LD.findall(html)
    return json.loads(block)


def test_the_product_page_shows_the_average_breakdown_and_published_reviews_newest_first(client, reviewed):
    html = client.get(f"/products/{reviewed.slug}/").content.decode()

    assert "4.0 out of 5" in html and "2 reviews" in html
    assert html.index("A bit dusty") < html.index("Fine grain")
    assert "Buy cheap phones here" not in html
    assert html.count("Verified purchase") == 2
    assert "ভাত ঝরঝরে হয়।" in html
    assert '<meter min="0" max="100" value="50">' in html  # one of two reviews gave 5 stars
    assert "Karim" in html and "karim@example.com" not in html


def test_a_visitor_is_told_why_they_cannot_review(client, user, reviewed):
    anonymous = client.get(f"/products/{reviewed.slug}/").content.decode()
    assert "Sign in to review products you have received." in anonymous
    assert 'action="/products/miniket-rice-5kg/review/"' not in anonymous

    stranger = type(user).objects.create_user(email="new@example.com", password="a-Strong-passw0rd")
    client.force_login(stranger)
    signed_in = client.get(f"/products/{reviewed.slug}/").content.decode()
    assert "Only customers who received this product can review it" in signed_in
    assert 'action="/products/miniket-rice-5kg/review/"' not in signed_in


def test_a_shopper_who_received_the_product_writes_then_edits_then_deletes_a_review(
    client, django_user_model, rice, receive, django_capture_on_commit_callbacks
):
    buyer = django_user_model.objects.create_user(email="buyer@example.com", password="a-Strong-passw0rd")
    receive(buyer, rice)
    client.force_login(buyer)
    client.get("/products/")  # a cached list that the review must make stale
    assert "Write a review" in client.get(f"/products/{rice.slug}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/products/{rice.slug}/review/",
            {"rating": "4", "title": "ভালো চাল", "text": "Good rice."},
            follow=True,
        )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/products/{rice.slug}/#reviews"
    assert "Thank you: your review is published." in html
    assert "Your review" in html and "Delete your review" in html
    assert 'value="4" required checked' in html
    assert "(1 review)" in client.get("/products/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/products/{rice.slug}/review/", {"rating": "2", "title": "", "text": ""})
    assert Review.objects.get().rating == 2

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/products/{rice.slug}/review/delete/")
    assert not Review.objects.exists()
    rice.refresh_from_db()
    assert (rice.rating_average, rice.reviews_count) == (None, 0)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"rating": "6"},
        {"rating": "four"},
        {"rating": "4", "title": "x" * 121},
        {"rating": "4", "text": "x" * 4001},
    ],
)
def test_a_bad_review_form_gets_a_message_and_writes_nothing(client, user, rice, receive, data):
    receive(user, rice)
    client.force_login(user)

    response = client.post(f"/products/{rice.slug}/review/", data, follow=True)

    assert response.status_code == 200
    assert response.context["messages"] and not Review.objects.exists()


def test_posting_a_review_without_a_delivered_order_is_refused(client, user, rice, receive):
    receive(user, rice, status="shipped")
    client.force_login(user)

    response = client.post(f"/products/{rice.slug}/review/", {"rating": "5"}, follow=True)

    assert "Only customers who received this product can review it." in response.content.decode()
    assert not Review.objects.exists()


def test_an_anonymous_review_post_is_sent_to_sign_in(client, rice):
    response = client.post(f"/products/{rice.slug}/review/", {"rating": "5"})

    assert response["Location"] == f"/accounts/login/?next=%2Fproducts%2F{rice.slug}%2F"
    assert not Review.objects.exists()


def test_a_review_of_an_unknown_product_is_not_found(client, user):
    client.force_login(user)

    assert client.post("/products/no-such-thing/review/", {"rating": "5"}).status_code == 404


def test_the_product_page_carries_schema_org_product_data_with_the_rating(client, reviewed):
    response = client.get(f"/products/{reviewed.slug}/")

    data = structured_data(response.content.decode())
    assert data["@type"] == "Product" and data["name"] == "Miniket Rice 5kg"
    assert data["image"].startswith("http://testserver/")
    assert data["offers"] == {
        "@type": "Offer",
        "price": "420.00",
        "priceCurrency": "BDT",
        "availability": "https://schema.org/InStock",
        "url": "http://testserver/products/miniket-rice-5kg/",
    }
    assert data["aggregateRating"]["ratingValue"] == "4.0"
    assert data["aggregateRating"]["reviewCount"] == 2
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_structured_data_has_no_rating_without_reviews_and_cannot_break_out_of_its_script(
    client, make_product
):
    product = make_product(name="Tea </script><script>alert(1)</script>", stock=0)

    html = client.get(f"/products/{product.slug}/").content.decode()

    data = structured_data(html)
    assert data["name"] == "Tea </script><script>alert(1)</script>"
    assert "aggregateRating" not in data
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert "<script>alert(1)" not in html


def test_reviews_are_paginated(client, django_user_model, rice, receive):
    Product.objects.filter(pk=rice.pk).update(stock=50)
    for number in range(REVIEWS_PER_PAGE + 2):
        shopper = django_user_model.objects.create_user(email=f"s{number}@example.com", password="x-Strong-1")
        receive(shopper, rice)
        create_review(user=shopper, product_id=rice.pk, rating=4, title=f"Review number {number}")

    first = client.get(f"/products/{rice.slug}/").content.decode()
    second = client.get(f"/products/{rice.slug}/?reviews_page=2").content.decode()

    assert first.count("Verified purchase") == REVIEWS_PER_PAGE
    assert "Review number 11" in first and "Review number 0<" not in first
    assert second.count("Verified purchase") == 2 and "Review number 0<" in second
    assert "Page 2 of 2" in second
    assert client.get(f"/products/{rice.slug}/?reviews_page=abc").status_code == 200


@pytest.mark.parametrize("raw", ["²", "①", "2²", "9999999", "-1"])
def test_a_review_page_that_is_not_a_number_shows_the_first_page(
    client, django_user_model, rice, receive, raw
):
    Product.objects.filter(pk=rice.pk).update(stock=50)
    for number in range(REVIEWS_PER_PAGE + 1):
        shopper = django_user_model.objects.create_user(email=f"s{number}@example.com", password="x-Strong-1")
        receive(shopper, rice)
        create_review(user=shopper, product_id=rice.pk, rating=4, title=f"Review number {number}")

    response = client.get(f"/products/{rice.slug}/", {"reviews_page": raw})

    assert response.status_code == 200
    assert "Page 1 of 2" in response.content.decode()


def test_a_review_page_in_bangla_digits_opens_that_page(client, django_user_model, rice, receive):
    Product.objects.filter(pk=rice.pk).update(stock=50)
    for number in range(REVIEWS_PER_PAGE + 1):
        shopper = django_user_model.objects.create_user(email=f"s{number}@example.com", password="x-Strong-1")
        receive(shopper, rice)
        create_review(user=shopper, product_id=rice.pk, rating=4, title=f"Review number {number}")

    html = client.get(f"/bn/products/{rice.slug}/", {"reviews_page": "২"}).content.decode()

    assert "Review number 0<" in html


def test_product_cards_show_the_stars_and_count(client, reviewed):
    html = client.get("/products/").content.decode()

    assert "★★★★☆" in html and "(2 reviews)" in html


def test_the_product_list_keeps_its_query_budget_with_ratings_shown(
    client, make_product, settings, django_assert_max_num_queries
):
    settings.PRODUCTS_PER_PAGE = 40
    for _ in range(40):
        make_product()
    Product.objects.update(rating_average=Decimal("4.5"), reviews_count=12)

    with django_assert_max_num_queries(6):
        response = client.get("/products/")

    assert response.content.decode().count("(12 reviews)") == 40


def test_the_product_page_keeps_its_query_budget_with_reviews_shown(
    client, reviewed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = client.get(f"/products/{reviewed.slug}/")

    assert response.content.decode().count("Verified purchase") == 2


def test_the_bangla_product_page_shows_reviews_in_bangla(client, reviewed):
    html = client.get(f"/bn/products/{reviewed.slug}/").content.decode()

    assert "গ্রাহকদের রিভিউ" in html
    assert "যাচাই করা ক্রেতা" in html


LATIN_DIGIT = re.compile(r"[0-9]")


def texts_of(html: str, css_class: str, tag: str = "span") -> list[str]:
    return re.findall(rf'<{tag} class="{css_class}"[^>]*>(.*?)</{tag}>', html, re.DOTALL)


def test_the_bangla_review_counts_and_ratings_have_bangla_digits(client, reviewed, user):
    client.force_login(user)  # his own review: the form to edit it is shown too

    html = client.get(f"/bn/products/{reviewed.slug}/").content.decode()
    cards = client.get("/bn/products/").content.decode()

    assert "<strong>৫-এর মধ্যে ৪.০</strong>" in html
    assert '<span class="rating-count">২টি রিভিউ</span>' in html
    assert "৫-এর মধ্যে ৫ রেটিং" in html and "৫-এর মধ্যে ৩ রেটিং" in html
    assert '<th scope="row">৫ তারা</th>' in html and '<th scope="row">১ তারা</th>' in html
    assert '<td class="rating-breakdown-count">১</td>' in html
    assert "৩ তারা</label>" in html and "১ তারা</label>" in html  # the review form's choices
    assert '<span class="rating-count">(২টি রিভিউ)</span>' in cards
    assert '<span class="rating-value" aria-hidden="true">৪.০</span>' in cards
    shown = (
        texts_of(html, "rating-count") + texts_of(html, "visually-hidden") + texts_of(cards, "rating-count")
    )
    assert shown and not [text for text in shown if LATIN_DIGIT.search(text)]


def test_a_bangla_review_that_is_too_long_is_refused_with_bangla_digits(client, user, rice, receive):
    receive(user, rice)
    client.force_login(user)

    response = client.post(
        f"/bn/products/{rice.slug}/review/", {"rating": 4, "title": "ক" * 121}, follow=True
    )

    assert "শিরোনাম ১২০ অক্ষরের মধ্যে রাখুন।" in response.content.decode()
    assert not Review.objects.exists()


def test_the_review_list_is_shared_from_the_cache_and_the_form_is_each_shoppers_own(
    user, other_user, rice, receive, django_capture_on_commit_callbacks
):
    from django.test import Client

    receive(user, rice)
    with django_capture_on_commit_callbacks(execute=True):
        create_review(user=user, product_id=rice.pk, rating=5, title="Fragrant and clean")
    rahim, karim = Client(), Client()
    rahim.force_login(user)
    karim.force_login(other_user)

    own = rahim.get(rice.get_absolute_url()).content.decode()
    Review.objects.filter(user=user).update(title="Changed behind the cache")  # no signal: no new version
    other = karim.get(rice.get_absolute_url()).content.decode()

    assert "Fragrant and clean" in other and "Changed behind the cache" not in other  # shared, cached
    assert "Delete your review" in own and "Delete your review" not in other
    assert "<!--hole:" not in own + other
