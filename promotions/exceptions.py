"""Why a promo code does not apply. Each code is a contract with the API clients (SPEC §18)."""

from dhakacart.exceptions import DomainError


class VoucherError(DomainError):
    """A promo code that cannot be used now; the cart and the order are left as they were."""


class VoucherUnknown(VoucherError):
    code = "voucher_unknown"


class VoucherExpired(VoucherError):
    code = "voucher_expired"


class VoucherNotStarted(VoucherError):
    code = "voucher_not_started"


class VoucherMinimumNotMet(VoucherError):
    """extra: {"minimum": "1000.00", "missing": "250.00"}"""

    code = "voucher_minimum_not_met"


class VoucherUsedUp(VoucherError):
    code = "voucher_used_up"


class VoucherAlreadyUsed(VoucherError):
    code = "voucher_already_used"
