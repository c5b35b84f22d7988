from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import AddressForm
from dhakacart.phone import PhoneField

from .models import DeliveryZone, PaymentMethod
from .services import Customer


class CheckoutForm(forms.Form):
    """Contact and delivery details. Stock and price rules are the service's, not the form's."""

    checkout_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # The prices the shopper was shown ("id:price,id:price"); a change since makes no order.
    seen_prices = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)
    customer_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, help_text=_("We send the order confirmation here.")
    )
    phone = PhoneField()
    # The same fields, labels and rules as a saved address, so one can fill the other.
    address_line = AddressForm.base_fields["address_line"]
    area = AddressForm.base_fields["area"]
    city = AddressForm.base_fields["city"]
    postcode = AddressForm.base_fields["postcode"]
    delivery_zone = forms.ChoiceField(
        label=_("Delivery zone"), choices=DeliveryZone.choices, widget=forms.RadioSelect
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"),
        choices=PaymentMethod.choices,
        initial=PaymentMethod.CASH_ON_DELIVERY,
        widget=forms.RadioSelect,
    )

    save_address = forms.BooleanField(label=_("Save this address to my account"), required=False)

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not signed_in:
            del self.fields["save_address"]
        self.fields["customer_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_seen_prices(self) -> dict[int, Decimal]:
        prices = {}
        for pair in filter(None, self.cleaned_data["seen_prices"].split(",")):
            product_id, _sep, price = pair.partition(":")
            try:
                prices[int(product_id)] = Decimal(price)
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(_("Your cart changed. Please review it and try again.")) from None
        return prices

    def customer(self) -> Customer:
        data = self.cleaned_data
        return Customer(
            name=data["customer_name"].strip(),
            email=data["email"].lower(),
            phone=data["phone"],
            address_line=data["address_line"].strip(),
            area=data["area"].strip(),
            city=data["city"].strip(),
            postcode=data["postcode"],
            delivery_zone=data["delivery_zone"],
            payment_method=data["payment_method"],
        )


def seen_prices_value(lines) -> str:
    return ",".join(f"{line.product.pk}:{line.product.price}" for line in lines)
