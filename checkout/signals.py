from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.signals import app_signed_in

from .cart import DatabaseCart, SessionCart
from .guest_carts import merge_guest_cart
from .services import merge_carts
from .tokens import CART_TOKEN_HEADER


def merge_guest_carts(*, request, user) -> list[str]:
    """Every sign-in, whatever its door: the guest cart of the request's Cart-Token and the
    session's cart move into the member's cart (checkout.guest_carts.merge_guest_cart: exactly
    once per Cart-Token). Returns a note for each line that could not come over whole."""
    notes = merge_guest_cart(user=user, token=request.headers.get(CART_TOKEN_HEADER))
    if hasattr(request, "session"):
        notes += merge_carts(source=SessionCart(request.session), target=DatabaseCart(user))
    return notes


@receiver(user_logged_in)
def merge_guest_cart_on_login(sender, request, user, **kwargs):
    """What a guest put in the cart comes along when they sign in on the pages."""
    if request is None:
        return
    for note in merge_guest_carts(request=request, user=user):
        messages.info(request, note, fail_silently=True)


@receiver(app_signed_in)
def merge_guest_cart_on_app_sign_in(sender, request, user, **kwargs):
    """The same for an app's sign-in; the app reads the merged cart at GET cart/."""
    merge_guest_carts(request=request, user=user)
