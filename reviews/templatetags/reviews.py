"""The product's structured data and the stars on product cards (no queries: the section's data
comes from reviews.product_page)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models import MAX_RATING

register = template.Library()

# What django.utils.html.json_script escapes, so no text can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


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
