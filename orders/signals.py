"""Order events that other apps act on (the SMS app listens; orders import none of them).

Status changes need no signal of their own: each writes an OrderStatusChange row, whose
post_save the listeners use. Being paid is not a status, so it is sent here by the code that
records a payment, inside its transaction: `order_paid.send(sender=Order, order=order, amount=amount)`.
"""

from django.dispatch import Signal

order_paid = Signal()  # sender=Order, order=Order, amount=Decimal
