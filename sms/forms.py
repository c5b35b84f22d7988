import re

from django import forms
from django.utils.translation import gettext_lazy as _

from dhakacart.phone import PhoneField

_BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
CODE_FORMAT = _("Enter the 6 digits of the code we sent by SMS.")


class PhoneForm(forms.Form):
    phone = PhoneField(widget=forms.TextInput(attrs={"autofocus": True}))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return clean_code(self.cleaned_data["code"])


def clean_code(value: str) -> str:
    """Six digits, Latin or Bangla, spaces allowed between them; raises ValidationError otherwise."""
    code = re.sub(r"\s", "", str(value)).translate(_BANGLA_DIGITS)
    if not re.fullmatch(r"[0-9]{6}", code):
        raise forms.ValidationError(CODE_FORMAT, code="invalid_code_format")
    return code
