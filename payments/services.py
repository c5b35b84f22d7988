"""Taking money online: starting attempts, the one confirmation path, refunds, the timeout.

Every input (the shopper's browser coming back, the IPN, the bKash callback, reconciliation, the
shopper's retry, staff's re-check) goes through `record_verdict`: the gateway is asked first
(outside any lock: it may take 30 s), then the order row is locked, then the attempt's; one
PaymentEvent per gateway transaction (unique constraint) and the order's payment status
recomputed from its attempts. The order becomes `paid` once, and the confirmation e-mail is
queued then. Money arriving on an order that is cancelled or already paid is refunded.

Refunds are claimed with a lease, as the confirmation e-mail is (orders.services.confirmation),
so only one worker talks to the gateway for one refund; a failure waits 1, 2, 4 … minutes (at
most an hour) and stays `refund_pending` meanwhile, which alerts.
"""

import logging
import secrets
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.models import Order, OrderStatus, PaymentMethod, PaymentStatus
from orders.services import cancel_order
from orders.services.placement import queue_confirmation
from orders.signals import order_paid

from . import metrics
from .exceptions import PaymentGatewayUnavailable, PaymentNotPossible, PaymentNotRecognised
from .gateways import (
    GatewayError,
    Outcome,
    Verdict,
    configured_gateways,
    get_gateway,
    reference_of,
    shopper_origins,
)
from .models import MONEY_IN, AttemptStatus, EventKind, PaymentAttempt, PaymentEvent

logger = logging.getLogger(__name__)

REFUND_LEASE = timedelta(minutes=5)
FIRST_REFUND_RETRY = timedelta(minutes=1)
LONGEST_REFUND_WAIT = timedelta(hours=1)
OPEN = (AttemptStatus.STARTED,)


# --- starting -------------------------------------------------------------------------------


def callback_urls(gateway: str) -> dict[str, str]:
    """Where the gateway sends the shopper and its notifications: absolute, from SITE_URL."""
    site = settings.SITE_URL.rstrip("/")
    if gateway == "bkash":
        return {"callback": site + reverse("payments:bkash_callback")}
    return {
        kind: site + reverse(f"payments:sslcommerz_{kind}") for kind in ("success", "fail", "cancel", "ipn")
    }


def start_payment(*, order: Order) -> PaymentAttempt:
    """A new attempt at the order's gateway for the amount due (the order's total).

    Raises PaymentNotPossible unless the order is pending and awaiting payment (or its last
    attempt failed), PaymentGatewayUnavailable when the gateway is not configured, does not
    answer or refuses (the attempt is then recorded as failed). The gateway is called outside
    the order's lock; earlier attempts stay open (a second payment is refunded).
    """
    if order.payment_method == PaymentMethod.CASH_ON_DELIVERY:
        raise PaymentNotPossible(_("This order is paid in cash on delivery."))
    try:
        gateway = get_gateway(order.payment_method)
    except GatewayError as error:
        raise PaymentGatewayUnavailable(_("This payment method is not available right now.")) from error
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if not locked.awaits_payment:
            raise PaymentNotPossible(
                _("Order %(number)s is not waiting for a payment.") % {"number": locked.number},
                extra={"payment_status": locked.payment_status, "status": locked.status},
            )
        attempt = PaymentAttempt.objects.create(
            order=locked,
            gateway=locked.payment_method,
            reference=f"{locked.number}-{secrets.token_hex(4).upper()}",
            amount=locked.total,
        )
    try:
        started = gateway.start(attempt=attempt, order=locked, urls=callback_urls(attempt.gateway))
    except GatewayError as error:
        logger.warning("could not start a %s payment for order %s: %s", attempt.gateway, locked.number, error)
        PaymentAttempt.objects.filter(pk=attempt.pk).update(
            status=AttemptStatus.FAILED, raw_status=str(error)[:200], updated_at=timezone.now()
        )
        metrics.count(metrics.PAYMENTS_FAILED, attempt.gateway)
        raise PaymentGatewayUnavailable(
            _("We could not reach the payment service. Please try again in a moment.")
        ) from error
    attempt.gateway_id = started.gateway_id
    attempt.redirect_url = started.redirect_url
    attempt.raw_status = started.raw_status
    attempt.save(update_fields=["gateway_id", "redirect_url", "raw_status", "updated_at"])
    metrics.count(metrics.PAYMENTS_STARTED, attempt.gateway)
    logger.info("started payment %s for order %s", attempt.reference, locked.number)
    return attempt


def open_attempt(order: Order) -> PaymentAttempt | None:
    """The newest attempt still open at the gateway, while the order awaits payment."""
    if not order.awaits_payment:
        return None
    return (
        order.payment_attempts.filter(status__in=OPEN)
        .exclude(redirect_url="")
        .order_by("-created_at")
        .first()
    )


