"""Bangladeshi mobile numbers: one rule for every form, serializer and service.

Valid: `01[3-9]` + 8 digits, optionally after `+880` or `880`, with spaces or dashes, in
Latin or Bangla digits (০–৯). Stored as `+8801XXXXXXXXX`.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
# +880 1XXXXXXXXX is the same digits as +88 01XXXXXXXXX, so an optional "+88" covers both.
# [0-9], not \d: \d takes every script's digits (Arabic-Indic ١٢٣ too), and only Latin and
# Bangla digits are a Bangladeshi number (Bangla ones are translated above).
_LOCAL_NUMBER = re.compile(r"^(?:\+?88)?(01[3-9][0-9]{8})$")
INVALID_PHONE_MESSAGE = _("Enter a Bangladeshi mobile number such as 01712345678 or +8801712345678.")


def normalize_phone(value: str) -> str:
    """Return the number as `+8801XXXXXXXXX`, or raise ValidationError (code `invalid_phone`)."""
    text = str(value or "").translate(_BANGLA_DIGITS)
    compact = re.sub(r"[\s\-()]", "", text)
    match = _LOCAL_NUMBER.match(compact) if len(compact) <= 20 else None
    if not match:
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone")
    return "+88" + match.group(1)


class PhoneField(forms.CharField):
    """A form field that accepts the spellings above and cleans to the stored form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("help_text", _("For example 01712345678."))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "tel")

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        return normalize_phone(value)
