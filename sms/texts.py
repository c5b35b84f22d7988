"""The words of each SMS, in the order's language, and how many segments a text costs.

Amounts go through dhakacart.money (৳ and, in Bangla, Bangla digits); order numbers stay in Latin
letters and digits, as shoppers quote them. The taka sign is not in the GSM-7 alphabet, so every
message with an amount is sent as Unicode (70 characters in one segment, 67 per part beyond).
"""

import math

from django.utils import translation
from django.utils.translation import gettext as _

from dhakacart.money import format_taka
from orders.models import PaymentMethod

from .models import OrderEvent

# GSM 03.38: the basic alphabet, and the extension table whose characters take two places.
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = set("^{}\\[~]|€\f")


def segments(text: str) -> int:
    """How many SMS the gateway bills `text` as: GSM-7 160 (153 per part), Unicode 70 (67 per part)."""
    if all(char in GSM_BASIC or char in GSM_EXTENDED for char in text):
        length = sum(2 if char in GSM_EXTENDED else 1 for char in text)
        return 1 if length <= 160 else math.ceil(length / 153)
    length = len(text.encode("utf-16-le")) // 2
    return 1 if length <= 70 else math.ceil(length / 67)


def order_text(order, event: str, *, amount=None) -> str:
    """The SMS for `event` of `order`, in the order's language. `amount` is what was paid (paid)."""
    with translation.override(order.language):
        money = {
            "number": order.number,
            "total": format_taka(order.total),
            "amount": format_taka(order.total if amount is None else amount),
        }
        if event == OrderEvent.PLACED:
            if order.payment_method == PaymentMethod.CASH_ON_DELIVERY:
                return (
                    _("DhakaCart: order %(number)s placed. Total %(total)s, pay %(total)s in cash.") % money
                )
            return _("DhakaCart: order %(number)s placed. Total %(total)s.") % money
        if event == OrderEvent.PAID:
            return _("DhakaCart: %(amount)s received for order %(number)s. Thank you!") % money
        if event == OrderEvent.SHIPPED:
            if order.payment_method == PaymentMethod.CASH_ON_DELIVERY:
                return _("DhakaCart: order %(number)s is on its way. Pay %(total)s in cash.") % money
            return _("DhakaCart: order %(number)s is on its way.") % money
        if event == OrderEvent.DELIVERED:
            return _("DhakaCart: order %(number)s delivered. Thank you!") % money
        if event == OrderEvent.CANCELLED:
            return _("DhakaCart: order %(number)s has been cancelled.") % money
    raise ValueError(f"no SMS for order event {event!r}")


def code_text(code: str, language: str) -> str:
    with translation.override(language):
        return _("DhakaCart sign-in code: %(code)s. It expires in 5 minutes. Never share it.") % {
            "code": code
        }
