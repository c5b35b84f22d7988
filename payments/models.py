"""Money taken online: one attempt per try at the gateway, one event per gateway transaction."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Gateway(models.TextChoices):
    BKASH = "bkash", _("bKash")
    SSLCOMMERZ = "sslcommerz", _("SSLCommerz")


class AttemptStatus(models.TextChoices):
    STARTED = "started", _("Started")
    PAID = "paid", _("Paid")
    REVIEW = "review", _("On hold for review")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled by the shopper")
    REFUND_PENDING = "refund_pending", _("Refund pending")
    REFUNDED = "refunded", _("Refunded")


# An attempt whose money arrived: what the order's payment status is made of.
MONEY_IN = (AttemptStatus.PAID, AttemptStatus.REVIEW, AttemptStatus.REFUND_PENDING, AttemptStatus.REFUNDED)


class PaymentAttempt(models.Model):
    """One try at paying an order: its own reference at the gateway (SSLCommerz `tran_id`, bKash
    `merchantInvoiceNumber`) and the gateway's id for it (bKash `paymentID`, SSLCommerz
    `sessionkey`). The amount is the order's total when the attempt started."""

    order = models.ForeignKey(
        "orders.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="payment_attempts"
    )
    gateway = models.CharField(_("gateway"), max_length=20, choices=Gateway.choices)
    reference = models.CharField(_("our reference"), max_length=40, unique=True)
    gateway_id = models.CharField(_("gateway's id"), max_length=100, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.STARTED
    )
    raw_status = models.CharField(_("gateway's status"), max_length=200, blank=True)
    redirect_url = models.URLField(_("gateway page"), max_length=1000, blank=True)
    # Money that arrived after the order was cancelled: refunded, and shown to staff.
    arrived_late = models.BooleanField(_("paid after cancelling"), default=False)
    refund_tries = models.PositiveSmallIntegerField(_("refund tries"), default=0)
    refund_next_attempt_at = models.DateTimeField(_("next refund try"), null=True, blank=True)
    refund_sending_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")
        ordering = ("created_at", "id")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_attempt_amount_positive"),
            models.UniqueConstraint(
                fields=["gateway", "gateway_id"],
                condition=~Q(gateway_id=""),
                name="payments_attempt_one_per_gateway_id",
            ),
        ]
        indexes = [
            models.Index(
                fields=["refund_next_attempt_at"],
                name="payments_attempt_refund_due",
                condition=Q(status="refund_pending"),
            ),
        ]

    def __str__(self):
        return self.reference


class EventKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    REFUND = "refund", _("Refund")


class PaymentEvent(models.Model):
    """A transaction the gateway confirmed: a payment (SSLCommerz `val_id`, bKash `trxID`) or a
    refund. The unique constraint makes a second report of one transaction (the return and the
    IPN, a retried callback) a no-op."""

    attempt = models.ForeignKey(
        PaymentAttempt, verbose_name=_("attempt"), on_delete=models.PROTECT, related_name="events"
    )
    gateway = models.CharField(_("gateway"), max_length=20, choices=Gateway.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    transaction_id = models.CharField(_("gateway transaction"), max_length=100)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    raw_status = models.CharField(_("gateway's status"), max_length=200, blank=True)
    source = models.CharField(_("reported by"), max_length=20)
    details = models.JSONField(_("gateway's answer"), default=dict, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "kind", "transaction_id"], name="payments_event_one_per_transaction"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.transaction_id}"
