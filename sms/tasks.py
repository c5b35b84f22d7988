"""Background work for SMS: one task per message, the sweep that guarantees them, sign-in codes."""

import logging

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from .backends import Sms, SmsError, get_backend
from .models import Message
from .services.sending import LEASE, due_messages, give_up_stale_messages, send_message

logger = logging.getLogger(__name__)

SWEEP_BATCH = 500


@shared_task
def send_sms_task(*, message_id: int) -> bool:
    """Send one order SMS; safe to run twice."""
    return send_message(message_id=message_id)


@shared_task
def send_unsent_sms_task() -> int:
    """Every minute (beat): queue the SMS whose next try is due, soonest first; give up day-old ones."""
    given_up = give_up_stale_messages()
    if given_up:
        logger.warning("gave up %d SMS older than a day", given_up)
    ids = list(
        due_messages()
        .order_by(F("next_attempt_at").asc(nulls_first=True), "created_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    # Booked before queueing, so the next sweeps leave them alone while they wait in the queue.
    Message.objects.filter(pk__in=ids).update(next_attempt_at=timezone.now() + LEASE)
    for message_id in ids:
        send_sms_task.delay(message_id=message_id)
    if ids:
        logger.info("queued %d unsent SMS", len(ids))
    return len(ids)


@shared_task(autoretry_for=(SmsError,), retry_backoff=5, max_retries=3)
def send_code_task(*, phone: str, text: str, csms_id: str) -> None:
    """A sign-in code: never stored in clear, so it is not in the SMS log; a few quick retries,
    as the code is good for five minutes only."""
    from dhakacart import metrics

    backend = get_backend()
    try:
        backend.send(Sms(to=phone, text=text, csms_id=csms_id))
    except SmsError:
        metrics.SMS_FAILED.labels(backend=backend.name).inc()
        raise
    metrics.SMS_SENT.labels(backend=backend.name).inc()
