"""The saved cart's models come over from the shop app as they are: shop_cart and shop_cartitem
keep their names, rows and constraints, so this only tells Django's state where they live now."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("shop", "0008_product_description_bn"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Cart",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "voucher_code",
                            models.CharField(blank=True, max_length=32, verbose_name="promo code"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="cart",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "shop_cart",
                        "verbose_name": "cart",
                        "verbose_name_plural": "carts",
                    },
                ),
                migrations.CreateModel(
                    name="CartItem",
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
                                to="checkout.cart",
                            ),
                        ),
                        (
                            "product",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="cart_items",
                                to="shop.product",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "shop_cartitem",
                        "verbose_name": "cart item",
                        "verbose_name_plural": "cart items",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("cart", "product"), name="shop_cartitem_one_line_per_product"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("quantity__gte", 1), ("quantity__lte", 99)),
                                name="shop_cartitem_quantity_1_to_99",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
