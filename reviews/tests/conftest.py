import pytest
from django.utils import translation

from orders.services import cancel_order, confirm_order, deliver_order, ship_order


@pytest.fixture
def receive(place, customer):
    """Place an order of the products for the user and carry it through to delivered."""

    def receive_(user, *products, status="delivered"):
        order = place({product: 1 for product in products}, user=user)
        if status == "pending":
            return order
        if status == "cancelled":
            return cancel_order(order=order)
        for step, move in (
            ("confirmed", confirm_order),
            ("shipped", ship_order),
            ("delivered", deliver_order),
        ):
            order = move(order=order)
            if step == status:
                break
        return order

    return receive_


@pytest.fixture(autouse=True)
def _english():
    """Service messages come in the active language; a Bangla page in an earlier test may have left it on."""
    with translation.override("en"):
        yield
