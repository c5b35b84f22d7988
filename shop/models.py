from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from dhakacart.money import fill_numbers
from dhakacart.uploads import validate_image_upload


def stock_state(stock: int) -> str:
    """What shoppers are told about a stock level: in stock, only a few left, or sold out."""
    if stock <= 0:
        return "out_of_stock"
    return "low_stock" if stock <= settings.LOW_STOCK_THRESHOLD else "in_stock"


class BilingualName(models.Model):
    """Models with `name` and `name_bn` show the Bangla name on Bangla pages when there is one."""

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        if self.name_bn and (get_language() or "").startswith("bn"):
            return self.name_bn
        return self.name


class CategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Category(BilingualName):
    name = models.CharField(_("name"), max_length=120)
    name_bn = models.CharField(_("name in Bangla"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    image = models.ImageField(
        _("image"), upload_to="categories/", blank=True, validators=[validate_image_upload]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ("position", "name")

    def get_absolute_url(self):
        return reverse("shop:category", kwargs={"slug": self.slug})


def shortage_message(name: str, available: int) -> str:
    """The one sentence every door shows when a shopper wants more than the shop has."""
    if available <= 0:
        return gettext("%(name)s is out of stock.") % {"name": name}
    return fill_numbers(gettext("Only %(count)s of %(name)s left."), count=available, name=name)


class ProductQuerySet(models.QuerySet):
    def active(self):
        """Sellable: the product and its category are both active (in SQL; see Product.is_sellable)."""
        return self.filter(is_active=True, category__is_active=True)

    def in_stock(self):
        return self.filter(stock__gt=0)


class Product(BilingualName):
    name = models.CharField(_("name"), max_length=200)
    name_bn = models.CharField(_("name in Bangla"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    description = models.TextField(_("description"), blank=True)
    description_bn = models.TextField(
        _("description in Bangla"),
        blank=True,
        help_text=_("Shown on Bangla pages; empty shows the English one."),
    )
    price = models.DecimalField(_("price (৳)"), max_digits=10, decimal_places=2)
    compare_at_price = models.DecimalField(
        _("compare-at price (৳)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The old price, shown struck through. Leave empty when there is no discount."),
    )
    stock = models.IntegerField(_("stock"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    image = models.ImageField(
        _("image"), upload_to="products/", blank=True, validators=[validate_image_upload]
    )
    # Kept by the review service in the same transaction as each review change, so lists
    # show ratings without reading the reviews.
    rating_average = models.DecimalField(
        _("average rating"), max_digits=2, decimal_places=1, null=True, blank=True, editable=False
    )
    reviews_count = models.PositiveIntegerField(_("published reviews"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="shop_product_price_positive"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="shop_product_stock_not_negative"),
            models.CheckConstraint(
                condition=Q(compare_at_price__isnull=True) | Q(compare_at_price__gt=F("price")),
                name="shop_product_compare_at_above_price",
            ),
        ]
        indexes = [
            # The storefront lists active products newest first, by price or by name,
            # optionally inside one category.
            models.Index(fields=["is_active", "-created_at"], name="shop_product_active_new"),
            models.Index(fields=["is_active", "price"], name="shop_product_active_price"),
            models.Index(fields=["is_active", "name"], name="shop_product_active_name"),
            models.Index(fields=["category", "is_active", "-created_at"], name="shop_product_cat_new"),
        ]

    def get_absolute_url(self):
        return reverse("shop:product_detail", kwargs={"slug": self.slug})

    @property
    def image_url(self) -> str:
        """A URL every client can load: the uploaded image, or the shop's placeholder."""
        if self.image:
            return self.image.url
        return static("img/product-placeholder.svg")

    @property
    def display_description(self) -> str:
        """The Bangla description on Bangla pages when there is one, as display_name does."""
        if self.description_bn and (get_language() or "").startswith("bn"):
            return self.description_bn
        return self.description

    @property
    def is_sellable(self) -> bool:
        """The product and its category are both active: ProductQuerySet.active() for one row."""
        return self.is_active and self.category.is_active

    @property
    def is_low_stock(self) -> bool:
        return 0 < self.stock <= settings.LOW_STOCK_THRESHOLD

    @property
    def stock_state(self) -> str:
        return stock_state(self.stock)

    @property
    def is_discounted(self) -> bool:
        return self.compare_at_price is not None and self.compare_at_price > self.price

    @property
    def discount_percent(self) -> int:
        if not self.is_discounted:
            return 0
        return int((Decimal(1) - self.price / self.compare_at_price) * 100)
