"""The "Review moderators" staff group: view reviews and change them (hide and publish again).

Reviews are written only by shoppers, so the group gets no add or delete permission. As in
shop's 0003, permissions are created first because Django makes them only after `migrate`.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Review moderators"
CODENAMES = ["view_review", "change_review"]


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    create_permissions(global_apps.get_app_config("reviews"), apps=apps, using=db, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db).get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.using(db).filter(content_type__app_label="reviews", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_reviews"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
