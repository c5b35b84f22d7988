"""Order managers run the promo codes: they see, add and change vouchers (deactivating, not deleting)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Order managers"
CODENAMES = ("view_voucher", "add_voucher", "change_voucher")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("promotions")
    app_config.models_module = True  # the historical app stub lacks it; create_permissions checks it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="promotions", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="promotions", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("promotions", "0001_vouchers"),
        ("orders", "0002_order_managers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
