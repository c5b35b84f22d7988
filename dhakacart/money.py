"""How the shop writes money and numbers: ৳1,250.00 on English pages, ৳১,২৫০.০০ on Bangla ones.

One rule for pages, e-mails and messages alike: the taka sign, two decimals (prices with paisa
exist, and a column of totals reads evenly), and the grouping Bangladeshis read, where after
the first three digits the groups are of two (৳1,25,000.00 is one lakh twenty-five thousand).
On Bangla pages every digit is a Bangla digit, the counts inside translated sentences too: a
sentence takes its numbers as `%(count)s` and gets them from `fill_numbers` (in Python) or the
`number` filter (in templates), never as `%(count)d`, which would print Latin digits.

Every amount the shop computes goes through `round_taka`, so a percentage comes out the same
paisa on the cart page, at checkout, in the API and on the order.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import lazy
from django.utils.translation import get_language

BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
PAISA = Decimal("0.01")


def round_taka(amount: Decimal) -> Decimal:
    """To the paisa, halves up: ৳33.335 → ৳33.34."""
    return Decimal(amount).quantize(PAISA, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    return round_taka(Decimal(amount) * Decimal(percent) / 100)


def uses_bangla_digits(language: str | None = None) -> bool:
    return (language or get_language() or "").startswith("bn")


def bangla_digits(text: str, language: str | None = None) -> str:
    """`text` with its Latin digits written as Bangla ones when the language is Bangla."""
    return text.translate(BANGLA_DIGITS) if uses_bangla_digits(language) else text


def group(whole: int) -> str:
    """1250 → "1,250", 125000 → "1,25,000", 12500000 → "1,25,00,000"."""
    digits = str(whole)
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while head:
        head, pairs = head[:-2], [head[-2:], *pairs]
    return ",".join([*pairs, tail])


def format_number(value: int | str, language: str | None = None) -> str:
    """A count or quantity: grouped, in the page's digits."""
    number = int(value)
    sign = "-" if number < 0 else ""
    return bangla_digits(f"{sign}{group(abs(number))}", language)


def format_taka(amount: Decimal | int | str, language: str | None = None) -> str:
    value = round_taka(amount)
    sign = "-" if value < 0 else ""
    whole, _, paisa = f"{abs(value):.2f}".partition(".")
    return bangla_digits(f"{sign}৳{group(int(whole))}.{paisa}", language)


def fill_numbers(sentence: str, /, **values) -> str:
    """`sentence % values`, each whole number written by `format_number` in the active language:
    "মাত্র ৩টি বাকি", not "মাত্র 3টি বাকি". Text values (a product name) go in as they are."""
    return sentence % {
        name: format_number(value) if isinstance(value, int) else value for name, value in values.items()
    }


# For messages built once and shown later (a form field's error_messages): filled when shown,
# in the language of that request.
fill_numbers_lazy = lazy(fill_numbers, str)
