"""The reviews' part of the product page: its section and the review form's hole.

Registered with the catalogue in ReviewsConfig.ready (shop.sections, shop.fragments), so the
catalogue never imports reviews; each reads through the selectors and hands its template
plain values.
"""

from django.middleware.csrf import get_token
from django.template.loader import get_template

from dhakacart.paging import page_number

from .forms import ReviewForm
from .selectors import get_rating_breakdown, get_review_by, get_review_page, review_refusal


def reviews_section(request, product) -> dict:
    """What every shopper sees: the rating overview and a page of reviews (cached reads)."""
    number = page_number(request.GET.get("reviews_page")) or 1
    return {
        "page": get_review_page(product_id=product.pk, total=product.reviews_count, number=number),
        "breakdown": get_rating_breakdown(product_id=product.pk, total=product.reviews_count),
    }


def review_form_hole(request, values: dict) -> str:
    """The shopper's own review to edit, the form to write one, or why they cannot."""
    product = values["product"]
    user = request.user
    own_review = get_review_by(user=user, product_id=product.pk)
    refusal = None if own_review else review_refusal(user=user, product_id=product.pk)
    form = None
    if own_review or not refusal:
        initial = (
            {"rating": own_review.rating, "title": own_review.title, "text": own_review.text}
            if own_review
            else {}
        )
        form = ReviewForm(initial=initial)
    return get_template("reviews/partials/review_write.html").render(
        {
            "product": product,
            "own_review": own_review,
            "refusal": refusal,
            "form": form,
            "signed_in": user.is_authenticated,
            "csrf_token": get_token(request),
        }
    )
