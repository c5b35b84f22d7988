"""Order events that the apps above orders act on (payments, SMS), without orders importing them.

Status changes need no signal of their own: each writes an OrderStatusChange row, whose
post_save the listeners use. Being paid is not a status, so it is sent by the code that records
a payment, inside its transaction: `order_paid.send(sender=Order, order=order, amount=amount)`.
"""

from django.dispatch import Signal

# Sent inside the cancelling transaction, the order row locked: `order` is the cancelled order.
# The payments app turns a payment kept on it into a refund.
order_cancelled = Signal()

order_paid = Signal()  # sender=Order, order=Order, amount=Decimal
