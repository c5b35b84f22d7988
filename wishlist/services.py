"""Wishlist changes, and the back-in-stock e-mails a restock sends to the shoppers waiting for it."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from checkout.cart import DatabaseCart
from checkout.services import add_to_cart
from dhakacart import metrics
from shop.models import Product

from .exceptions import NotInWishlist, ProductUnavailable
from .models import BackInStockNotice, Restock, WishlistItem

logger = logging.getLogger(__name__)

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _language(code: str | None) -> str:
    code = (code or "").split("-")[0]
    return code if code in LANGUAGES else settings.LANGUAGE_CODE.split("-")[0]


def save_to_wishlist(*, user, product_id: int, language: str) -> tuple[WishlistItem, bool]:
    """Save a product (saving it twice is harmless); returns the entry and whether it is new.

    "Tell me when it is back" starts on for a product that is out of stock. Raises
    ProductUnavailable for unknown or inactive products.
    """
    product = Product.objects.active().filter(pk=product_id).only("id", "price", "stock").first()
    if product is None:
        raise ProductUnavailable(_("That product is not available."))
    return WishlistItem.objects.get_or_create(
        user=user,
        product=product,
        defaults={
            "price_when_saved": product.price,
            "notify_when_back": product.stock <= 0,
            "language": _language(language),
        },
    )


def remove_from_wishlist(*, user, product_id: int) -> bool:
    """Take a product off the list; returns whether it was there."""
    deleted, _by_model = WishlistItem.objects.filter(user=user, product_id=product_id).delete()
    return deleted > 0


def set_back_in_stock_alert(*, user, product_id: int, notify: bool, language: str) -> WishlistItem:
    """Turn the e-mail for one entry on or off, in the language the shopper uses now.

    Raises NotInWishlist.
    """
    item = WishlistItem.objects.filter(user=user, product_id=product_id).first()
    if item is None:
        raise NotInWishlist(_("That product is not in your wishlist."))
    item.notify_when_back = notify
    item.language = _language(language)
    item.save(update_fields=["notify_when_back", "language"])
    return item


@transaction.atomic
def move_to_cart(*, user, product_id: int) -> int:
    """Put one unit in the shopper's cart and take the entry off the list; returns the cart quantity.

    Raises NotInWishlist, or the cart's own errors (out of stock, unavailable): then the entry
    stays where it is.
    """
    item = WishlistItem.objects.select_for_update().filter(user=user, product_id=product_id).first()
    if item is None:
        raise NotInWishlist(_("That product is not in your wishlist."))
    quantity = add_to_cart(DatabaseCart(user), product_id=product_id, quantity=1)
    item.delete()
    return quantity


def record_restock(*, product_id: int) -> Restock | None:
    """Note that a product came back and who is to hear of it; the e-mails go after commit.

    Runs inside the transaction that wrote the stock (shop.stock sends product_restocked), so
    the restock is recorded exactly when the stock change is. Nobody waiting: nothing recorded.
    """
    waiting = list(
        WishlistItem.objects.filter(product_id=product_id, notify_when_back=True).values_list("pk", flat=True)
    )
    if not waiting:
        return None
    restock = Restock.objects.create(product_id=product_id)
    BackInStockNotice.objects.bulk_create(BackInStockNotice(restock=restock, item_id=pk) for pk in waiting)
    transaction.on_commit(partial(queue_back_in_stock_emails, restock_id=restock.pk))
    return restock


def queue_back_in_stock_emails(*, restock_id: int) -> None:
    """Queue the restock's e-mails; a broker outage is logged and never fails the stock change."""
    from .tasks import send_back_in_stock_emails_task

    try:
        send_back_in_stock_emails_task.delay(restock_id=restock_id)
    except Exception:  # broker errors come in many types; the stock write must not fail on any
        logger.warning("could not queue the e-mails of restock %s", restock_id, exc_info=True)


def send_back_in_stock_email(*, notice_id: int) -> bool:
    """Send one shopper's e-mail for one restock unless it went already; returns whether this call sent it.

    The notice row stays locked while the mail goes out and `sent_at` is set in the same
    transaction, so two runs at once send one e-mail. If the product is sold out or withdrawn
    again by now, the notice is dropped instead: the next restock makes a new one. If sending
    raises, nothing is recorded and the caller retries.
    """
    with transaction.atomic():
        notice = (
            BackInStockNotice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("item__user", "item__product__category")
            .filter(pk=notice_id, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        product = notice.item.product
        if not (product.is_active and product.category.is_active and product.stock > 0):
            notice.delete()
            return False
        message = _back_in_stock_message(notice.item)
        try:
            message.send()
        except Exception:
            metrics.EMAILS_FAILED.labels(kind="back_in_stock").inc()
            raise
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    metrics.EMAILS_SENT.labels(kind="back_in_stock").inc()
    return True


def _back_in_stock_message(item: WishlistItem) -> EmailMultiAlternatives:
    with translation.override(item.language):
        context = {
            "user": item.user,
            "product": item.product,
            "product_url": _absolute(item.product.get_absolute_url()),
            "wishlist_url": _absolute(reverse("wishlist:list")),
        }
        subject = render_to_string("emails/back_in_stock_subject.txt", context).strip()
        text = render_to_string("emails/back_in_stock.txt", context)
        html = render_to_string("emails/back_in_stock.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [item.user.email])
    message.attach_alternative(html, "text/html")
    return message


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
