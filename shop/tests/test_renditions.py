import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from orders.templatetags.storefront import delivery_options
from shop.renditions import make_renditions

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(size=(1200, 900), mode="RGB", image_format="JPEG") -> ContentFile:
    buffer = io.BytesIO()
    Image.new(mode, size, "darkgreen").save(buffer, format=image_format)
    return ContentFile(buffer.getvalue())


def stored_size(name):
    with default_storage.open(name) as stored, Image.open(stored) as image:
        return image.format, image.size


def test_saving_a_product_image_stores_square_webp_renditions_and_a_jpeg_fallback(
    media_root, rice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rice.image.save("rice.jpg", photo())

    assert [stored_size(f"renditions/products/rice.jpg.{width}w.webp") for width in (80, 200, 400, 640)] == [
        ("WEBP", (80, 80)),
        ("WEBP", (200, 200)),
        ("WEBP", (400, 400)),
        ("WEBP", (640, 640)),
    ]
    assert stored_size("renditions/products/rice.jpg.400w.jpg") == ("JPEG", (400, 400))


def test_a_transparent_png_is_flattened_onto_white(media_root):
    name = default_storage.save("products/logo.png", photo(mode="RGBA", image_format="PNG"))

    written = make_renditions(name)

    assert written == 5
    assert stored_size("renditions/products/logo.png.400w.jpg") == ("JPEG", (400, 400))


def test_making_renditions_again_writes_nothing_new(media_root):
    name = default_storage.save("products/rice.jpg", photo())
    make_renditions(name)

    assert make_renditions(name) == 0
    assert sorted(p.name for p in (media_root / "renditions" / "products").iterdir()) == [
        "rice.jpg.200w.webp",
        "rice.jpg.400w.jpg",
        "rice.jpg.400w.webp",
        "rice.jpg.640w.webp",
        "rice.jpg.80w.webp",
    ]


def test_cards_and_the_product_page_offer_the_renditions_by_width(client, media_root, rice):
    rice.image.save("rice.jpg", photo())

    listing = client.get("/products/").content.decode()
    detail = client.get(f"/products/{rice.slug}/").content.decode()

    srcset = ", ".join(f"/media/renditions/products/rice.jpg.{w}w.webp {w}w" for w in (80, 200, 400, 640))
    assert f'<source type="image/webp" srcset="{srcset}"' in listing
    assert (
        'src="/media/renditions/products/rice.jpg.400w.jpg" alt="" width="200" height="200" loading="lazy"'
        in listing
    )
    assert f'<source type="image/webp" srcset="{srcset}" sizes="(min-width: 720px) 560px, 100vw">' in detail
    assert 'width="640" height="640" decoding="async"' in detail  # the main image is not lazy


def test_a_product_without_an_image_shows_the_placeholder(client, rice):
    html = client.get("/products/").content.decode()

    assert 'src="/static/img/product-placeholder.svg" alt="" width="200" height="200" loading="lazy"' in html


def test_delivery_windows_count_days_from_today_in_dhaka():
    inside, outside = delivery_options(today=date(2026, 12, 3))

    assert (inside.zone, inside.earliest, inside.latest) == (
        "inside_dhaka",
        date(2026, 12, 4),
        date(2026, 12, 5),
    )
    assert (outside.zone, outside.earliest, outside.latest) == (
        "outside_dhaka",
        date(2026, 12, 6),
        date(2026, 12, 8),
    )


def test_make_renditions_fills_in_images_stored_before_renditions_existed(media_root, rice, make_product):
    rice.image.save("rice.jpg", photo())
    broken = make_product(name="Broken")
    broken.image.name = default_storage.save("products/broken.jpg", ContentFile(b"not an image"))
    broken.save()
    output, errors = io.StringIO(), io.StringIO()

    with pytest.raises(SystemExit):
        call_command("make_renditions", stdout=output, stderr=errors)

    assert default_storage.exists("renditions/products/rice.jpg.640w.webp")
    assert "Renditions made for 1 of 2 images; 1 could not be read." in output.getvalue()
    assert "products/broken.jpg" in errors.getvalue()
