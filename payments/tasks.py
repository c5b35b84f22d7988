"""Background work for payments: refunds (and their retries) and the payment timeout."""

import logging

from celery import shared_task

from .services import due_refunds, expire_unpaid_order, refund_payment, unpaid_orders_past_timeout

logger = logging.getLogger(__name__)

BATCH = 200


@shared_task
def refund_payment_task(*, attempt_id: int) -> bool:
    """Refund one attempt; safe to run twice (a lease lets one worker call the gateway)."""
    return refund_payment(attempt_id=attempt_id)


@shared_task
def retry_refunds_task() -> int:
    """Every minute (beat): try the refunds whose next try is due. Returns how many were refunded."""
    ids = list(due_refunds().order_by("refund_next_attempt_at").values_list("pk", flat=True)[:BATCH])
    return sum(refund_payment(attempt_id=attempt_id) for attempt_id in ids)


@shared_task
def expire_unpaid_orders_task() -> int:
    """Every minute (beat): orders unpaid after PAYMENT_TIMEOUT_MINUTES are asked about at their
    gateway, then cancelled. Returns how many were cancelled."""
    ids = list(unpaid_orders_past_timeout().order_by("created_at").values_list("pk", flat=True)[:BATCH])
    cancelled = 0
    for order_id in ids:
        try:
            cancelled += expire_unpaid_order(order_id=order_id)
        except Exception:  # one order's trouble must not stop the others
            logger.exception("could not expire unpaid order %s", order_id)
    if cancelled:
        logger.info("cancelled %d orders not paid in time", cancelled)
    return cancelled
