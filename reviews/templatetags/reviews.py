"""The product page's review section, its structured data, and the stars on product cards."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dhakacart.paging import page_number

from ..forms import ReviewForm
from ..models import MAX_RATING
from ..selectors import get_rating_breakdown, get_review_by, get_review_page, review_refusal

register = template.Library()

# What django.utils.html.json_script escapes, so no text can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("reviews/partials/reviews_section.html", takes_context=True)
def product_reviews(context, product):
    """What every shopper sees: the rating overview and a page of reviews (cached reads). The
    shopper's own part, the review form, is `review_write_box`, a hole in the cached page."""
    request = context.request
    number = page_number(request.GET.get("reviews_page")) or 1
    return {
        "product": product,
        "page": get_review_page(product_id=product.pk, total=product.reviews_count, number=number),
        "breakdown": get_rating_breakdown(product_id=product.pk, total=product.reviews_count),
    }


@register.inclusion_tag("reviews/partials/review_write.html", takes_context=True)
def review_write_box(context, product):
    """The shopper's own review to edit, the form to write one, or why they cannot."""
    request = context.request
    own_review = get_review_by(user=request.user, product_id=product.pk)
    refusal = None if own_review else review_refusal(user=request.user, product_id=product.pk)
    form = None
    if own_review or not refusal:
        initial = (
            {"rating": own_review.rating, "title": own_review.title, "text": own_review.text}
            if own_review
            else {}
        )
        form = ReviewForm(initial=initial)
    return {
        "product": product,
        "own_review": own_review,
        "refusal": refusal,
        "form": form,
        "signed_in": request.user.is_authenticated,
        "csrf_token": get_token(request),
    }


@register.simple_tag(takes_context=True)
def product_structured_data(context, product):
    """schema.org Product as a JSON data block: the CSP's script-src does not apply to data."""
    request = context.request
    absolute = request.build_absolute_uri
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.display_name,
        "image": absolute(product.image_url),
        "sku": product.sku,
        "description": product.display_description,
        "url": absolute(product.get_absolute_url()),
        "offers": {
            "@type": "Offer",
            "price": product.price,
            "priceCurrency": "BDT",
            "availability": "https://schema.org/InStock"
            if product.stock > 0
            else "https://schema.org/OutOfStock",
            "url": absolute(product.get_absolute_url()),
        },
    }
    if product.reviews_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": product.rating_average,
            "reviewCount": product.reviews_count,
            "bestRating": MAX_RATING,
            "worstRating": 1,
        }
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # escaped above  # noqa: S308  # nosec B308 B703


@register.filter
def stars(rating) -> str:
    """4.3 → ★★★★☆ (to the nearest whole star; the number is shown beside it)."""
    if rating in (None, ""):
        return ""
    filled = min(MAX_RATING, max(0, int(float(rating) + 0.5)))
    return "★" * filled + "☆" * (MAX_RATING - filled)
