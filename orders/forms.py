from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import AddressForm
from dhakacart.phone import PhoneField

from .models import DeliveryZone, PaymentMethod
from .services import Customer, OrderLine


class CheckoutForm(forms.Form):
    """Contact and delivery details. Stock and price rules are the service's, not the form's."""

    checkout_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # The lines the shopper was shown ("id:quantity:price,…"); the order is made of exactly these,
    # and a cart or price changed since makes no order.
    seen_cart = forms.CharField(widget=forms.HiddenInput, max_length=4000, required=False)
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

    def clean_seen_cart(self) -> list[OrderLine]:
        lines = []
        for item in filter(None, self.cleaned_data["seen_cart"].split(",")):
            try:
                product_id, quantity, price = item.split(":")
                lines.append(
                    OrderLine(
                        product_id=int(product_id), quantity=int(quantity), expected_price=Decimal(price)
                    )
                )
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(_("Your cart changed. Please review it and try again.")) from None
        return lines

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


def seen_cart_value(lines) -> str:
    return ",".join(f"{line.product.pk}:{line.quantity}:{line.product.price}" for line in lines)
