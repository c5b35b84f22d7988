"""Signals orders sends for the apps above it (payments) to act on, without orders importing them."""

from django.dispatch import Signal

# Sent inside the cancelling transaction, the order row locked: `order` is the cancelled order.
# The payments app turns a payment kept on it into a refund.
order_cancelled = Signal()
