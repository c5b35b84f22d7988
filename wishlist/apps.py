from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WishlistConfig(AppConfig):
    name = "wishlist"
    verbose_name = _("Wishlists")

    def ready(self):
        from shop.fragments import register_choice

        from . import signals  # noqa: F401 - connects the restock and sign-in receivers
        from .templatetags.wishlist import saved_state

        register_choice("wish", saved_state)
