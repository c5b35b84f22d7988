from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .cache import catalogue_changed
from .models import Category, Product
from .renditions import ensure_renditions
from .stock import announce_restocks, stock_levels


@receiver([post_save, post_delete], sender=Product)
@receiver([post_save, post_delete], sender=Category)
def invalidate_catalogue_cache(**kwargs):
    catalogue_changed()


@receiver(pre_save, sender=Product)
def remember_stock_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Read (and, in a transaction, lock) the stock a save is about to overwrite."""
    instance._stock_before_save = None
    if raw or instance._state.adding or (update_fields is not None and "stock" not in update_fields):
        return
    instance._stock_before_save = stock_levels([instance.pk]).get(instance.pk)


@receiver(post_save, sender=Product)
def announce_restock_after_save(sender, instance, **kwargs):
    before = getattr(instance, "_stock_before_save", None)
    if before is not None and isinstance(instance.stock, int):
        announce_restocks(before={instance.pk: before}, after={instance.pk: instance.stock})


@receiver(post_save, sender=Product)
@receiver(post_save, sender=Category)
def make_image_renditions(instance, **kwargs):
    """An uploaded image (admin or API) gets its smaller copies once the save has committed."""
    if instance.image:
        transaction.on_commit(lambda name=instance.image.name: ensure_renditions(name))
