"""Fixtures shared by every app's tests."""

from decimal import Decimal
from itertools import count

import pytest
from django.core.cache import cache
from django.utils import translation

from dhakacart.celery import app as celery_app
from orders.services import Customer, OrderLine, place_order
from shop.models import Category, Product

_numbers = count(1)


@pytest.fixture(autouse=True, scope="session")
def _celery_runs_tasks_eagerly():
    """Tests run the real task code in-process instead of through a worker."""
    celery_app.conf.task_always_eager = True
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request leaves its language active in the
    thread (LocaleMiddleware activates and never deactivates), which the next test would inherit."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (only this worker's keys: they share one Redis)."""
    _clear_cache()
    yield
    _clear_cache()


def _clear_cache():
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def smsoutbox(settings):
    """SMS go to a list, as e-mails go to mail.outbox; each test starts with it empty."""
    from sms.backends import locmem

    settings.SMS_BACKEND = "locmem"
    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(
        email="rahim@example.com", password="a-Strong-passw0rd", full_name="Rahim Uddin"
    )


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user(
        email="karim@example.com", password="a-Strong-passw0rd", full_name="Karim Hossain"
    )


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        email="staff@example.com", password="a-Strong-passw0rd", full_name="Staff Member", is_staff=True
    )


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


@pytest.fixture
def customer():
    return Customer(
        name="Ayesha Rahman",
        email="ayesha@example.com",
        phone="+8801712345678",
        address_line="House 12, Road 5, Dhanmondi",
        area="Dhanmondi",
        city="Dhaka",
        delivery_zone="inside_dhaka",
    )


@pytest.fixture
def place(customer):
    """Place an order of {product: quantity} with the test customer."""

    def place_(quantities: dict, **kwargs):
        lines = [
            OrderLine(product_id=product.pk, quantity=quantity) for product, quantity in quantities.items()
        ]
        return place_order(lines=lines, customer=kwargs.pop("customer", customer), **kwargs)

    return place_


@pytest.fixture
def rice(make_product):
    return make_product(
        name="Miniket Rice 5kg",
        name_bn="মিনিকেট চাল ৫ কেজি",
        slug="miniket-rice-5kg",
        sku="DC-RICE-001",
        price=Decimal("420.00"),
        stock=10,
    )


@pytest.fixture
def oil(make_product):
    return make_product(name="Soybean Oil 1L", sku="DC-OIL-001", price=Decimal("185.00"), stock=10)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def user_api(user):
    """An API client signed in as `user` with a JWT, as the mobile apps are."""
    from dhakacart.tests.api import client_for

    return client_for(user)


@pytest.fixture
def lamp():
    """Five hurricane lamps at ৳350, for shoppers racing for the last units (the races' own
    transactional database marks give it database access)."""
    category = Category.objects.create(name="Lamps", slug="lamps")
    return Product.objects.create(
        name="Hurricane lamp",
        slug="lamp",
        sku="DC-LAMP-1",
        category=category,
        price=Decimal("350.00"),
        stock=5,
    )
