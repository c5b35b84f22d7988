from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .cart import DatabaseCart, SessionCart
from .services import merge_carts


@receiver(user_logged_in)
def merge_guest_cart_on_login(sender, request, user, **kwargs):
    """What a guest put in the cart comes along when they sign in."""
    if request is None or not hasattr(request, "session"):
        return
    for note in merge_carts(source=SessionCart(request.session), target=DatabaseCart(user)):
        messages.info(request, note, fail_silently=True)
