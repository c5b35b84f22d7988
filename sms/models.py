import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CSMS_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_csms_id() -> str:
    """`DC` and 18 random characters: unique per message, short enough for every gateway."""
    return "DC" + "".join(secrets.choice(CSMS_ALPHABET) for _ in range(18))


class OrderEvent(models.TextChoices):
    PLACED = "placed", _("Placed")
    PAID = "paid", _("Paid")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class Message(models.Model):
    """One SMS about an order: written with the order's change, sent after commit, swept until sent.

    The text is fixed when the row is written (in the order's language), so a retry sends the
    same words under the same `csms_id`.
    """

    order = models.ForeignKey(
        "orders.Order", verbose_name=_("order"), on_delete=models.CASCADE, related_name="sms_messages"
    )
    event = models.CharField(_("event"), max_length=20, choices=OrderEvent.choices)
    resend = models.BooleanField(_("resent by staff"), default=False)
    phone = models.CharField(_("phone"), max_length=16)
    text = models.TextField(_("text"))
    csms_id = models.CharField(
        _("message id"), max_length=20, unique=True, default=new_csms_id, editable=False
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    backend = models.CharField(_("sent through"), max_length=40, blank=True)
    gateway_reference = models.CharField(_("gateway reference"), max_length=100, blank=True)
    gateway_status = models.CharField(_("gateway status"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sending_until = models.DateTimeField(null=True, blank=True, editable=False)
    given_up_at = models.DateTimeField(_("given up"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("SMS")
        verbose_name_plural = _("SMS")
        ordering = ("created_at", "id")
        constraints = [
            # One SMS per order event; staff resends are extra rows.
            models.UniqueConstraint(
                fields=["order", "event"], condition=Q(resend=False), name="sms_message_one_per_order_event"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "created_at"],
                name="sms_message_due",
                condition=Q(sent_at__isnull=True, given_up_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.order} {self.event} ({self.csms_id})"

    @property
    def status(self) -> str:
        if self.sent_at:
            return _("sent")
        if self.given_up_at:
            return _("given up")
        return _("waiting")


class PhoneCode(models.Model):
    """A one-time sign-in code, kept only as a hash; it ends when used, after 3 wrong tries or at expiry."""

    phone = models.CharField(max_length=16)
    code_hash = models.CharField(max_length=128)
    client_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    # No longer usable (used, superseded by a newer code, or out of tries); used_at: it signed in.
    ended_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["phone", "created_at"], name="sms_code_phone_recent"),
            models.Index(fields=["client_address", "created_at"], name="sms_code_address_recent"),
        ]

    def __str__(self):
        return f"{self.phone} {self.created_at:%Y-%m-%d %H:%M}"


class VerifiedPhone(models.Model):
    """A number proved by a code, and the one account it signs in to (the last to verify it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verified_phone",
        verbose_name=_("user"),
    )
    phone = models.CharField(_("phone"), max_length=16, unique=True)
    verified_at = models.DateTimeField(_("verified"))

    class Meta:
        verbose_name = _("verified phone")
        verbose_name_plural = _("verified phones")

    def __str__(self):
        return self.phone
