from decimal import Decimal
from itertools import count

import pytest

from shop.models import Category, Product

_numbers = count(1)


@pytest.fixture
def make_category(db):
    def make(**fields):
        number = next(_numbers)
        fields.setdefault("name", f"Category {number}")
        fields.setdefault("slug", f"category-{number}")
        return Category.objects.create(**fields)

    return make


@pytest.fixture
def category(make_category):
    return make_category(name="Rice & Grains", name_bn="চাল ও শস্য", slug="rice-grains")


@pytest.fixture
def make_product(db, category):
    def make(**fields):
        number = next(_numbers)
        fields.setdefault("name", f"Product {number}")
        fields.setdefault("slug", f"product-{number}")
        fields.setdefault("sku", f"DC-TEST-{number:04d}")
        fields.setdefault("category", category)
        fields.setdefault("price", Decimal("100.00"))
        fields.setdefault("stock", 20)
        return Product.objects.create(**fields)

    return make
