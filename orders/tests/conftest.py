from decimal import Decimal

import pytest

from orders.services import Customer, OrderLine, place_order


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


@pytest.fixture
def place(customer):
    """Place an order of {product: quantity} with the test customer."""

    def place_(quantities: dict, **kwargs):
        lines = [
            OrderLine(product_id=product.pk, quantity=quantity) for product, quantity in quantities.items()
        ]
        return place_order(lines=lines, customer=kwargs.pop("customer", customer), **kwargs)

    return place_
