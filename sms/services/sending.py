"""Sending an order's SMS: exactly like the confirmation e-mail (orders.services.confirmation).

Each try claims the row with one UPDATE (a lease and an attempt count), talks to the gateway with
no lock held (bounded by SMS_TIMEOUT), then records the answer. A failure schedules the next try
(1, 2, 4 … minutes, at most an hour) for the sweep; after MAX_ATTEMPTS tries, or a day after the
row was written, the SMS is given up (an order update a day late only confuses). Every try sends
the same text under the same `csms_id`, so a gateway that took a try whose answer we lost sends
the message once.
"""

import logging
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.utils import timezone

from dhakacart import metrics

from ..backends import Sms, get_backend
from ..models import Message

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # longer than a task may live (CELERY_TASK_TIME_LIMIT)
MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
GIVE_UP_AFTER = timedelta(days=1)
# A fresh row's task normally runs within seconds; the sweep picks rows the queue lost after this.
SWEEP_AFTER = timedelta(minutes=2)


def sendable_messages():
    return Message.objects.filter(sent_at__isnull=True, given_up_at__isnull=True)


def send_message(*, message_id: int) -> bool:
    """Send one SMS unless it went already or another worker holds it. Returns whether this call sent it.

    Raises nothing for a gateway failure: it is counted and the next try scheduled.
    """
    now = timezone.now()
    claimed = (
        sendable_messages()
        .filter(pk=message_id)
        .filter(Q(sending_until__isnull=True) | Q(sending_until__lt=now))
        .update(sending_until=now + LEASE, next_attempt_at=now + LEASE, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    message = Message.objects.get(pk=message_id)
    backend = get_backend()
    try:
        receipt = backend.send(Sms(to=message.phone, text=message.text, csms_id=message.csms_id))
    except Exception as error:  # SmsError, and any bug of a backend: the row must stay retryable
        _record_failure(message, backend.name, error)
        return False
    Message.objects.filter(pk=message_id).update(
        sent_at=timezone.now(),
        sending_until=None,
        next_attempt_at=None,
        backend=backend.name,
        gateway_reference=receipt.reference[:100],
        gateway_status=receipt.status[:100],
        last_error="",
    )
    metrics.SMS_SENT.labels(backend=backend.name).inc()
    logger.info(
        "sent the %s SMS of order %s", message.event, message.order_id, extra={"sms": message.csms_id}
    )
    return True


def next_attempt_after(attempts: int, now: datetime) -> datetime:
    return now + min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def _record_failure(message: Message, backend: str, error: Exception) -> None:
    metrics.SMS_FAILED.labels(backend=backend).inc()
    now = timezone.now()
    give_up = message.attempts >= MAX_ATTEMPTS
    Message.objects.filter(pk=message.pk).update(
        sending_until=None,
        next_attempt_at=None if give_up else next_attempt_after(message.attempts, now),
        given_up_at=now if give_up else None,
        backend=backend,
        last_error=str(error)[:255],
    )
    logger.warning(
        "could not send SMS %s (attempt %d): %s%s",
        message.csms_id,
        message.attempts,
        error,
        "; giving up" if give_up else "",
        extra={"sms": message.csms_id},
    )


def give_up_stale_messages() -> int:
    return (
        sendable_messages()
        .filter(created_at__lt=timezone.now() - GIVE_UP_AFTER)
        .update(given_up_at=timezone.now(), next_attempt_at=None)
    )


def due_messages():
    """SMS whose next try is due: never tried since they were written a little while ago, or scheduled."""
    now = timezone.now()
    return sendable_messages().filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lt=now - SWEEP_AFTER)
    )
