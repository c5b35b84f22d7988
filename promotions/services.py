"""Writes for vouchers: redeeming one with an order, giving a use back, making codes in bulk."""

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from .models import CODE_MAX_LENGTH, Voucher, VoucherKind, normalise_code
from .selectors import check_voucher

BULK_SUFFIX_LENGTH = 8
BULK_MAX_COUNT = 1000


@dataclass(frozen=True)
class Redemption:
    voucher: Voucher
    discount: Decimal

    @property
    def free_delivery(self) -> bool:
        return self.voucher.kind == VoucherKind.FREE_DELIVERY


def redeem_voucher(*, code: str, subtotal: Decimal, user=None, phone: str = "") -> Redemption:
    """Take one use of the voucher for an order being placed; call inside that order's transaction.

    Locks the voucher row, so shoppers redeeming the same code queue here and each re-checks
    the limits after the one before committed (callers lock their products first: one lock
    order everywhere). Raises a VoucherError when it does not apply; the caller's rollback
    undoes everything.
    """
    voucher = Voucher.objects.select_for_update().filter(code=normalise_code(code)).first()
    discount = check_voucher(voucher, code=code, subtotal=subtotal, user=user, phone=phone)
    Voucher.objects.filter(pk=voucher.pk).update(times_used=F("times_used") + 1)
    return Redemption(voucher=voucher, discount=discount)


def release_voucher(*, voucher_id: int) -> None:
    """Give back the use a cancelled order took; call once per cancellation, inside it."""
    Voucher.objects.filter(pk=voucher_id, times_used__gt=0).update(times_used=F("times_used") - 1)


@transaction.atomic
def create_single_use_vouchers(*, prefix: str, count: int, terms: dict) -> list[Voucher]:
    """`count` codes PREFIX-XXXXXXXX, each usable once by one shopper, with the same `terms`.

    `terms` are Voucher fields (kind, percent, amount, ...), already validated. Raises
    ValueError for a count outside 1–1000 or a prefix that leaves no room for the suffix.
    """
    prefix = normalise_code(prefix)
    if not 1 <= count <= BULK_MAX_COUNT:
        raise ValueError(f"count must be from 1 to {BULK_MAX_COUNT}")
    if not prefix or len(prefix) + 1 + BULK_SUFFIX_LENGTH > CODE_MAX_LENGTH:
        raise ValueError("prefix too long")
    codes: set[str] = set()
    while len(codes) < count:
        wanted = count - len(codes)
        fresh = {f"{prefix}-{_suffix()}" for _ in range(wanted)} - codes
        taken = set(Voucher.objects.filter(code__in=fresh).values_list("code", flat=True))
        codes |= fresh - taken
    return Voucher.objects.bulk_create(
        Voucher(code=code, campaign=prefix, total_uses=1, uses_per_customer=1, **terms)
        for code in sorted(codes)
    )


def _suffix() -> str:
    from orders.models import NUMBER_ALPHABET  # orders build on promotions, not the other way round

    return "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(BULK_SUFFIX_LENGTH))
