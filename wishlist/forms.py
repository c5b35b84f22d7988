from django import forms
from django.utils.translation import gettext_lazy as _

PRODUCT_MESSAGES = {
    "invalid": _("That product is not available."),
    "min_value": _("That product is not available."),
    "max_value": _("That product is not available."),
    "required": _("Choose a product."),
}


class WishlistProductForm(forms.Form):
    product_id = forms.IntegerField(min_value=1, max_value=2**31 - 1, error_messages=PRODUCT_MESSAGES)


class BackInStockAlertForm(WishlistProductForm):
    notify = forms.BooleanField(required=False)
