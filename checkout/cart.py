"""Where a shopper's cart lives: the session for guests on the pages, the database for signed-in
users, and a guest cart row for apps without a sign-in (reached with a Cart-Token, checkout.tokens).

Both kinds offer the same small interface, so cart services and views never ask which one
they have. A cart is a mapping of product id → quantity; prices are never stored in it, they
are read from the catalogue every time (SPEC §4 rule 1).
"""

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Sum

from .models import Cart, CartItem, GuestCart, GuestCartItem

SESSION_KEY = "cart"
VOUCHER_SESSION_KEY = "cart_voucher"
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

    def remove(self, *product_ids: int) -> None:
        stored = dict(self.session.get(SESSION_KEY) or {})
        removed = [stored.pop(str(product_id), None) for product_id in product_ids]
        if any(quantity is not None for quantity in removed):
            self.session[SESSION_KEY] = stored

    def voucher_code(self) -> str:
        return self.session.get(VOUCHER_SESSION_KEY, "")

    def set_voucher_code(self, code: str) -> None:
        if code:
            self.session[VOUCHER_SESSION_KEY] = code
        else:
            self.session.pop(VOUCHER_SESSION_KEY, None)

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)
        self.session.pop(VOUCHER_SESSION_KEY, None)


class DatabaseCart:
    """A signed-in shopper's cart, in the Cart and CartItem tables."""

    def __init__(self, user):
        self.user = user

    def _items(self):
        return CartItem.objects.filter(cart__user=self.user)

    def quantities(self) -> dict[int, int]:
        return dict(self._items().order_by("id").values_list("product_id", "quantity"))

    def unit_count(self) -> int:
        return self._items().aggregate(units=Sum("quantity"))["units"] or 0

    def set_quantity(self, product_id: int, quantity: int) -> None:
        cart, _ = Cart.objects.get_or_create(user=self.user)
        CartItem.objects.update_or_create(cart=cart, product_id=product_id, defaults={"quantity": quantity})

    def remove(self, *product_ids: int) -> None:
        self._items().filter(product_id__in=product_ids).delete()

    def voucher_code(self) -> str:
        return Cart.objects.filter(user=self.user).values_list("voucher_code", flat=True).first() or ""

    def set_voucher_code(self, code: str) -> None:
        Cart.objects.update_or_create(user=self.user, defaults={"voucher_code": code})

    def clear(self) -> None:
        self._items().delete()
        Cart.objects.filter(user=self.user).update(voucher_code="")


class GuestDatabaseCart:
    """An app guest's cart, in the GuestCart and GuestCartItem tables; its row is made by the
    first change, so reading a new cart writes nothing. Whether the cart is still open is the
    door's check (checkout.guest_carts.open_guest_cart)."""

    def __init__(self, key):
        self.key = key

    def _items(self):
        return GuestCartItem.objects.filter(cart__key=self.key)

    def quantities(self) -> dict[int, int]:
        return dict(self._items().order_by("id").values_list("product_id", "quantity"))

    def unit_count(self) -> int:
        return self._items().aggregate(units=Sum("quantity"))["units"] or 0

    def set_quantity(self, product_id: int, quantity: int) -> None:
        cart, _ = GuestCart.objects.get_or_create(key=self.key)
        GuestCartItem.objects.update_or_create(
            cart=cart, product_id=product_id, defaults={"quantity": quantity}
        )

    def remove(self, *product_ids: int) -> None:
        self._items().filter(product_id__in=product_ids).delete()

    def voucher_code(self) -> str:
        return GuestCart.objects.filter(key=self.key).values_list("voucher_code", flat=True).first() or ""

    def set_voucher_code(self, code: str) -> None:
        GuestCart.objects.update_or_create(key=self.key, defaults={"voucher_code": code})

    def clear(self) -> None:
        self._items().delete()
        GuestCart.objects.filter(key=self.key).update(voucher_code="")


def get_cart(request) -> SessionCart | DatabaseCart:
    if request.user.is_authenticated:
        return DatabaseCart(request.user)
    return SessionCart(request.session)
