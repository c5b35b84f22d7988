from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MIN_RATING = 1
MAX_RATING = 5
TITLE_MAX_LENGTH = 120
TEXT_MAX_LENGTH = 4000


class ReviewQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_hidden=False)


class Review(models.Model):
    """One shopper's review of one product they received. Published at once; staff may hide it."""

    product = models.ForeignKey(
        "shop.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="reviews"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="reviews"
    )
    # The delivered order that allowed the review; kept for staff, cleared if the order goes.
    order = models.ForeignKey(
        "orders.Order",
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(MIN_RATING), MaxValueValidator(MAX_RATING)]
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, blank=True)
    text = models.TextField(_("review"), max_length=TEXT_MAX_LENGTH, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=255, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["product", "user"], name="reviews_one_review_per_product"),
            models.CheckConstraint(
                condition=Q(rating__gte=MIN_RATING) & Q(rating__lte=MAX_RATING), name="reviews_rating_1_to_5"
            ),
        ]
        indexes = [
            # The product page lists a product's published reviews newest first.
            models.Index(fields=["product", "is_hidden", "-created_at"], name="reviews_product_published"),
        ]

    def __str__(self):
        return f"{self.rating}★ {self.product_id} by {self.user_id}"

    @property
    def is_verified_purchase(self) -> bool:
        return self.order_id is not None
