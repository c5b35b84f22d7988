from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from promotions.models import Voucher, VoucherKind


class VoucherFactory(DjangoModelFactory):
    """10 % off with no cap, no minimum, no dates, unlimited uses, once per customer."""

    class Meta:
        model = Voucher

    code = factory.Sequence(lambda n: f"SAVE{n:03d}")
    kind = VoucherKind.PERCENTAGE
    percent = Decimal("10")


def fixed(**fields) -> Voucher:
    return VoucherFactory(kind=VoucherKind.FIXED, percent=None, **fields)


def free_delivery(**fields) -> Voucher:
    return VoucherFactory(kind=VoucherKind.FREE_DELIVERY, percent=None, **fields)
