"""The confirmation e-mail's delivery state: attempts, next try, the sending lease, giving up."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0004_order_voucher_snapshot"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="order",
            name="orders_order_unsent",
        ),
        migrations.AddField(
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
        migrations.AddIndex(
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
