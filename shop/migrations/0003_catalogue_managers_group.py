"""The "Catalogue managers" staff group: view, add and change categories and products.

The group gets no delete permission on either. Order lines keep a link to the product that was
bought and a category protects its products, so deleting is rarely possible and never needed:
managers deactivate a product or category instead, which hides it from the shop and keeps the
history. Superusers can still delete a mistake made a minute ago.

Django creates permissions after `migrate` finishes, so on a fresh database they do not exist
yet when this runs; the migration creates them first. Running it again changes nothing.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Catalogue managers"
CODENAMES = [f"{action}_{model}" for model in ("category", "product") for action in ("view", "add", "change")]


def add_group(apps, schema_editor):
    # The installed app config says whether the app has models; `apps` (this migration's
    # historical state) is what the permissions are built from.
    db = schema_editor.connection.alias
    create_permissions(global_apps.get_app_config("shop"), apps=apps, using=db, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db).get_or_create(name=GROUP_NAME)
    permissions = Permission.objects.using(db).filter(content_type__app_label="shop", codename__in=CODENAMES)
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0002_postgres_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_group, remove_group)]
