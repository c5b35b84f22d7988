"""Background work for orders: the confirmation e-mail and the sweep that guarantees it."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from .models import Order, OrderStatus
from .services import send_order_confirmation
from .services.confirmation import LEASE, give_up_stale_confirmations, sendable_confirmations

logger = logging.getLogger(__name__)

SWEEP_BATCH = 500


@shared_task
def send_order_confirmation_task(*, order_id: int) -> bool:
    """Send one order's confirmation; safe to run twice. A failure schedules the sweep's next try."""
    return send_order_confirmation(order_id=order_id)


def unsent_confirmations():
    """Confirmations that should have gone by now and will still be tried (the sweep's work)."""
    now = timezone.now()
    never_tried_since = now - timedelta(seconds=settings.CONFIRMATION_SWEEP_AFTER_SECONDS)
    return sendable_confirmations().filter(
        Q(confirmation_next_attempt_at__lte=now)
        | Q(confirmation_next_attempt_at__isnull=True, created_at__lt=never_tried_since)
    )


def given_up_confirmations():
    """Orders whose confirmation was given up and that are not cancelled: staff should call them."""
    return Order.objects.filter(
        confirmation_sent_at__isnull=True, confirmation_given_up_at__isnull=False
    ).exclude(status=OrderStatus.CANCELLED)


@shared_task
def send_unsent_confirmations_task() -> int:
    """Every minute (beat): queue the confirmations whose next attempt is due, soonest due first.

    Orders waiting for a later retry, cancelled orders and given-up ones are left alone; orders a
    week old are given up. Returns how many were queued.
    """
    given_up = give_up_stale_confirmations()
    if given_up:
        logger.warning("gave up the confirmations of %d orders older than a week", given_up)
    order_ids = list(
        unsent_confirmations()
        .order_by(F("confirmation_next_attempt_at").asc(nulls_first=True), "created_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    # Booked before queueing: the next sweeps leave these alone while they wait in the queue, and
    # look again after a lease's time if the task got lost.
    Order.objects.filter(pk__in=order_ids).update(confirmation_next_attempt_at=timezone.now() + LEASE)
    for order_id in order_ids:
        send_order_confirmation_task.delay(order_id=order_id)
    if order_ids:
        logger.info("queued %d unsent confirmations", len(order_ids))
    return len(order_ids)
