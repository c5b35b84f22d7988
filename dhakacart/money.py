"""Money is Bangladeshi taka, shown as ৳1,250.00 everywhere (pages, e-mails, messages)."""

from decimal import Decimal


def format_taka(amount: Decimal | int | str) -> str:
    value = Decimal(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}৳{abs(value):,.2f}"
