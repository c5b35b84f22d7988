from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import catalogue_changed
from .models import Category, Product


@receiver([post_save, post_delete], sender=Product)
@receiver([post_save, post_delete], sender=Category)
def invalidate_catalogue_cache(**kwargs):
    catalogue_changed()
