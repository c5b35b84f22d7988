"""The confirmation e-mail's delivery state: attempts, next try, the sending lease, giving up.

orders_order is the busiest table of the shop, so nothing here holds its ACCESS EXCLUSIVE lock
for longer than a catalogue change: the indexes are dropped and built concurrently (hence not
atomic), the attempts column's CHECK is added NOT VALID and validated afterwards, and each short
step gives up its lock wait after two seconds and retries (dhakacart/migration_operations.py).
The resulting schema is the one plain AddField and AddIndex would make.
"""

from django.db import migrations, models

from dhakacart.migration_operations import (
    AddFieldWithCheckNotValid,
    AddIndexConcurrentlyOnPostgreSQL,
    RemoveIndexConcurrentlyOnPostgreSQL,
)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("orders", "0004_order_voucher_snapshot"),
    ]

    operations = [
        RemoveIndexConcurrentlyOnPostgreSQL(
            model_name="order",
            name="orders_order_unsent",
        ),
        AddFieldWithCheckNotValid(
            model_name="order",
            name="confirmation_attempts",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="confirmation attempts"
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="confirmation_given_up_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="confirmation given up"
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="confirmation_next_attempt_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="next confirmation attempt"
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="confirmation_sending_until",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="order",
            index=models.Index(
                condition=models.Q(
                    ("confirmation_given_up_at__isnull", True), ("confirmation_sent_at__isnull", True)
                ),
                fields=["confirmation_next_attempt_at", "created_at"],
                name="orders_order_confirmation_due",
            ),
        ),
    ]
