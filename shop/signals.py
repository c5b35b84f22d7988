from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import catalogue_changed
from .cart import DatabaseCart, SessionCart
from .models import Category, Product
from .renditions import ensure_renditions
from .services import merge_carts


@receiver([post_save, post_delete], sender=Product)
@receiver([post_save, post_delete], sender=Category)
def invalidate_catalogue_cache(**kwargs):
    catalogue_changed()


@receiver(post_save, sender=Product)
@receiver(post_save, sender=Category)
def make_image_renditions(instance, **kwargs):
    """An uploaded image (admin or API) gets its smaller copies once the save has committed."""
    if instance.image:
        transaction.on_commit(lambda name=instance.image.name: ensure_renditions(name))


@receiver(user_logged_in)
def merge_guest_cart_on_login(sender, request, user, **kwargs):
    """What a guest put in the cart comes along when they sign in."""
    if request is None or not hasattr(request, "session"):
        return
    for note in merge_carts(source=SessionCart(request.session), target=DatabaseCart(user)):
        messages.info(request, note, fail_silently=True)
