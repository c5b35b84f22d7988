"""Online payments: the payment method's online choices and the order's payment status.

orders_order is the busiest table of the shop: the status column is added with a constant
default (PostgreSQL 11+ writes no row for it) under a lock wait of at most two seconds, retried,
and the timeout task's partial index is built concurrently (hence not atomic). Existing orders
are all cash on delivery, so `unpaid` is true of every one of them.
"""

from django.db import migrations, models

from dhakacart.migration_operations import AddFieldWithLockRetries, AddIndexConcurrentlyOnPostgreSQL


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("orders", "0005_confirmation_delivery_state"),
    ]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="payment_method",
            field=models.CharField(
                choices=[
                    ("cod", "Cash on delivery"),
                    ("bkash", "bKash"),
                    ("sslcommerz", "Card, Nagad or Rocket (SSLCommerz)"),
                ],
                default="cod",
                max_length=20,
                verbose_name="payment method",
            ),
        ),
        AddFieldWithLockRetries(
            model_name="order",
            name="payment_status",
            field=models.CharField(
                choices=[
                    ("unpaid", "Cash on delivery"),
                    ("awaiting_payment", "Awaiting payment"),
                    ("paid", "Paid"),
                    ("review", "Payment on hold for review"),
                    ("failed", "Payment failed"),
                    ("refund_pending", "Refund pending"),
                    ("refunded", "Refunded"),
                ],
                default="unpaid",
                max_length=20,
                verbose_name="payment status",
            ),
        ),
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="order",
            index=models.Index(
                condition=models.Q(
                    ("payment_status__in", ["awaiting_payment", "failed"]), ("status", "pending")
                ),
                fields=["created_at"],
                name="orders_order_payment_due",
            ),
        ),
    ]
