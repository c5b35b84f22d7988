from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = _("Catalogue")

    def ready(self):
        from . import signals  # noqa: F401 - connects the cache invalidation receivers
