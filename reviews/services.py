"""Writing reviews, and keeping the product row's average and count right.

Every write locks the product row first and refreshes `rating_average` and `reviews_count` in
the same transaction: concurrent reviews of one product queue on that lock, so each refresh
counts every review committed before it. The catalogue cache is bumped on commit, so lists show
the new rating at once.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from dhakacart.money import fill_numbers
from shop.cache import catalogue_changed
from shop.models import Product

from .exceptions import AlreadyReviewed, InvalidReview, NotAllowedToReview, ReviewNotFound
from .models import MAX_RATING, MIN_RATING, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Review
from .selectors import get_qualifying_order


def _lock_product(product_id: int) -> Product:
    product = Product.objects.select_for_update().filter(pk=product_id).only("id").first()
    if product is None:
        raise ReviewNotFound(_("That product does not exist."))
    return product


def _check_content(*, rating, title: str, text: str) -> tuple[int, str, str]:
    if isinstance(rating, bool) or not isinstance(rating, int) or not MIN_RATING <= rating <= MAX_RATING:
        raise InvalidReview(
            fill_numbers(_("Choose a rating from %(min)s to %(max)s stars."), min=MIN_RATING, max=MAX_RATING),
            extra={"fields": {"rating": "invalid"}},
        )
    title, text = (title or "").strip(), (text or "").strip()
    if len(title) > TITLE_MAX_LENGTH:
        raise InvalidReview(
            fill_numbers(_("Keep the title to %(max)s characters."), max=TITLE_MAX_LENGTH),
            extra={"fields": {"title": "too_long"}},
        )
    if len(text) > TEXT_MAX_LENGTH:
        raise InvalidReview(
            fill_numbers(_("Keep the review to %(max)s characters."), max=TEXT_MAX_LENGTH),
            extra={"fields": {"text": "too_long"}},
        )
    return rating, title, text


def refresh_product_rating(product_id: int) -> None:
    """Write the published reviews' average (one decimal, half up) and count to the product row."""
    summary = (
        Review.objects.published()
        .filter(product_id=product_id)
        .aggregate(average=Avg("rating"), count=Count("id"))
    )
    average = summary["average"]
    if average is not None:
        average = Decimal(str(average)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    Product.objects.filter(pk=product_id).update(rating_average=average, reviews_count=summary["count"])
    catalogue_changed()


@transaction.atomic
def create_review(*, user, product_id: int, rating: int, title: str = "", text: str = "") -> Review:
    """Publish a shopper's review of a product they received.

    Raises NotAllowedToReview (signed out, or no delivered order with the product),
    AlreadyReviewed (one per shopper and product, also when two requests race: the unique
    constraint decides), InvalidReview, ReviewNotFound (no such product). Locks the product row.
    """
    rating, title, text = _check_content(rating=rating, title=title, text=text)
    if user is None or not user.is_authenticated:
        raise NotAllowedToReview(_("Sign in to review products you have received."))
    _lock_product(product_id)
    order = get_qualifying_order(user=user, product_id=product_id)
    if order is None:
        raise NotAllowedToReview(_("Only customers who received this product can review it."))
    try:
        with transaction.atomic():
            review = Review.objects.create(
                product_id=product_id, user=user, order=order, rating=rating, title=title, text=text
            )
    except IntegrityError:
        raise AlreadyReviewed(
            _("You have already reviewed this product; edit your review instead.")
        ) from None
    refresh_product_rating(product_id)
    return review


def _own_review(*, user, product_id: int) -> Review:
    if user is None or not user.is_authenticated:
        raise ReviewNotFound(_("You have not reviewed this product."))
    _lock_product(product_id)
    review = Review.objects.select_for_update().filter(user=user, product_id=product_id).first()
    if review is None:
        raise ReviewNotFound(_("You have not reviewed this product."))
    return review


@transaction.atomic
def update_review(*, user, product_id: int, rating: int, title: str = "", text: str = "") -> Review:
    """Change the shopper's own review. A hidden review stays hidden.

    Raises ReviewNotFound (no review of theirs) or InvalidReview. Locks the product row.
    """
    rating, title, text = _check_content(rating=rating, title=title, text=text)
    review = _own_review(user=user, product_id=product_id)
    review.rating, review.title, review.text = rating, title, text
    review.save(update_fields=["rating", "title", "text", "updated_at"])
    refresh_product_rating(product_id)
    return review


@transaction.atomic
def delete_review(*, user, product_id: int) -> None:
    """Delete the shopper's own review. Raises ReviewNotFound. Locks the product row."""
    review = _own_review(user=user, product_id=product_id)
    review.delete()
    refresh_product_rating(product_id)


@transaction.atomic
def hide_review(*, review_id: int, reason: str, by) -> Review:
    """Staff take a review off the product page, keeping why. Raises InvalidReview without a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidReview(_("Say why the review is hidden."), extra={"fields": {"reason": "required"}})
    review = _staff_review(review_id)
    review.is_hidden = True
    review.hidden_reason = reason[:255]
    review.hidden_at = timezone.now()
    review.hidden_by = by if by is not None and by.is_authenticated else None
    review.save(update_fields=["is_hidden", "hidden_reason", "hidden_at", "hidden_by", "updated_at"])
    refresh_product_rating(review.product_id)
    return review


@transaction.atomic
def unhide_review(*, review_id: int) -> Review:
    """Publish a hidden review again; the reason is cleared."""
    review = _staff_review(review_id)
    review.is_hidden = False
    review.hidden_reason = ""
    review.hidden_at = None
    review.hidden_by = None
    review.save(update_fields=["is_hidden", "hidden_reason", "hidden_at", "hidden_by", "updated_at"])
    refresh_product_rating(review.product_id)
    return review


def _staff_review(review_id: int) -> Review:
    product_id = Review.objects.filter(pk=review_id).values_list("product_id", flat=True).first()
    if product_id is None:
        raise ReviewNotFound(_("That review does not exist."))
    _lock_product(product_id)
    return Review.objects.select_for_update().get(pk=review_id)
