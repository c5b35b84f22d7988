"""Writes for vouchers: redeeming one with an order, giving a use back, making codes in bulk."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dhakacart.codes import readable_code

from .models import CODE_MAX_LENGTH, Voucher, VoucherKind, VoucherUse, normalise_code
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


def redeem_voucher(
    *, code: str, subtotal: Decimal, order_number: str, user=None, phone: str = ""
) -> Redemption:
    """Take one use of the voucher for the order `order_number` being placed; call inside its transaction.

    Locks the voucher row, so shoppers redeeming the same code queue here and each re-checks
    the limits after the one before committed (callers lock their products first: one lock
    order everywhere). Records the use, which is what per-customer limits count. Raises a
    VoucherError when it does not apply; the caller's rollback undoes everything.
    """
    voucher = Voucher.objects.select_for_update().filter(code=normalise_code(code)).first()
    discount = check_voucher(voucher, code=code, subtotal=subtotal, user=user, phone=phone)
    Voucher.objects.filter(pk=voucher.pk).update(times_used=F("times_used") + 1)
    VoucherUse.objects.create(
        voucher=voucher,
        order_number=order_number,
        user=user if user is not None and user.is_authenticated else None,
        phone=phone,
        discount=discount,
    )
    return Redemption(voucher=voucher, discount=discount)


@transaction.atomic
def release_voucher(*, order_number: str) -> bool:
    """Give back the use the order `order_number` took, when it is cancelled.

    Exactly once: the use row is marked under its lock, so a second call (a retried
    cancellation, two staff at once) finds it released and gives nothing more back. False when
    there was nothing to give back.
    """
    use = VoucherUse.objects.select_for_update().filter(order_number=order_number, released_at=None).first()
    if use is None:
        return False
    VoucherUse.objects.filter(pk=use.pk).update(released_at=timezone.now())
    Voucher.objects.filter(pk=use.voucher_id, times_used__gt=0).update(times_used=F("times_used") - 1)
    return True


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
    return readable_code(BULK_SUFFIX_LENGTH)
