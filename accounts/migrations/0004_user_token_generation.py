"""The account's token generation (accounts/tokens.py): a counter that ends earlier refresh tokens.

accounts_user is read on every signed-in request, so the column's CHECK (a positive integer's) is
added NOT VALID and validated afterwards, each short step giving up its lock wait after two
seconds and retrying (dhakacart/migration_operations.py); the schema is the one AddField makes.
"""

from django.db import migrations, models

from dhakacart.migration_operations import AddFieldWithCheckNotValid


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("accounts", "0003_postcode_rule"),
    ]

    operations = [
        AddFieldWithCheckNotValid(
            model_name="user",
            name="token_generation",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]
