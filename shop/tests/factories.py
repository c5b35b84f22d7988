"""Catalogue factories for every app's tests: an active, in-stock product unless a test says otherwise."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from shop.models import Category, Product


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    sku = factory.Sequence(lambda n: f"DC-TEST-{n:04d}")
    category = factory.SubFactory(CategoryFactory)
    price = Decimal("250.00")
    stock = 20
