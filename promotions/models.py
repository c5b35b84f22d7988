from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_PATTERN = r"^[A-Z0-9][A-Z0-9-]{2,31}$"
CODE_MAX_LENGTH = 32


def normalise_code(code: str) -> str:
    """Shoppers type codes in any case and with stray spaces; they are stored upper-case."""
    return (code or "").strip().upper()


class VoucherKind(models.TextChoices):
    PERCENTAGE = "percentage", _("Percentage of the subtotal")
    FIXED = "fixed", _("Fixed amount off the subtotal")
    FREE_DELIVERY = "free_delivery", _("Free delivery")


class VoucherQuerySet(models.QuerySet):
    def find(self, code: str):
        return self.filter(code=normalise_code(code)).first()


class Voucher(models.Model):
    """A promo code. `times_used` counts orders that used it and were not cancelled.

    The count is changed only under this row's lock (placing an order, cancelling one), and a
    database check keeps it within `total_uses` whatever happens.
    """

    code = models.CharField(
        _("code"),
        max_length=CODE_MAX_LENGTH,
        unique=True,
        validators=[
            RegexValidator(
                CODE_PATTERN,
                message=_("Use 3 to 32 letters, digits and dashes, starting with a letter or digit."),
            )
        ],
        help_text=_("Shoppers may type it in any case; it is stored and shown upper-case."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=VoucherKind.choices)
    percent = models.DecimalField(
        _("percent off"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal(100))],
        help_text=_("For a percentage: e.g. 10 or 12.5."),
    )
    amount = models.DecimalField(
        _("taka off"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("For a fixed amount."),
    )
    max_discount = models.DecimalField(
        _("cap (৳)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("For a percentage: the most it takes off. Leave empty for no cap."),
    )
    minimum_subtotal = models.DecimalField(
        _("minimum subtotal (৳)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(Decimal(0))],
    )
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    total_uses = models.PositiveIntegerField(
        _("uses allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    uses_per_customer = models.PositiveIntegerField(
        _("uses per customer"),
        null=True,
        blank=True,
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Counted by account for signed-in shoppers and by phone number for guests. "
            "Leave empty for no limit."
        ),
    )
    times_used = models.PositiveIntegerField(_("used"), default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    campaign = models.CharField(
        _("campaign"),
        max_length=CODE_MAX_LENGTH,
        blank=True,
        editable=False,
        help_text=_("The prefix of a batch of single-use codes."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = VoucherQuerySet.as_manager()

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(condition=Q(code=Upper("code")), name="promotions_voucher_code_upper"),
            models.CheckConstraint(
                condition=Q(total_uses__isnull=True) | Q(times_used__lte=F("total_uses")),
                name="promotions_voucher_within_total_uses",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=VoucherKind.PERCENTAGE,
                        percent__gt=0,
                        percent__lte=100,
                        amount__isnull=True,
                    )
                    | Q(
                        kind=VoucherKind.FIXED,
                        amount__gt=0,
                        percent__isnull=True,
                        max_discount__isnull=True,
                    )
                    | Q(
                        kind=VoucherKind.FREE_DELIVERY,
                        amount__isnull=True,
                        percent__isnull=True,
                        max_discount__isnull=True,
                    )
                ),
                name="promotions_voucher_value_fits_kind",
            ),
            models.CheckConstraint(
                condition=Q(max_discount__isnull=True) | Q(max_discount__gt=0),
                name="promotions_voucher_cap_positive",
            ),
            models.CheckConstraint(
                condition=Q(minimum_subtotal__gte=0), name="promotions_voucher_minimum_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gt=F("valid_from")),
                name="promotions_voucher_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def remaining_uses(self) -> int | None:
        if self.total_uses is None:
            return None
        return max(self.total_uses - self.times_used, 0)

    def clean(self):
        self.code = normalise_code(self.code)
        errors = {}
        if self.kind == VoucherKind.PERCENTAGE:
            if self.percent is None:
                errors["percent"] = _("A percentage voucher needs the percent off.")
            if self.amount is not None:
                errors["amount"] = _("A percentage voucher takes no fixed amount; use the cap.")
        elif self.kind == VoucherKind.FIXED:
            if self.amount is None:
                errors["amount"] = _("A fixed voucher needs the taka off.")
            for field in ("percent", "max_discount"):
                if getattr(self, field) is not None:
                    errors[field] = _("Only a percentage voucher has this.")
        elif self.kind == VoucherKind.FREE_DELIVERY:
            for field in ("percent", "amount", "max_discount"):
                if getattr(self, field) is not None:
                    errors[field] = _("A free-delivery voucher takes no amount.")
        if self.total_uses is not None and self.total_uses < self.times_used:
            errors["total_uses"] = _(
                "It has been used %(count)d times already: allow at least that many."
            ) % {"count": self.times_used}
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            errors["valid_until"] = _("The end must come after the start.")
        if errors:
            raise ValidationError(errors)


class VoucherUse(models.Model):
    """One order's use of a voucher, kept by promotions itself so it counts uses without orders.

    Written in the placing order's transaction under the voucher's lock; `released_at` is set
    once when that order is cancelled, and only then is the use given back to `times_used`.
    """

    voucher = models.ForeignKey(
        Voucher, on_delete=models.PROTECT, related_name="uses", verbose_name=_("voucher")
    )
    order_number = models.CharField(_("order"), max_length=12, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    discount = models.DecimalField(_("discount"), max_digits=12, decimal_places=2)
    used_at = models.DateTimeField(_("used"), default=timezone.now)
    released_at = models.DateTimeField(_("given back"), null=True, blank=True)

    class Meta:
        verbose_name = _("use")
        verbose_name_plural = _("uses")
        ordering = ("-used_at", "-id")
        indexes = [
            models.Index(fields=["voucher", "user"], name="promotions_use_by_user"),
            models.Index(fields=["voucher", "phone"], name="promotions_use_by_phone"),
        ]

    def __str__(self):
        return f"{self.voucher.code} · {self.order_number}"
