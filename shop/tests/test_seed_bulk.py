"""`seed_demo --bulk N`: generated products on top of the demo catalogue, for `make bench`."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from shop.cache import catalogue_version
from shop.models import Product

pytestmark = pytest.mark.django_db

BANGLA = re.compile(r"[\u0980-\u09FF]")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def bulk_rows():
    return list(
        Product.objects.filter(slug__startswith="bulk-")
        .order_by("slug")
        .values_list("slug", "sku", "name", "name_bn", "category_id", "price", "stock", "image")
    )


def test_bulk_adds_generated_products_once_and_tells_the_cache(
    media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    demo_images = set(Product.objects.values_list("image", flat=True))
    version = catalogue_version()

    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--bulk", "30", stdout=output)

    first = bulk_rows()
    assert [row[0] for row in first] == [f"bulk-{n:05d}" for n in range(1, 31)]
    assert Product.objects.active().count() == 139 + 30
    assert all(BANGLA.search(row[3]) for row in first)
    assert all(row[5] > 0 and row[6] >= 0 for row in first)
    assert {row[7] for row in first} <= demo_images  # shares the demo images and their renditions
    assert "Generated products: 30 added, 30 in all" in output.getvalue()
    assert catalogue_version() > version

    # A second, larger run adds only what is missing and leaves the first products as they were.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--bulk", "40", stdout=StringIO())
    assert bulk_rows()[:30] == first
    assert len(bulk_rows()) == 40


def test_bulk_refuses_a_negative_count_and_writes_no_generated_product(media_root):
    with pytest.raises(CommandError, match="--bulk takes a number of products"):
        call_command("seed_demo", "--bulk", "-5", stdout=StringIO())
    assert not Product.objects.filter(slug__startswith="bulk-").exists()
