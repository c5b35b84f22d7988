"""Order managers see every payment attempt and gateway event (on the order, and in their own list).

Nobody changes them by hand: the gateway's answers do, through payments.services.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Order managers"
CODENAMES = ("view_paymentattempt", "view_paymentevent")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("payments")
    app_config.models_module = True  # the historical app stub lacks it; create_permissions checks it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="payments", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="payments", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_payments"),
        ("orders", "0002_order_managers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
