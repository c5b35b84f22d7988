"""The "Order managers" staff group: they see and move orders, and see the catalogue.

They cannot add or delete orders (orders come from checkout and are cancelled, not deleted),
nor change products (that is the catalogue managers' job).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Order managers"
PERMISSIONS = [
    ("orders", "view_order"),
    ("orders", "change_order"),
    ("orders", "view_orderitem"),
    ("orders", "view_orderstatuschange"),
    ("shop", "view_product"),
    ("shop", "view_category"),
]


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations ran; this group needs them now.
    for app_label in ("orders", "shop"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the historical app stub lacks it; create_permissions checks it
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0001_orders"),
        ("shop", "0002_postgres_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