# --- confirming -----------------------------------------------------------------------------


def confirm_payment(*, gateway: str, data: dict, source: str) -> PaymentAttempt:
    """What the gateway sent back (browser return, IPN, bKash callback), checked with the gateway.

    Raises PaymentNotRecognised, writing nothing, when it names no attempt of ours or the gateway
    does not confirm it (forged or foreign input). A gateway that does not answer leaves the
    attempt as it was (the reconciliation asks again) and raises PaymentGatewayUnavailable.
    """
    field, value = reference_of(gateway, data)
    known = value and "\x00" not in value  # PostgreSQL refuses NUL in a query
    attempt = (
        PaymentAttempt.objects.select_related("order").filter(gateway=gateway, **{field: value}).first()
        if known
        else None
    )
    if attempt is None:
        raise PaymentNotRecognised(_("We do not know this payment."))
    try:
        verdict = _gateway(gateway).confirm(attempt=attempt, data=data)
    except GatewayError as error:
        logger.warning("%s did not confirm payment %s: %s", gateway, attempt.reference, error)
        raise PaymentGatewayUnavailable(
            _("We could not check your payment with the payment service yet. We will check again shortly.")
        ) from error
    if verdict.outcome == Outcome.INVALID:
        logger.warning("%s did not confirm payment %s: %s", gateway, attempt.reference, verdict.raw_status)
        raise PaymentNotRecognised(_("The payment service does not confirm this payment."))
    return record_verdict(attempt_id=attempt.pk, verdict=verdict, source=source)


def recheck_payment(*, attempt: PaymentAttempt, source: str = "reconcile") -> PaymentAttempt:
    """Ask the gateway what became of an attempt and record it. Raises PaymentGatewayUnavailable."""
    try:
        verdict = _gateway(attempt.gateway).query(attempt=attempt)
    except GatewayError as error:
        raise PaymentGatewayUnavailable(_("The payment service did not answer. Try again later.")) from error
    if verdict.outcome == Outcome.INVALID:
        return attempt
    return record_verdict(attempt_id=attempt.pk, verdict=verdict, source=source)


@transaction.atomic
def record_verdict(*, attempt_id: int, verdict: Verdict, source: str) -> PaymentAttempt:
    """The one place a gateway's answer changes anything. Locks the order, then the attempt.

    Money (PAID or REVIEW) is recorded once per gateway transaction; a repeat changes nothing.
    Money on a cancelled order, or on an order another attempt already paid, is refunded (after
    commit). FAILED and CANCELLED close an open attempt; PENDING changes nothing. When the order
    becomes paid, its confirmation e-mail is queued after commit.
    """
    order_id = PaymentAttempt.objects.values_list("order_id", flat=True).get(pk=attempt_id)
    order = Order.objects.select_for_update().get(pk=order_id)
    attempt = PaymentAttempt.objects.select_for_update().get(pk=attempt_id)
    attempt.order = order
    if verdict.outcome in (Outcome.PAID, Outcome.REVIEW):
        _record_money(order, attempt, verdict, source)
    elif verdict.outcome in (Outcome.FAILED, Outcome.CANCELLED) and attempt.status in OPEN:
        attempt.status = (
            AttemptStatus.FAILED if verdict.outcome == Outcome.FAILED else AttemptStatus.CANCELLED
        )
        attempt.raw_status = verdict.raw_status
        attempt.save(update_fields=["status", "raw_status", "updated_at"])
        transaction.on_commit(partial(metrics.count, metrics.PAYMENTS_FAILED, attempt.gateway))
    _update_order_status(order)
    return attempt


def _record_money(order: Order, attempt: PaymentAttempt, verdict: Verdict, source: str) -> None:
    event, created = PaymentEvent.objects.get_or_create(
        gateway=attempt.gateway,
        kind=EventKind.PAYMENT,
        transaction_id=verdict.transaction_id,
        defaults={
            "attempt": attempt,
            "amount": verdict.amount if verdict.amount is not None else attempt.amount,
            "raw_status": verdict.raw_status,
            "source": source,
            "details": verdict.details,
        },
    )
    if not created or attempt.status in MONEY_IN:
        return  # this transaction (or this attempt's money) is recorded already
    already_paid = order.payment_attempts.exclude(pk=attempt.pk).filter(
        status__in=(AttemptStatus.PAID, AttemptStatus.REVIEW)
    )
    if order.status == OrderStatus.CANCELLED or already_paid.exists():
        attempt.status = AttemptStatus.REFUND_PENDING
        attempt.arrived_late = order.status == OrderStatus.CANCELLED
        logger.warning(
            "payment %s arrived on order %s, which is %s: refunding it",
            attempt.reference,
            order.number,
            "cancelled" if attempt.arrived_late else "paid already",
        )
        transaction.on_commit(partial(queue_refund, attempt_id=attempt.pk))
    elif verdict.outcome == Outcome.PAID:
        attempt.status = AttemptStatus.PAID
        transaction.on_commit(partial(metrics.count, metrics.PAYMENTS_PAID, attempt.gateway))
    else:
        attempt.status = AttemptStatus.REVIEW
        logger.warning(
            "payment %s of order %s is on hold: %s", attempt.reference, order.number, verdict.raw_status
        )
    attempt.raw_status = verdict.raw_status
    attempt.save(update_fields=["status", "raw_status", "arrived_late", "updated_at"])


