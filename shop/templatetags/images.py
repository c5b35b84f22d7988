"""`{% picture product.image alt="" size="card" %}`: WebP renditions in a srcset, a JPEG fallback."""

from django import template
from django.core.files.storage import default_storage
from django.templatetags.static import static

from shop.renditions import FALLBACK_WIDTH, WIDTHS, rendition_name

register = template.Library()

# How wide each use is drawn (the `sizes` attribute) and the box it reserves (width and height).
SIZES = {
    "icon": ("40px", 40),
    "thumb": ("88px", 88),
    "card": ("(min-width: 1000px) 220px, (min-width: 720px) 30vw, 46vw", 200),
    "detail": ("(min-width: 720px) 560px, 100vw", 640),
}


def srcset(image_name: str) -> str:
    return ", ".join(
        f"{default_storage.url(rendition_name(image_name, width, 'webp'))} {width}w" for width in WIDTHS
    )


@register.inclusion_tag("partials/picture.html")
def picture(image, *, alt: str = "", size: str = "card", eager: bool = False) -> dict:
    sizes, box = SIZES[size]
    context = {"alt": alt, "sizes": sizes, "box": box, "eager": eager, "css_class": f"picture-{size}"}
    if not image:
        return {**context, "src": static("img/product-placeholder.svg")}
    return {
        **context,
        "src": default_storage.url(rendition_name(image.name, FALLBACK_WIDTH, "jpg")),
        "webp_srcset": srcset(image.name),
    }
