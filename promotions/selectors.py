"""Reading vouchers: whether one applies and what it takes off (checkout.pricing adds it up)."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dhakacart.money import bangla_digits, format_taka, percent_of

from .exceptions import (
    VoucherAlreadyUsed,
    VoucherExpired,
    VoucherMinimumNotMet,
    VoucherNotStarted,
    VoucherUnknown,
    VoucherUsedUp,
)
from .models import Voucher, VoucherKind, VoucherUse, normalise_code

ZERO = Decimal("0.00")


def discount_for(voucher: Voucher, subtotal: Decimal) -> Decimal:
    """Taka off the items: never more than the subtotal, so the items never go below zero."""
    if voucher.kind == VoucherKind.PERCENTAGE:
        discount = percent_of(subtotal, voucher.percent)
        if voucher.max_discount is not None:
            discount = min(discount, voucher.max_discount)
    elif voucher.kind == VoucherKind.FIXED:
        discount = voucher.amount
    else:
        discount = ZERO  # free delivery waives the fee instead
    return min(discount, subtotal)


def count_customer_uses(voucher: Voucher, *, user=None, phone: str = "") -> int | None:
    """Uses of the voucher not given back (their order not cancelled), by account or else by phone.

    None when there is no one to count yet (a guest before checkout gives a phone number).
    """
    uses = VoucherUse.objects.filter(voucher=voucher, released_at=None)
    if user is not None and user.is_authenticated:
        return uses.filter(user=user).count()
    if phone:
        return uses.filter(phone=phone).count()
    return None


def check_voucher(
    voucher: Voucher | None,
    *,
    code: str,
    subtotal: Decimal,
    user=None,
    phone: str = "",
    now: datetime | None = None,
) -> Decimal:
    """The discount `voucher` gives on `subtotal`, or the VoucherError saying why it does not apply.

    Checks in the order a shopper can act on last: the code, its dates, its uses, the minimum.
    """
    shown = normalise_code(code)
    if voucher is None:
        raise VoucherUnknown(
            _("There is no promo code %(code)s. Check the spelling and try again.") % {"code": shown}
        )
    now = now or timezone.now()
    if voucher.valid_from is not None and now < voucher.valid_from:
        start = bangla_digits(date_format(timezone.localtime(voucher.valid_from), "j M Y, g:i A"))
        raise VoucherNotStarted(
            _("Promo code %(code)s is not valid yet: it starts on %(start)s.")
            % {"code": shown, "start": start},
            extra={"valid_from": voucher.valid_from.isoformat()},
        )
    if not voucher.is_active or (voucher.valid_until is not None and now >= voucher.valid_until):
        raise VoucherExpired(_("Promo code %(code)s has expired.") % {"code": shown})
    if voucher.total_uses is not None and voucher.times_used >= voucher.total_uses:
        raise VoucherUsedUp(_("Promo code %(code)s has been used up.") % {"code": shown})
    if voucher.uses_per_customer is not None:
        used = count_customer_uses(voucher, user=user, phone=phone)
        if used is not None and used >= voucher.uses_per_customer:
            raise VoucherAlreadyUsed(
                _("You have already used promo code %(code)s as many times as it allows.") % {"code": shown}
            )
    if subtotal < voucher.minimum_subtotal:
        missing = voucher.minimum_subtotal - subtotal
        raise VoucherMinimumNotMet(
            _("Promo code %(code)s needs a subtotal of at least %(minimum)s: add %(missing)s more.")
            % {
                "code": shown,
                "minimum": format_taka(voucher.minimum_subtotal),
                "missing": format_taka(missing),
            },
            extra={"minimum": str(voucher.minimum_subtotal), "missing": str(missing)},
        )
    return discount_for(voucher, subtotal)
