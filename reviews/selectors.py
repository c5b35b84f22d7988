"""Review reads for the product page (and, later, the API)."""

from dataclasses import dataclass
from math import ceil

from django.db.models import Count
from django.utils.translation import gettext as _

from orders.models import Order, OrderStatus
from shop.cache import cached_read

from .models import MAX_RATING, MIN_RATING, Review

REVIEWS_PER_PAGE = 10


def get_qualifying_order(*, user, product_id: int) -> Order | None:
    """The shopper's latest delivered order containing the product: what makes a review verified."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Order.objects.filter(user=user, status=OrderStatus.DELIVERED, lines__product_id=product_id)
        .order_by("-created_at", "-id")
        .first()
    )


def review_refusal(*, user, product_id: int) -> str | None:
    """Why this shopper may not review the product, or None when they may."""
    if user is None or not user.is_authenticated:
        return _("Sign in to review products you have received.")
    if get_qualifying_order(user=user, product_id=product_id) is None:
        return _("Only customers who received this product can review it.")
    return None


def get_review_by(*, user, product_id: int) -> Review | None:
    """The shopper's own review of the product, published or hidden."""
    if user is None or not user.is_authenticated:
        return None
    return Review.objects.filter(user=user, product_id=product_id).first()


def list_published_reviews(*, product_id: int):
    """Published reviews of a product, newest first, with their authors."""
    return (
        Review.objects.published()
        .filter(product_id=product_id)
        .select_related("user")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class ReviewPage:
    """One page of a product's reviews, complete enough to render without the database."""

    reviews: list[Review]
    number: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def get_review_page(*, product_id: int, total: int, number: int) -> ReviewPage:
    """One page of published reviews (cached with the catalogue); past the end gives the last page.

    `total` is the product row's `reviews_count`, kept by the review service, so no COUNT runs
    and a product without reviews costs no query at all.
    """
    num_pages = max(1, ceil(total / REVIEWS_PER_PAGE))
    number = min(max(number, 1), num_pages)
    if total == 0:
        return ReviewPage(reviews=[], number=1, num_pages=1)

    def compute() -> ReviewPage:
        start = (number - 1) * REVIEWS_PER_PAGE
        reviews = list(list_published_reviews(product_id=product_id)[start : start + REVIEWS_PER_PAGE])
        return ReviewPage(reviews=reviews, number=number, num_pages=num_pages)

    return cached_read("review_page", {"product": product_id, "page": number, "total": total}, compute)


@dataclass(frozen=True)
class StarCount:
    stars: int
    count: int
    percent: int


def get_rating_breakdown(*, product_id: int, total: int) -> list[StarCount]:
    """How many published reviews gave each number of stars, five stars first (cached)."""

    def compute() -> list[StarCount]:
        counts = dict(
            Review.objects.published()
            .filter(product_id=product_id)
            .order_by()
            .values("rating")
            .annotate(count=Count("id"))
            .values_list("rating", "count")
        )
        return _star_counts(counts)

    if total == 0:
        return _star_counts({})
    return cached_read("rating_breakdown", {"product": product_id, "total": total}, compute)


def _star_counts(counts: dict[int, int]) -> list[StarCount]:
    total = sum(counts.values())
    return [
        StarCount(
            stars=stars,
            count=counts.get(stars, 0),
            percent=round(100 * counts.get(stars, 0) / total) if total else 0,
        )
        for stars in range(MAX_RATING, MIN_RATING - 1, -1)
    ]
