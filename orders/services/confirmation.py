"""The order confirmation e-mail: sent once, in the shopper's language, without locking the order.

Each try first claims the order with one UPDATE that sets a lease (`confirmation_sending_until`)
and counts the attempt; only the claimer talks to the mail server, and no row lock is held
meanwhile, so staff and shoppers can confirm or cancel the order while a slow server answers
(EMAIL_TIMEOUT bounds each exchange). The lease outlives the worker's hard time limit, so a
worker killed mid-send only delays the e-mail: the sweep tries again after the lease.

A failed try schedules the next one (`confirmation_next_attempt_at`, doubling from a minute to
an hour); after MAX_ATTEMPTS tries, or a week after the order, the order is given up
(`confirmation_given_up_at`), which the admin and the metrics show. Cancelled orders get no
confirmation, and an online order gets it once it is paid (payments.services queues it then).
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dhakacart import metrics

from ..models import Order, OrderStatus, PaymentStatus

logger = logging.getLogger(__name__)

# Longer than a Celery task may live (CELERY_TASK_TIME_LIMIT), so a lease never ends while its
# holder may still be sending.
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
# After a week the order is delivered or cancelled: a confirmation would only confuse.
GIVE_UP_AFTER = timedelta(days=7)


def sendable_confirmations():
    """Orders whose confirmation may still go out: unsent, not given up, not cancelled, either
    cash on delivery or paid online, and with an address to send to (an order may have none when
    the shop reaches the shopper by SMS; `.invalid` is the reserved domain of accounts made by
    phone sign-in)."""
    return (
        Order.objects.filter(
            confirmation_sent_at__isnull=True,
            confirmation_given_up_at__isnull=True,
            payment_status__in=(PaymentStatus.UNPAID, PaymentStatus.PAID),
        )
        .exclude(status=OrderStatus.CANCELLED)
        .exclude(email="")
        .exclude(email__iendswith=".invalid")
    )


def send_order_confirmation(*, order_id: int) -> bool:
    """Send the confirmation unless it went already or another worker is sending it.

    Returns whether this call sent it. Raises nothing for a mail-server failure: the failure is
    counted, and the next attempt is scheduled for the sweep (or the order given up).
    """
    now = timezone.now()
    claimed = (
        sendable_confirmations()
        .filter(pk=order_id)
        .filter(Q(confirmation_sending_until__isnull=True) | Q(confirmation_sending_until__lt=now))
        .update(
            confirmation_sending_until=now + LEASE,
            # If this worker dies mid-send, the sweep looks again once the lease is over.
            confirmation_next_attempt_at=now + LEASE,
            confirmation_attempts=F("confirmation_attempts") + 1,
        )
    )
    if not claimed:
        return False
    order = Order.objects.get(pk=order_id)
    try:
        _confirmation_message(order).send()
    except Exception as error:  # SMTP, socket and TLS errors alike: the order must stay retryable
        _record_failure(order, error)
        return False
    Order.objects.filter(pk=order_id).update(
        confirmation_sent_at=timezone.now(),
        confirmation_sending_until=None,
        confirmation_next_attempt_at=None,
    )
    metrics.EMAILS_SENT.labels(kind="order_confirmation").inc()
    logger.info("sent the confirmation of order %s", order.number, extra={"order": order.number})
    return True


def next_attempt_after(attempts: int, now: datetime) -> datetime:
    """1, 2, 4 … minutes after the failed attempt, at most an hour."""
    return now + min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def _record_failure(order: Order, error: Exception) -> None:
    metrics.EMAILS_FAILED.labels(kind="order_confirmation").inc()
    now = timezone.now()
    give_up = order.confirmation_attempts >= MAX_ATTEMPTS
    Order.objects.filter(pk=order.pk).update(
        confirmation_sending_until=None,
        confirmation_next_attempt_at=None
        if give_up
        else next_attempt_after(order.confirmation_attempts, now),
        confirmation_given_up_at=now if give_up else None,
    )
    logger.warning(
        "could not send the confirmation of order %s (attempt %d): %s%s",
        order.number,
        order.confirmation_attempts,
        error,
        "; giving up" if give_up else "",
        extra={"order": order.number},
    )


def give_up_stale_confirmations() -> int:
    """Give up the confirmations of orders older than a week; returns how many."""
    return (
        sendable_confirmations()
        .filter(created_at__lt=timezone.now() - GIVE_UP_AFTER)
        .update(confirmation_given_up_at=timezone.now(), confirmation_next_attempt_at=None)
    )


def retry_confirmation(*, order: Order) -> bool:
    """Staff: try a given-up (or waiting) confirmation again now, with a fresh count of attempts.

    Returns False when there is nothing to retry (sent already, or the order is cancelled).
    """
    return bool(
        Order.objects.filter(pk=order.pk, confirmation_sent_at__isnull=True)
        .exclude(status=OrderStatus.CANCELLED)
        .update(confirmation_given_up_at=None, confirmation_attempts=0, confirmation_next_attempt_at=None)
    )


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
