from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

from shop.stock import product_restocked

from .exceptions import WishlistError
from .services import record_restock, save_to_wishlist

# A guest who pressed "Save" is asked to sign in; the product waits here until they do.
PENDING_SESSION_KEY = "wishlist_pending_product"


@receiver(product_restocked)
def record_restocks(sender, product_ids, **kwargs):
    for product_id in product_ids:
        record_restock(product_id=product_id)


@receiver(user_logged_in)
def save_pending_product_on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    product_id = request.session.pop(PENDING_SESSION_KEY, None)
    if product_id is None:
        return
    try:
        save_to_wishlist(
            user=user, product_id=int(product_id), language=getattr(request, "LANGUAGE_CODE", "")
        )
    except (WishlistError, ValueError):
        return
    messages.success(request, _("Saved to your wishlist."), fail_silently=True)
