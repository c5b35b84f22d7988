"""The app developer's script (docs/app_session.py) plays a whole session against a live server,
over HTTP only, in both languages: what the README promises an app can do, proven."""

import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings

from orders.models import Order
from shop.models import Category, Product

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCRIPT = settings.BASE_DIR / "docs" / "app_session.py"


@pytest.fixture
def catalogue():
    category = Category.objects.create(name="Rice & Grains", name_bn="চাল ও শস্য", slug="rice-grains")
    for number, price in enumerate(("420.00", "185.00"), start=1):
        Product.objects.create(
            name=f"Staple {number}",
            name_bn=f"নিত্যপণ্য {number}",
            slug=f"staple-{number}",
            sku=f"DC-APP-{number}",
            category=category,
            price=Decimal(price),
            stock=20,
        )


@pytest.mark.parametrize("language", ["en", "bn"])
def test_the_documented_app_session_runs_against_a_live_server(live_server, catalogue, language):
    result = subprocess.run(  # noqa: S603 - our own script, our own interpreter
        [sys.executable, str(SCRIPT), live_server.url, "--language", language],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok  the guest cart merged into the account's" in result.stdout
    placed = Order.objects.order_by("created_at")
    assert [order.user is not None for order in placed] == [True, False]
    assert [order.language for order in placed] == [language, language]
