"""Guest carts for apps (a Cart-Token names one).

Their references to users and products are added NOT VALID under lock retries and validated
after (dhakacart/migration_operations.py), so creating the tables never queues sign-ups or
stock changes behind them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from dhakacart.migration_operations import CreateModelReferencingHotTables


class Migration(migrations.Migration):
    atomic = False
    dependencies = [
        ("checkout", "0001_cart_moved_from_shop"),
        ("shop", "0009_cart_moved_to_checkout"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        CreateModelReferencingHotTables(
            name="GuestCart",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.UUIDField(editable=False, unique=True)),
                ("voucher_code", models.CharField(blank=True, max_length=32, verbose_name="promo code")),
                (
                    "closed",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "open"),
                            ("ordered", "ordered"),
                            ("merged", "merged into a member's cart"),
                        ],
                        default="",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("used_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "merged_into",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "guest cart",
                "verbose_name_plural": "guest carts",
            },
        ),
        CreateModelReferencingHotTables(
            name="GuestCartItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("quantity", models.PositiveSmallIntegerField()),
                (
                    "cart",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="checkout.guestcart",
                    ),
                ),
                (
                    "product",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="guest_cart_items",
                        to="shop.product",
                    ),
                ),
            ],
            options={
                "verbose_name": "guest cart item",
                "verbose_name_plural": "guest cart items",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("cart", "product"), name="checkout_guestcartitem_one_line"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("quantity__gte", 1), ("quantity__lte", 99)),
                        name="checkout_guestcartitem_quantity_1_to_99",
                    ),
                ],
            },
        ),
    ]
