"""Order events → SMS. Orders know nothing of SMS: their status rows and order_paid signal are the hooks."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from orders.models import OrderStatusChange
from orders.signals import order_paid

from .services.orders import EVENT_FOR_STATUS, write_order_sms

logger = logging.getLogger(__name__)


def _write(**kwargs) -> None:
    """In a savepoint of the order's transaction: an SMS that cannot be written never undoes the order."""
    try:
        with transaction.atomic():
            write_order_sms(**kwargs)
    except Exception:
        logger.exception("could not write the %s SMS of order %s", kwargs["event"], kwargs["order"].pk)


@receiver(post_save, sender=OrderStatusChange, dispatch_uid="sms-order-status")
def sms_for_status_change(sender, instance, created, **kwargs):
    event = EVENT_FOR_STATUS.get(instance.to_status)
    if created and event:
        _write(order=instance.order, event=event)


@receiver(order_paid, dispatch_uid="sms-order-paid")
def sms_for_payment(sender, order, amount=None, **kwargs):
    _write(order=order, event="paid", amount=amount)
