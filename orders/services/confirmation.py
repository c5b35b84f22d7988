"""The order confirmation e-mail: sent once, in the shopper's language."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dhakacart import metrics

from ..models import Order

logger = logging.getLogger(__name__)


def send_order_confirmation(*, order_id: int) -> bool:
    """Send the confirmation unless it went already; returns whether this call sent it.

    The order row stays locked while the mail goes out and `confirmation_sent_at` is set in
    the same transaction, so two runs at once (a retry and the sweep, say) send one e-mail:
    the second skips the locked row and finds it sent afterwards. If sending raises, nothing
    is recorded and the caller retries.
    """
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(skip_locked=True)
            .filter(pk=order_id, confirmation_sent_at__isnull=True)
            .first()
        )
        if order is None:
            return False
        message = _confirmation_message(order)
        try:
            message.send()
        except Exception:
            metrics.EMAILS_FAILED.labels(kind="order_confirmation").inc()
            raise
        order.confirmation_sent_at = timezone.now()
        order.save(update_fields=["confirmation_sent_at"])
    metrics.EMAILS_SENT.labels(kind="order_confirmation").inc()
    logger.info("sent the confirmation of order %s", order.number, extra={"order": order.number})
    return True


def _confirmation_message(order: Order) -> EmailMultiAlternatives:
    lines = list(order.lines.all())
    with translation.override(order.language):
        context = {"order": order, "lines": lines, "order_url": _absolute(order.get_absolute_url())}
        subject = render_to_string("emails/order_confirmation_subject.txt", context).strip()
        text = render_to_string("emails/order_confirmation.txt", context)
        html = render_to_string("emails/order_confirmation.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [order.email])
    message.attach_alternative(html, "text/html")
    return message


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
