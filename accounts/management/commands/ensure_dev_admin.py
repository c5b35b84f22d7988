"""Create the local superuser that `make run` prints, once; refuses to run outside DEBUG."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEV_ADMIN_EMAIL = "admin@dhakacart.local"


class Command(BaseCommand):
    help = "Create a development superuser (DEBUG only) and print its login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for local development (DEBUG=1) only.")
        email = os.environ.get("DEV_ADMIN_EMAIL", DEV_ADMIN_EMAIL)
        password = os.environ.get("DEV_ADMIN_PASSWORD", "dhakacart-admin")
        user_model = get_user_model()
        if not user_model.objects.filter(email=email).exists():
            user_model.objects.create_superuser(email=email, password=password, full_name="Shop Admin")
            self.stdout.write(f"Created the admin login: {email} / {password}")
        else:
            self.stdout.write(f"Admin login: {email} (password as set, default {password})")
        self.stdout.write("Staff admin: http://127.0.0.1:8000/admin/")
