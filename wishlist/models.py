from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WishlistItem(models.Model):
    """A product a signed-in shopper saved, with the price it had then and whether to e-mail them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shopper"),
        on_delete=models.CASCADE,
        related_name="wishlist_items",
    )
    product = models.ForeignKey(
        "shop.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="wishlist_items"
    )
    price_when_saved = models.DecimalField(_("price when saved (৳)"), max_digits=10, decimal_places=2)
    notify_when_back = models.BooleanField(_("tell me when it is back"), default=False)
    # The language of the page the shopper last used for this entry: the e-mail speaks it.
    language = models.CharField(_("language"), max_length=8, default="en")
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("wishlist item")
        verbose_name_plural = _("wishlist items")
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["user", "product"], name="wishlist_one_entry_per_product"),
        ]

    def __str__(self):
        return f"{self.product_id} saved by {self.user_id}"

    @property
    def price_dropped(self) -> bool:
        return self.product.price < self.price_when_saved


class Restock(models.Model):
    """One time a product's stock went from 0 to above 0 while shoppers were waiting for it."""

    product = models.ForeignKey(
        "shop.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="restocks"
    )
    created_at = models.DateTimeField(_("restocked"), auto_now_add=True)

    class Meta:
        verbose_name = _("restock")
        verbose_name_plural = _("restocks")
        ordering = ("-created_at", "-id")

    def __str__(self):
        return f"Restock of {self.product_id} at {self.created_at:%Y-%m-%d %H:%M}"


class BackInStockNotice(models.Model):
    """The e-mail one shopper gets for one restock: the unique pair makes it at most one."""

    restock = models.ForeignKey(Restock, on_delete=models.CASCADE, related_name="notices")
    item = models.ForeignKey(WishlistItem, on_delete=models.CASCADE, related_name="notices")
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("back-in-stock e-mail")
        verbose_name_plural = _("back-in-stock e-mails")
        constraints = [
            models.UniqueConstraint(fields=["restock", "item"], name="wishlist_one_notice_per_restock"),
        ]

    def __str__(self):
        return f"Notice {self.pk} of restock {self.restock_id}"
