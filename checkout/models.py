"""Saved carts: a signed-in shopper's, and an app guest's (the pages keep a guest's cart in
the session: checkout.cart)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shop.models import Product


class Cart(models.Model):
    """A signed-in shopper's cart: kept across logouts and devices."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart")
    voucher_code = models.CharField(_("promo code"), max_length=32, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "shop_cart"  # made by the shop app before checkout had a home of its own
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self):
        return f"Cart of {self.user}"


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="cart_items")
    quantity = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "shop_cartitem"
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        constraints = [
            models.UniqueConstraint(fields=["cart", "product"], name="shop_cartitem_one_line_per_product"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=99), name="shop_cartitem_quantity_1_to_99"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"


class GuestCart(models.Model):
    """An app's cart before its shopper signs in, reached with a signed Cart-Token (checkout.tokens).

    Its row is made by the first change; a token whose cart has no row yet reads as an empty cart.
    Ordering it or merging it into a member's cart closes it for good: its token then answers
    `cart_ordered` or `cart_merged`, so nobody reaches the lines again through it.
    """

    class Closed(models.TextChoices):
        OPEN = "", _("open")
        ORDERED = "ordered", _("ordered")
        MERGED = "merged", _("merged into a member's cart")

    key = models.UUIDField(unique=True, editable=False)
    voucher_code = models.CharField(_("promo code"), max_length=32, blank=True)
    closed = models.CharField(max_length=10, choices=Closed.choices, blank=True, default=Closed.OPEN)
    merged_into = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Moved forward (at most daily) whenever its token is used; carts unused past the token's
    # lifetime can be deleted, since no valid token can point at them any more.
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("guest cart")
        verbose_name_plural = _("guest carts")

    def __str__(self):
        return f"Guest cart {self.key}"


class GuestCartItem(models.Model):
    cart = models.ForeignKey(GuestCart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="guest_cart_items")
    quantity = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("guest cart item")
        verbose_name_plural = _("guest cart items")
        constraints = [
            models.UniqueConstraint(fields=["cart", "product"], name="checkout_guestcartitem_one_line"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=99),
                name="checkout_guestcartitem_quantity_1_to_99",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"
