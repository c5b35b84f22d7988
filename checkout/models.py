"""A signed-in shopper's saved cart (guests' carts live in the session: checkout.cart)."""

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
