"""Payment attempts and gateway events.

An attempt references its order: that reference is added NOT VALID under lock retries and
validated after (dhakacart/migration_operations.py), so creating the table never queues orders
behind it.
"""

import django.db.models.deletion
from django.db import migrations, models

from dhakacart.migration_operations import CreateModelReferencingHotTables


class Migration(migrations.Migration):
    initial = True
    atomic = False

    dependencies = [
        ("orders", "0006_payment_status"),
    ]

    operations = [
        CreateModelReferencingHotTables(
            name="PaymentAttempt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "gateway",
                    models.CharField(
                        choices=[("bkash", "bKash"), ("sslcommerz", "SSLCommerz")],
                        max_length=20,
                        verbose_name="gateway",
                    ),
                ),
                ("reference", models.CharField(max_length=40, unique=True, verbose_name="our reference")),
                ("gateway_id", models.CharField(blank=True, max_length=100, verbose_name="gateway's id")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("started", "Started"),
                            ("paid", "Paid"),
                            ("review", "On hold for review"),
                            ("failed", "Failed"),
                            ("cancelled", "Cancelled by the shopper"),
                            ("refund_pending", "Refund pending"),
                            ("refunded", "Refunded"),
                        ],
                        default="started",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("raw_status", models.CharField(blank=True, max_length=200, verbose_name="gateway's status")),
                ("redirect_url", models.URLField(blank=True, max_length=1000, verbose_name="gateway page")),
                ("arrived_late", models.BooleanField(default=False, verbose_name="paid after cancelling")),
                ("refund_tries", models.PositiveSmallIntegerField(default=0, verbose_name="refund tries")),
                (
                    "refund_next_attempt_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="next refund try"),
                ),
                ("refund_sending_until", models.DateTimeField(blank=True, editable=False, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="started")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="payment_attempts",
                        to="orders.order",
                        verbose_name="order",
                    ),
                ),
            ],
            options={
                "verbose_name": "payment attempt",
                "verbose_name_plural": "payment attempts",
                "ordering": ("created_at", "id"),
            },
        ),
        migrations.CreateModel(
            name="PaymentEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "gateway",
                    models.CharField(
                        choices=[("bkash", "bKash"), ("sslcommerz", "SSLCommerz")],
                        max_length=20,
                        verbose_name="gateway",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("payment", "Payment"), ("refund", "Refund")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("transaction_id", models.CharField(max_length=100, verbose_name="gateway transaction")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount")),
                ("raw_status", models.CharField(blank=True, max_length=200, verbose_name="gateway's status")),
                ("source", models.CharField(max_length=20, verbose_name="reported by")),
                ("details", models.JSONField(blank=True, default=dict, verbose_name="gateway's answer")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded")),
                (
                    "attempt",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="payments.paymentattempt",
                        verbose_name="attempt",
                    ),
                ),
            ],
            options={
                "verbose_name": "payment event",
                "verbose_name_plural": "payment events",
                "ordering": ("created_at", "id"),
            },
        ),
        migrations.AddIndex(
            model_name="paymentattempt",
            index=models.Index(
                condition=models.Q(("status", "refund_pending")),
                fields=["refund_next_attempt_at"],
                name="payments_attempt_refund_due",
            ),
        ),
        migrations.AddConstraint(
            model_name="paymentattempt",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__gt", 0)), name="payments_attempt_amount_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="paymentattempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("gateway_id", ""), _negated=True),
                fields=("gateway", "gateway_id"),
                name="payments_attempt_one_per_gateway_id",
            ),
        ),
        migrations.AddConstraint(
            model_name="paymentevent",
            constraint=models.UniqueConstraint(
                fields=("gateway", "kind", "transaction_id"), name="payments_event_one_per_transaction"
            ),
        ),
    ]
