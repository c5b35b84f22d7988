"""Money is Bangladeshi taka, shown as ৳1,250.00 everywhere (pages, e-mails, messages).

Every amount the shop computes goes through `round_taka`, so a percentage comes out the same
paisa on the cart page, at checkout, in the API and on the order.
"""

from decimal import ROUND_HALF_UP, Decimal

PAISA = Decimal("0.01")


def round_taka(amount: Decimal) -> Decimal:
    """To the paisa, halves up: ৳33.335 → ৳33.34."""
    return Decimal(amount).quantize(PAISA, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    return round_taka(Decimal(amount) * Decimal(percent) / 100)


def format_taka(amount: Decimal | int | str) -> str:
    value = Decimal(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}৳{abs(value):,.2f}"
