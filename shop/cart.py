"""Where a shopper's cart lives: the session for guests (the database for signed-in users).

A cart is a mapping of product id → quantity; prices are never stored in it, they are read
from the catalogue every time (SPEC §4 rule 1).
"""

from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "cart"
MAX_QUANTITY = 99
MAX_LINES = 50


class SessionCart:
    """A guest's cart, stored in the session as {"<product id>": quantity}."""

    def __init__(self, session: SessionBase):
        self.session = session

    def quantities(self) -> dict[int, int]:
        stored = self.session.get(SESSION_KEY) or {}
        return {int(product_id): int(quantity) for product_id, quantity in stored.items()}

    def unit_count(self) -> int:
        return sum(self.quantities().values())

    def set_quantity(self, product_id: int, quantity: int) -> None:
        stored = dict(self.session.get(SESSION_KEY) or {})
        stored[str(product_id)] = quantity
        self.session[SESSION_KEY] = stored

    def remove(self, product_id: int) -> None:
        stored = dict(self.session.get(SESSION_KEY) or {})
        if stored.pop(str(product_id), None) is not None:
            self.session[SESSION_KEY] = stored

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)


def get_cart(request) -> SessionCart:
    return SessionCart(request.session)
