"""The saved cart now lives in the checkout app (checkout 0001); its tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0008_product_description_bn"),
        ("checkout", "0001_cart_moved_from_shop"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="CartItem"),
                migrations.DeleteModel(name="Cart"),
            ],
        ),
    ]
