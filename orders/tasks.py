"""Background work for orders: the confirmation e-mail and the sweep that guarantees it."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import Order
from .services import send_order_confirmation

logger = logging.getLogger(__name__)

# Give up on a confirmation after a week: by then the order is delivered or cancelled.
SWEEP_MAX_AGE = timedelta(days=7)


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=8,
)
def send_order_confirmation_task(*, order_id: int) -> bool:
    """Send one order's confirmation; safe to run twice. Retries with back-off on mail errors."""
    return send_order_confirmation(order_id=order_id)


def unsent_confirmations():
    now = timezone.now()
    return Order.objects.filter(
        confirmation_sent_at__isnull=True,
        created_at__lt=now - timedelta(seconds=settings.CONFIRMATION_SWEEP_AFTER_SECONDS),
        created_at__gte=now - SWEEP_MAX_AGE,
    )


@shared_task
def send_unsent_confirmations_task() -> int:
    """Every minute (beat): queue the confirmations still unsent two minutes after the order."""
    order_ids = list(unsent_confirmations().order_by("created_at").values_list("pk", flat=True)[:500])
    for order_id in order_ids:
        send_order_confirmation_task.delay(order_id=order_id)
    if order_ids:
        logger.info("queued %d unsent confirmations", len(order_ids))
    return len(order_ids)
