"""Smaller copies of catalogue images, so a phone downloads what it shows.

Every product and category image gets square WebP renditions 80, 200, 400 and 640 px wide, and
one 400 px JPEG for the few browsers without WebP, written through the default storage (local
disk or the bucket): `renditions/<image name>.<width>w.<format>`. The names follow from
the image's name alone, so a page builds its `srcset` without asking the storage anything.

Pillow rather than easy-thumbnails or sorl-thumbnail: both look each thumbnail up in their own
table or key-value store while the template renders (queries per image on list pages) and make
missing ones during the request; here they are made once, when the image is saved.
"""

import logging
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (80, 200, 400, 640)
FALLBACK_WIDTH = 400
WEBP = {"format": "WEBP", "quality": 78, "method": 4}
JPEG = {"format": "JPEG", "quality": 80, "optimize": True}


def rendition_name(image_name: str, width: int, extension: str) -> str:
    return f"renditions/{image_name}.{width}w.{extension}"


def has_renditions(image_name: str) -> bool:
    return default_storage.exists(rendition_name(image_name, WIDTHS[-1], "webp"))


def make_renditions(image_name: str, *, replace: bool = False) -> int:
    """Write the missing renditions of a stored image (all of them with `replace`); returns how many."""
    with default_storage.open(image_name, "rb") as source:
        original = ImageOps.exif_transpose(Image.open(source))
        original.load()
    if original.mode not in ("RGB", "L"):
        # JPEG has no transparency: flatten onto white, like the page behind the card.
        background = Image.new("RGB", original.size, "white")
        background.paste(original.convert("RGBA"), mask=original.convert("RGBA").getchannel("A"))
        original = background
    # Cropped to the centred square once; each width is resized from it.
    side = min(original.size)
    left, top = (original.width - side) // 2, (original.height - side) // 2
    square = original.crop((left, top, left + side, top + side))
    wanted = [(width, "webp", WEBP) for width in WIDTHS] + [(FALLBACK_WIDTH, "jpg", JPEG)]
    written = 0
    for width, extension, options in wanted:
        name = rendition_name(image_name, width, extension)
        if default_storage.exists(name):
            if not replace:
                continue
            default_storage.delete(name)
        sized = (
            square
            if width == side
            else square.resize((width, width), Image.Resampling.LANCZOS, reducing_gap=2.0)
        )
        buffer = BytesIO()
        sized.convert("RGB").save(buffer, **options)
        default_storage.save(name, ContentFile(buffer.getvalue()))
        written += 1
    return written


def ensure_renditions(image_name: str) -> None:
    """After an image is saved: make its renditions, logging (not raising) an unreadable file."""
    if not image_name or has_renditions(image_name):
        return
    try:
        make_renditions(image_name)
    except (OSError, ValueError):
        logger.exception("Could not make renditions of %s", image_name)
