import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from shop.management.demo_catalogue import CATEGORIES
from shop.models import Category, Product

pytestmark = pytest.mark.django_db

BANGLA = re.compile(r"[\u0980-\u09FF]")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def seed_demo():
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def catalogue_rows():
    return list(
        Product.objects.order_by("sku").values_list(
            "slug",
            "sku",
            "name",
            "name_bn",
            "description",
            "description_bn",
            "category__slug",
            "price",
            "compare_at_price",
            "stock",
            "image",
        )
    )


def test_seed_demo_builds_a_bilingual_catalogue_with_every_stock_state(media_root):
    output = seed_demo()

    products = list(Product.objects.active())
    assert Category.objects.active().count() == 11
    assert len(products) == sum(len(category.products) for category in CATEGORIES) == 139
    assert all(BANGLA.search(product.name_bn) for product in products)
    assert all(re.fullmatch(r"DC-[A-Z]+-\d{3}", product.sku) for product in products)
    assert sum(product.stock == 0 for product in products) == 5
    assert sum(product.is_low_stock for product in products) == 8
    assert sum(product.is_discounted for product in products) == 9
    assert "11 categories, 139 products (images drawn: 150)" in output


def test_seed_demo_prices_are_taka_prices_a_dhaka_shopper_knows(media_root):
    seed_demo()

    rice = Product.objects.get(sku="DC-RICE-001")
    hilsa = Product.objects.get(name="Padma Hilsa 1 kg")
    assert (rice.name, rice.name_bn, rice.price) == (
        "Miniket Rice 5 kg",
        "মিনিকেট চাল ৫ কেজি",
        Decimal("420.00"),
    )
    assert rice.category.name_bn == "চাল ও শস্য"
    assert (hilsa.price, hilsa.compare_at_price, hilsa.stock) == (Decimal("2200.00"), Decimal("2400.00"), 5)


def test_every_demo_product_and_category_has_a_stored_640_pixel_jpeg_and_its_renditions(media_root):
    seed_demo()

    for item in [*Product.objects.all(), *Category.objects.all()]:
        assert default_storage.exists(item.image.name), item.image.name
        with default_storage.open(item.image.name) as stored, Image.open(stored) as image:
            assert (image.format, image.size) == ("JPEG", (640, 640))
        for width in (80, 200, 400, 640):
            with default_storage.open(f"renditions/{item.image.name}.{width}w.webp") as stored:
                assert Image.open(stored).size == (width, width)
    assert Product.objects.get(sku="DC-RICE-001").image_url == "/media/products/demo/dc-rice-001.jpg"


def test_running_seed_demo_again_leaves_the_same_rows_and_files(media_root):
    seed_demo()
    rows = catalogue_rows()
    files = sorted(media_root.rglob("*.jpg"))

    output = seed_demo()

    assert catalogue_rows() == rows
    assert Category.objects.count() == 11
    assert sorted(media_root.rglob("*.jpg")) == files
    assert "(images drawn: 0)" in output


def test_seed_demo_resets_an_edited_demo_product_and_redraws_a_missing_image(media_root):
    seed_demo()
    rice = Product.objects.get(sku="DC-RICE-001")
    Product.objects.filter(pk=rice.pk).update(price=Decimal("999.00"), is_active=False, description_bn="")
    default_storage.delete(rice.image.name)

    output = seed_demo()

    rice.refresh_from_db()
    assert (rice.price, rice.is_active) == (Decimal("420.00"), True)
    assert rice.description_bn.startswith("কুষ্টিয়ার মিলের সরু, পালিশ করা মিনিকেট চাল।")
    assert default_storage.exists(rice.image.name)
    assert "(images drawn: 1)" in output


def test_every_demo_product_has_its_own_description_in_english_and_in_bangla(media_root):
    seed_demo()

    products = list(Product.objects.filter(sku__startswith="DC-"))
    english = [product.description for product in products]
    bangla = [product.description_bn for product in products]

    assert len(products) == 139
    assert all(text.strip() for text in english + bangla)
    assert len(set(english)) == len(set(bangla)) == 139  # no two products share one
    assert not [text for text in english if BANGLA.search(text)]
    assert all(BANGLA.search(text) and not re.search(r"[0-9]", text) for text in bangla)
    category_descriptions = {demo.description for demo in CATEGORIES}
    assert not [text for text in english if any(line in text for line in category_descriptions)]
