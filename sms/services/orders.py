"""An order's SMS: written with the order's change, in its transaction; queued after commit."""

import logging
from functools import partial

from django.db import transaction

from dhakacart.contact import sms_enabled

from ..models import Message, OrderEvent
from ..texts import order_text

logger = logging.getLogger(__name__)

# The status changes a shopper hears about (confirming is the shop's own step).
EVENT_FOR_STATUS = {
    "pending": OrderEvent.PLACED,
    "shipped": OrderEvent.SHIPPED,
    "delivered": OrderEvent.DELIVERED,
    "cancelled": OrderEvent.CANCELLED,
}


def write_order_sms(*, order, event: str, amount=None, resend: bool = False) -> Message | None:
    """Write the SMS for `event` and queue it once the caller's transaction commits.

    Returns None when SMS are off or the event's SMS exists already (one per order event; staff
    resends are extra rows). Never raises for the gateway: sending happens after commit.
    """
    if not sms_enabled() or not order.phone:
        return None
    # A status is reached once (the transitions allow no repeat); a payment may be reported twice.
    repeatable = event not in EVENT_FOR_STATUS.values()
    if repeatable and Message.objects.filter(order=order, event=event, resend=False).exists():
        return None
    text = order_text(order, event, amount=amount)
    message = Message.objects.create(order=order, event=event, phone=order.phone, text=text, resend=resend)
    transaction.on_commit(partial(queue_sms, message_id=message.pk))
    return message


def resend_order_sms(*, message: Message) -> Message | None:
    """Staff: send an SMS of an order again, with the words it had, under a new id."""
    with transaction.atomic():
        copy = Message.objects.create(
            order_id=message.order_id,
            event=message.event,
            phone=message.phone,
            text=message.text,
            resend=True,
        )
        transaction.on_commit(partial(queue_sms, message_id=copy.pk))
    return copy


def queue_sms(*, message_id: int) -> None:
    """Queue one SMS; if the broker is down, the sweep sends it later."""
    from ..tasks import send_sms_task

    try:
        send_sms_task.delay(message_id=message_id)
    except Exception:  # broker errors come in many types; the order must not fail on any
        logger.warning("could not queue SMS %s; the sweep will", message_id, exc_info=True)
