from django.apps import AppConfig


class DhakaCartConfig(AppConfig):
    name = "dhakacart"
    verbose_name = "DhakaCart"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
