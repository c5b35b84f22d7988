"""Order events → SMS. Orders know nothing of SMS: their status rows and order_paid signal are the hooks.

The row is written in the order's transaction (one INSERT, no gateway involved), so it exists
exactly when the order's change does; the gateway is only called after commit.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from orders.models import OrderStatusChange
from orders.signals import order_paid

from .services.orders import EVENT_FOR_STATUS, write_order_sms


@receiver(post_save, sender=OrderStatusChange, dispatch_uid="sms-order-status")
def sms_for_status_change(sender, instance, created, **kwargs):
    event = EVENT_FOR_STATUS.get(instance.to_status)
    if created and event:
        write_order_sms(order=instance.order, event=event)


@receiver(order_paid, dispatch_uid="sms-order-paid")
def sms_for_payment(sender, order, amount=None, **kwargs):
    write_order_sms(order=order, event="paid", amount=amount)
