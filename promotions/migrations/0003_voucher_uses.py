"""Voucher uses, kept by promotions: per-customer limits count these instead of reading orders.

Its references to users and vouchers are added without queueing writes to those tables
(dhakacart/migration_operations.py); 0004 fills it.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from dhakacart.migration_operations import CreateModelReferencingHotTables


class Migration(migrations.Migration):
    atomic = False
    dependencies = [
        ("promotions", "0002_order_managers_run_vouchers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        CreateModelReferencingHotTables(
            name="VoucherUse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order_number", models.CharField(max_length=12, unique=True, verbose_name="order")),
                ("phone", models.CharField(blank=True, max_length=20, verbose_name="phone")),
                ("discount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="discount")),
                ("used_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="used")),
                ("released_at", models.DateTimeField(blank=True, null=True, verbose_name="given back")),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="customer",
                    ),
                ),
                (
                    "voucher",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uses",
                        to="promotions.voucher",
                        verbose_name="voucher",
                    ),
                ),
            ],
            options={
                "verbose_name": "use",
                "verbose_name_plural": "uses",
                "ordering": ("-used_at", "-id"),
                "indexes": [
                    models.Index(fields=["voucher", "user"], name="promotions_use_by_user"),
                    models.Index(fields=["voucher", "phone"], name="promotions_use_by_phone"),
                ],
            },
        ),
    ]
