from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import catalogue_changed
from .cart import DatabaseCart, SessionCart
from .models import Category, Product
from .services import merge_carts


@receiver([post_save, post_delete], sender=Product)
@receiver([post_save, post_delete], sender=Category)
def invalidate_catalogue_cache(**kwargs):
    catalogue_changed()


@receiver(user_logged_in)
def merge_guest_cart_on_login(sender, request, user, **kwargs):
    """What a guest put in the cart comes along when they sign in."""
    if request is None or not hasattr(request, "session"):
        return
    for note in merge_carts(source=SessionCart(request.session), target=DatabaseCart(user)):
        messages.info(request, note, fail_silently=True)