def payment_status_of(order: Order) -> str:
    """The order's payment status, from its attempts (the order row locked by the caller)."""
    if order.payment_method == PaymentMethod.CASH_ON_DELIVERY:
        return order.payment_status
    attempts = list(order.payment_attempts.order_by("created_at", "id"))
    statuses = {attempt.status for attempt in attempts}
    for status in (
        AttemptStatus.PAID,
        AttemptStatus.REVIEW,
        AttemptStatus.REFUND_PENDING,
        AttemptStatus.REFUNDED,
    ):
        if status in statuses:
            return PaymentStatus(status)
    if order.status == OrderStatus.CANCELLED:
        return PaymentStatus.FAILED
    if attempts and attempts[-1].status in (AttemptStatus.FAILED, AttemptStatus.CANCELLED):
        return PaymentStatus.FAILED
    return PaymentStatus.AWAITING_PAYMENT


def _update_order_status(order: Order) -> None:
    previous, current = order.payment_status, payment_status_of(order)
    if previous == current:
        return
    order.payment_status = current
    order.save(update_fields=["payment_status", "updated_at"])
    logger.info("order %s payment: %s → %s", order.number, previous, current, extra={"order": order.number})
    if current == PaymentStatus.PAID and order.status != OrderStatus.CANCELLED:
        order_paid.send(sender=Order, order=order, amount=order.total)  # the paid SMS, in this transaction
        transaction.on_commit(partial(queue_confirmation, order_id=order.pk))


# --- refunds --------------------------------------------------------------------------------


def refund_on_cancel(sender, *, order: Order, **kwargs) -> None:
    """orders.signals.order_cancelled: the money kept on the order goes back; the order's row is
    locked by the cancel. A payment arriving later is refunded by record_verdict."""
    if order.payment_method == PaymentMethod.CASH_ON_DELIVERY:
        return
    kept = list(
        order.payment_attempts.select_for_update().filter(
            status__in=(AttemptStatus.PAID, AttemptStatus.REVIEW)
        )
    )
    for attempt in kept:
        attempt.status = AttemptStatus.REFUND_PENDING
        attempt.save(update_fields=["status", "updated_at"])
        transaction.on_commit(partial(queue_refund, attempt_id=attempt.pk))
    _update_order_status(order)


@transaction.atomic
def request_refund(*, attempt: PaymentAttempt) -> bool:
    """Staff: give back the money of a paid (or held) attempt. False when it has none to give back."""
    order = Order.objects.select_for_update().get(pk=attempt.order_id)
    locked = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.status not in (AttemptStatus.PAID, AttemptStatus.REVIEW):
        return False
    locked.status = AttemptStatus.REFUND_PENDING
    locked.save(update_fields=["status", "updated_at"])
    _update_order_status(order)
    transaction.on_commit(partial(queue_refund, attempt_id=locked.pk))
    return True


def queue_refund(*, attempt_id: int) -> None:
    """Queue the refund; if the broker is down, the retry sweep does it."""
    from .tasks import refund_payment_task

    try:
        refund_payment_task.delay(attempt_id=attempt_id)
    except Exception:  # broker errors come in many types; the sweep retries
        logger.warning("could not queue the refund of attempt %s; the sweep will", attempt_id, exc_info=True)


