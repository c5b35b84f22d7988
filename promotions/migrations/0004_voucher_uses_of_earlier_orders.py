"""Fills the voucher uses from the orders that used a voucher so far.

A cancelled order's use is recorded as given back already. Orders are only read, in batches,
so nothing locks their table.
"""

from django.db import migrations

BATCH = 1000


def copy_uses_from_orders(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    VoucherUse = apps.get_model("promotions", "VoucherUse")
    orders = (
        Order.objects.filter(voucher__isnull=False)
        .order_by("pk")
        .values_list(
            "voucher_id", "number", "user_id", "phone", "discount", "created_at", "updated_at", "status"
        )
    )
    uses = [
        VoucherUse(
            voucher_id=voucher_id,
            order_number=number,
            user_id=user_id,
            phone=phone,
            discount=discount,
            used_at=placed,
            released_at=updated if status == "cancelled" else None,
        )
        for voucher_id, number, user_id, phone, discount, placed, updated, status in orders.iterator(BATCH)
    ]
    VoucherUse.objects.bulk_create(uses, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("promotions", "0003_voucher_uses"),
        ("orders", "0004_order_voucher_snapshot"),
    ]

    operations = [migrations.RunPython(copy_uses_from_orders, migrations.RunPython.noop, elidable=True)]
