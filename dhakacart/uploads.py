"""One check for every uploaded catalogue image, on the model fields, so every door shares it.

A JPEG, PNG or WebP (by its content, not its name or content type) of at most 5 MB and 25
megapixels. The pixel count is read from the header before anything is decoded, so a
decompression bomb (a small file that unpacks to gigabytes) is refused without being opened.
"""

import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
# Pillow's name for each accepted format, and the content type a browser sends for it.
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def validate_image_upload(upload) -> None:
    """Raise ValidationError unless `upload` (a File) is an acceptable catalogue image."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("This file is %(size)s; images may be at most 5 MB."),
            code="too_large",
            params={"size": filesizeformat(upload.size)},
        )
    image_format, width, height = _inspect(upload)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image; this one is %(format)s."),
            code="unsupported_format",
            params={"format": image_format},
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("This image is %(width)d × %(height)d pixels; images may have at most 25 megapixels."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )


def _inspect(upload) -> tuple[str, int, int]:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:  # reads the header only
                image_format, (width, height) = image.format, image.size
                if width * height <= MAX_IMAGE_PIXELS:
                    image.verify()  # the whole file is intact, without decoding the pixels
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This image unpacks to far too many pixels; upload a normal photo."), code="decompression_bomb"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
            code="invalid_image",
        ) from None
    finally:
        upload.seek(position)
    return image_format or "", width, height
