from django import forms
from django.utils.translation import gettext_lazy as _

from dhakacart.money import fill_numbers_lazy

from .models import CODE_MAX_LENGTH


class VoucherCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Promo code"),
        max_length=CODE_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": _("Enter a promo code."),
            "max_length": fill_numbers_lazy(
                _("A promo code has at most %(limit_value)s characters."), limit_value=CODE_MAX_LENGTH
            ),
        },
    )