def refund_payment(*, attempt_id: int) -> bool:
    """Refund a refund-pending attempt at its gateway, once; returns whether this call did it.

    Claims the attempt with a lease first (only the claimer calls the gateway, no lock held
    meanwhile). A failure schedules the next try and leaves the attempt refund_pending.
    """
    now = timezone.now()
    claimed = (
        PaymentAttempt.objects.filter(pk=attempt_id, status=AttemptStatus.REFUND_PENDING)
        .filter(Q(refund_sending_until__isnull=True) | Q(refund_sending_until__lt=now))
        .update(
            refund_sending_until=now + REFUND_LEASE,
            refund_next_attempt_at=now + REFUND_LEASE,
            refund_tries=F("refund_tries") + 1,
        )
    )
    if not claimed:
        return False
    attempt = PaymentAttempt.objects.select_related("order").get(pk=attempt_id)
    payment = attempt.events.filter(kind=EventKind.PAYMENT).order_by("created_at").first()
    try:
        if payment is None:
            raise GatewayError("no payment recorded to refund")
        refunded = _gateway(attempt.gateway).refund(attempt=attempt, payment=payment)
    except GatewayError as error:
        wait = min(FIRST_REFUND_RETRY * 2 ** (attempt.refund_tries - 1), LONGEST_REFUND_WAIT)
        PaymentAttempt.objects.filter(pk=attempt_id).update(
            refund_sending_until=None,
            refund_next_attempt_at=timezone.now() + wait,
            raw_status=str(error)[:200],
        )
        metrics.count(metrics.REFUNDS_FAILED, attempt.gateway)
        logger.warning(
            "could not refund payment %s of order %s (try %d): %s",
            attempt.reference,
            attempt.order.number,
            attempt.refund_tries,
            error,
        )
        return False
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=attempt.order_id)
        locked = PaymentAttempt.objects.select_for_update().get(pk=attempt_id)
        PaymentEvent.objects.get_or_create(
            gateway=locked.gateway,
            kind=EventKind.REFUND,
            transaction_id=refunded.refund_id,
            defaults={
                "attempt": locked,
                "amount": refunded.amount,
                "raw_status": refunded.raw_status,
                "source": "refund",
                "details": refunded.details,
            },
        )
        locked.status = AttemptStatus.REFUNDED
        locked.raw_status = refunded.raw_status
        locked.refund_sending_until = locked.refund_next_attempt_at = None
        locked.save(
            update_fields=[
                "status",
                "raw_status",
                "refund_sending_until",
                "refund_next_attempt_at",
                "updated_at",
            ]
        )
        _update_order_status(order)
        transaction.on_commit(partial(metrics.count, metrics.PAYMENTS_REFUNDED, locked.gateway))
    logger.info("refunded payment %s of order %s", attempt.reference, attempt.order.number)
    return True


def due_refunds():
    """Refund-pending attempts whose next try is due (or that were never queued)."""
    now = timezone.now()
    return PaymentAttempt.objects.filter(status=AttemptStatus.REFUND_PENDING).filter(
        Q(refund_next_attempt_at__isnull=True) | Q(refund_next_attempt_at__lte=now)
    )


# --- the timeout ----------------------------------------------------------------------------


def unpaid_orders_past_timeout():
    """Online orders still waiting for their money PAYMENT_TIMEOUT_MINUTES after placing."""
    cutoff = timezone.now() - timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES)
    return Order.objects.filter(
        status=OrderStatus.PENDING,
        payment_status__in=(PaymentStatus.AWAITING_PAYMENT, PaymentStatus.FAILED),
        created_at__lt=cutoff,
    )


def expire_unpaid_order(*, order_id: int) -> bool:
    """Ask the gateway about each open attempt, then cancel the order if it is still unpaid
    (stock and voucher use back once, through orders' cancel). While a gateway cannot answer the
    order waits, up to four timeouts; a payment landing after the cancel is refunded.
    Returns whether the order was cancelled.
    """
    order = Order.objects.get(pk=order_id)
    unanswered = False
    # Failed and cancelled attempts are asked too: a shopper may have paid on the gateway's page
    # after a failure was reported, with the notification lost.
    asked = (AttemptStatus.STARTED, AttemptStatus.FAILED, AttemptStatus.CANCELLED)
    for attempt in order.payment_attempts.filter(status__in=asked).exclude(gateway_id=""):
        try:
            recheck_payment(attempt=attempt)
        except PaymentGatewayUnavailable:
            unanswered = True
    patience = timedelta(minutes=4 * settings.PAYMENT_TIMEOUT_MINUTES)
    if unanswered and order.created_at > timezone.now() - patience:
        return False
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order_id)
        if not locked.awaits_payment:
            return False  # paid (or held) meanwhile, or cancelled by someone else
        for attempt in locked.payment_attempts.filter(status__in=OPEN):
            attempt.status = AttemptStatus.FAILED
            attempt.raw_status = _("Not paid in time")
            attempt.save(update_fields=["status", "raw_status", "updated_at"])
        cancel_order(order=locked, by=None)
    logger.info("cancelled order %s: not paid in time", locked.number, extra={"order": locked.number})
    return True


# --- orders' registry -----------------------------------------------------------------------


def _gateway(name: str):
    return get_gateway(name)


class OrdersPaymentHandler:
    """What orders asks of payments (orders.payments), registered in PaymentsConfig.ready."""

    def online_methods(self) -> list[str]:
        return configured_gateways()

    def start_payment(self, *, order: Order) -> str:
        return start_payment(order=order).redirect_url

    def redirect_url(self, order: Order) -> str | None:
        attempt = open_attempt(order)
        return attempt.redirect_url if attempt is not None else None

    def origins(self) -> list[str]:
        return shopper_origins()
