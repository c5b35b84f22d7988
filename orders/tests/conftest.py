from decimal import Decimal

import pytest


@pytest.fixture
def rice(make_product):
    return make_product(
        name="Miniket Rice 5kg",
        name_bn="মিনিকেট চাল ৫ কেজি",
        sku="DC-RICE-001",
        price=Decimal("420.00"),
        stock=10,
    )


@pytest.fixture
def oil(make_product):
    return make_product(name="Soybean Oil 1L", sku="DC-OIL-001", price=Decimal("185.00"), stock=10)
