"""Sign-in codes, verified phone numbers and the SMS log.

The references to users and orders are added NOT VALID under lock retries and validated after
(dhakacart/migration_operations.py), so creating these tables never queues sign-ups or orders.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import sms.models
from dhakacart.migration_operations import CreateModelReferencingHotTables


class Migration(migrations.Migration):
    initial = True
    atomic = False

    dependencies = [
        ("orders", "0005_confirmation_delivery_state"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PhoneCode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("phone", models.CharField(max_length=16)),
                ("code_hash", models.CharField(max_length=128)),
                ("client_address", models.GenericIPAddressField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("expires_at", models.DateTimeField()),
                ("failed_attempts", models.PositiveSmallIntegerField(default=0)),
                ("ended_at", models.DateTimeField(blank=True, null=True)),
                ("used_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "indexes": [
                    models.Index(fields=["phone", "created_at"], name="sms_code_phone_recent"),
                    models.Index(fields=["client_address", "created_at"], name="sms_code_address_recent"),
                ],
            },
        ),
        CreateModelReferencingHotTables(
            name="VerifiedPhone",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("phone", models.CharField(max_length=16, unique=True, verbose_name="phone")),
                ("verified_at", models.DateTimeField(verbose_name="verified")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="verified_phone",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "verified phone",
                "verbose_name_plural": "verified phones",
            },
        ),
        CreateModelReferencingHotTables(
            name="Message",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "event",
                    models.CharField(
                        choices=[
                            ("placed", "Placed"),
                            ("paid", "Paid"),
                            ("shipped", "Shipped"),
                            ("delivered", "Delivered"),
                            ("cancelled", "Cancelled"),
                        ],
                        max_length=20,
                        verbose_name="event",
                    ),
                ),
                ("resend", models.BooleanField(default=False, verbose_name="resent by staff")),
                ("phone", models.CharField(max_length=16, verbose_name="phone")),
                ("text", models.TextField(verbose_name="text")),
                (
                    "csms_id",
                    models.CharField(
                        default=sms.models.new_csms_id,
                        editable=False,
                        max_length=20,
                        unique=True,
                        verbose_name="message id",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="written")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                ("backend", models.CharField(blank=True, max_length=40, verbose_name="sent through")),
                (
                    "gateway_reference",
                    models.CharField(blank=True, max_length=100, verbose_name="gateway reference"),
                ),
                (
                    "gateway_status",
                    models.CharField(blank=True, max_length=100, verbose_name="gateway status"),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                ("next_attempt_at", models.DateTimeField(blank=True, null=True, verbose_name="next attempt")),
                ("sending_until", models.DateTimeField(blank=True, editable=False, null=True)),
                ("given_up_at", models.DateTimeField(blank=True, null=True, verbose_name="given up")),
                ("last_error", models.CharField(blank=True, max_length=255, verbose_name="last error")),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sms_messages",
                        to="orders.order",
                        verbose_name="order",
                    ),
                ),
            ],
            options={
                "verbose_name": "SMS",
                "verbose_name_plural": "SMS",
                "ordering": ("created_at", "id"),
                "indexes": [
                    models.Index(
                        condition=models.Q(("given_up_at__isnull", True), ("sent_at__isnull", True)),
                        fields=["next_attempt_at", "created_at"],
                        name="sms_message_due",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("resend", False)),
                        fields=("order", "event"),
                        name="sms_message_one_per_order_event",
                    )
                ],
            },
        ),
    ]
