import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dhakacart.address import validate_postcode
from dhakacart.codes import readable_code
from promotions.models import VoucherKind

NUMBER_LENGTH = 6


def new_order_number() -> str:
    """`DC-7K3Q9P`: random, so numbers say nothing about volume and cannot be walked."""
    return "DC-" + readable_code(NUMBER_LENGTH)


def new_public_token() -> str:
    return secrets.token_urlsafe(24)


class DeliveryZone(models.TextChoices):
    INSIDE_DHAKA = "inside_dhaka", _("Inside Dhaka")
    OUTSIDE_DHAKA = "outside_dhaka", _("Outside Dhaka")


class PaymentMethod(models.TextChoices):
    # Online methods are offered only when their gateway is configured (orders.payment_methods).
    CASH_ON_DELIVERY = "cod", _("Cash on delivery")
    BKASH = "bkash", _("bKash")
    SSLCOMMERZ = "sslcommerz", _("Card, Nagad or Rocket (SSLCommerz)")


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("Cash on delivery")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    PAID = "paid", _("Paid")
    REVIEW = "review", _("Payment on hold for review")
    FAILED = "failed", _("Payment failed")
    REFUND_PENDING = "refund_pending", _("Refund pending")
    REFUNDED = "refunded", _("Refunded")

    @classmethod
    def at_placement(cls, payment_method: str) -> str:
        """Cash on delivery is unpaid until delivered; an online order waits for its gateway."""
        return cls.UNPAID if payment_method == PaymentMethod.CASH_ON_DELIVERY else cls.AWAITING_PAYMENT


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


# The only moves an order can make (SPEC §4 rule 4).
ALLOWED_TRANSITIONS = {
    OrderStatus.PENDING: {OrderStatus.CONFIRMED, OrderStatus.CANCELLED},
    OrderStatus.CONFIRMED: {OrderStatus.SHIPPED, OrderStatus.CANCELLED},
    OrderStatus.SHIPPED: {OrderStatus.DELIVERED},
    OrderStatus.DELIVERED: set(),
    OrderStatus.CANCELLED: set(),
}


class Order(models.Model):
    number = models.CharField(
        _("number"), max_length=12, unique=True, default=new_order_number, editable=False
    )
    token = models.CharField(
        _("public token"), max_length=64, unique=True, default=new_public_token, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    customer_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=16)
    address_line = models.CharField(_("address"), max_length=255)
    area = models.CharField(_("area"), max_length=100)
    city = models.CharField(_("city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True, validators=[validate_postcode])
    delivery_zone = models.CharField(_("delivery zone"), max_length=20, choices=DeliveryZone.choices)
    payment_method = models.CharField(
        _("payment method"),
        max_length=20,
        choices=PaymentMethod.choices,
        default=PaymentMethod.CASH_ON_DELIVERY,
    )
    # Written by the payments app only, under the order's row lock (payments.services).
    payment_status = models.CharField(
        _("payment status"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.UNPAID,
    )
    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    # The promo code as it was when the order was placed; `voucher` links to it for staff.
    voucher = models.ForeignKey(
        "promotions.Voucher",
        verbose_name=_("voucher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    voucher_code = models.CharField(_("promo code"), max_length=32, blank=True)
    voucher_kind = models.CharField(
        _("promo code kind"), max_length=20, choices=VoucherKind.choices, blank=True
    )
    discount = models.DecimalField(_("discount"), max_digits=12, decimal_places=2, default=0)
    delivery_fee = models.DecimalField(_("delivery fee"), max_digits=10, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True, editable=False)
    request_hash = models.CharField(max_length=64, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True, editable=False)
    # The confirmation's delivery state (orders.services.confirmation): tries so far, when the
    # sweep tries next, until when one worker holds the send, and when it was given up.
    confirmation_attempts = models.PositiveSmallIntegerField(
        _("confirmation attempts"), default=0, editable=False
    )
    confirmation_next_attempt_at = models.DateTimeField(
        _("next confirmation attempt"), null=True, blank=True, editable=False
    )
    confirmation_sending_until = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_given_up_at = models.DateTimeField(
        _("confirmation given up"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("placed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(condition=Q(subtotal__gte=0), name="orders_order_subtotal_not_negative"),
            models.CheckConstraint(condition=Q(delivery_fee__gte=0), name="orders_order_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(discount__gte=0) & Q(discount__lte=F("subtotal")),
                name="orders_order_discount_within_subtotal",
            ),
            models.CheckConstraint(
                condition=Q(total=F("subtotal") - F("discount") + F("delivery_fee")),
                name="orders_order_total_adds_up",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="orders_order_user_recent"),
            models.Index(fields=["status", "-created_at"], name="orders_order_status_recent"),
            models.Index(fields=["phone"], name="orders_order_phone"),
            models.Index(fields=["email"], name="orders_order_email"),
            # The sweep looks only at confirmations still to send.
            models.Index(
                fields=["confirmation_next_attempt_at", "created_at"],
                name="orders_order_confirmation_due",
                condition=Q(confirmation_sent_at__isnull=True, confirmation_given_up_at__isnull=True),
            ),
            # The payment timeout task looks only at orders still waiting for their money.
            models.Index(
                fields=["created_at"],
                name="orders_order_payment_due",
                condition=Q(payment_status__in=["awaiting_payment", "failed"], status="pending"),
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:confirmation", kwargs={"token": self.token})

    @property
    def free_delivery(self) -> bool:
        return self.voucher_kind == VoucherKind.FREE_DELIVERY

    def can_move_to(self, status: str) -> bool:
        return status in ALLOWED_TRANSITIONS[OrderStatus(self.status)]

    @property
    def awaits_payment(self) -> bool:
        """An online order the shopper may still pay ("Pay now"): pending, not paid yet."""
        return self.status == OrderStatus.PENDING and self.payment_status in (
            PaymentStatus.AWAITING_PAYMENT,
            PaymentStatus.FAILED,
        )

    @property
    def shopper_can_cancel(self) -> bool:
        """Shoppers cancel while the order is pending; once confirmed, staff decide."""
        return self.status == OrderStatus.PENDING


class OrderItem(models.Model):
    """A snapshot of what was bought: later product edits or deletion change nothing here."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "shop.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="order_items"
    )
    product_name = models.CharField(_("product"), max_length=200)
    product_name_bn = models.CharField(_("product (Bangla)"), max_length=200, blank=True)
    product_sku = models.CharField(_("SKU"), max_length=40)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    line_total = models.DecimalField(_("line total"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=99), name="orders_item_quantity_1_to_99"
            ),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="orders_item_price_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}"


class OrderStatusChange(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ("created_at", "id")

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"
