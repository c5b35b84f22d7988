import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import AddressForm
from checkout.pricing import order_total
from dhakacart.contact import email_required_at_checkout
from dhakacart.phone import PhoneField

from .models import DeliveryZone, PaymentMethod
from .payments import payment_method_choices
from .services import Customer, OrderLine, ShownTotal

# What the form itself wrote into its hidden fields, and nothing else: ASCII digits only, so no
# NaN, Infinity, exponent, superscript or other Unicode digit ever reaches a Decimal or an int.
AMOUNT = r"[0-9]{1,10}(?:\.[0-9]{1,2})?"
SEEN_LINE = re.compile(rf"([0-9]{{1,18}}):([0-9]{{1,2}}):({AMOUNT})")
SEEN_FEE = re.compile(rf"([a-z_]{{1,20}})=({AMOUNT})")
SEEN_CODE = re.compile(r"[A-Z0-9-]{0,32}")
CART_CHANGED = _("Your cart changed. Please review it and try again.")
TOTAL_CHANGED = _("Your order total changed. Please check it and place the order again.")


class CheckoutForm(forms.Form):
    """Contact and delivery details. Stock and price rules are the service's, not the form's."""

    checkout_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # The lines the shopper was shown ("id:quantity:price,…"); the order is made of exactly these,
    # and a cart or price changed since makes no order.
    seen_cart = forms.CharField(widget=forms.HiddenInput, max_length=4000, required=False)
    # What the total shown was made of ("CODE:discount:zone=fee:zone=fee"; no code: ""), fees as
    # shown (after a free-delivery code); with the lines it gives the total of the zone chosen.
    seen_pricing = forms.CharField(
        widget=forms.HiddenInput,
        max_length=200,
        error_messages={"required": TOTAL_CHANGED, "max_length": TOTAL_CHANGED},
    )
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
        # Only the gateways configured now are offered; cash on delivery always is.
        self.fields["payment_method"].choices = payment_method_choices()
        self.fields["customer_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if not email_required_at_checkout():
            self.fields["email"].required = False
            self.fields["email"].help_text = _("Optional: we also send the order confirmation here.")

    def clean_seen_cart(self) -> list[OrderLine]:
        lines = []
        for item in filter(None, self.cleaned_data["seen_cart"].split(",")):
            match = SEEN_LINE.fullmatch(item)
            if match is None:
                raise forms.ValidationError(CART_CHANGED)
            product_id, quantity, price = match.groups()
            lines.append(
                OrderLine(product_id=int(product_id), quantity=int(quantity), expected_price=Decimal(price))
            )
        return lines

    def clean_seen_pricing(self) -> tuple[str, Decimal, dict[str, Decimal]]:
        code, _separator, rest = self.cleaned_data["seen_pricing"].partition(":")
        discount, *fees = rest.split(":")
        matches = [SEEN_FEE.fullmatch(fee) for fee in fees]
        if not (SEEN_CODE.fullmatch(code) and re.fullmatch(AMOUNT, discount) and all(matches)):
            raise forms.ValidationError(TOTAL_CHANGED)
        by_zone = {match[1]: Decimal(match[2]) for match in matches}
        if set(by_zone) != set(DeliveryZone.values) or len(matches) != len(by_zone):
            raise forms.ValidationError(TOTAL_CHANGED)
        return code, Decimal(discount), by_zone

    def shown_total(self) -> ShownTotal:
        """The total the shopper saw for the zone they chose, and what it was made of."""
        code, discount, fees = self.cleaned_data["seen_pricing"]
        fee = fees[self.cleaned_data["delivery_zone"]]
        lines = self.cleaned_data["seen_cart"]
        subtotal = sum((line.expected_price * line.quantity for line in lines), Decimal("0.00"))
        return ShownTotal(
            total=order_total(subtotal=subtotal, discount=discount, delivery_fee=fee),
            voucher_code=code,
            discount=discount,
            delivery_fee=fee,
        )

    def customer(self) -> Customer:
        data = self.cleaned_data
        return Customer(
            name=data["customer_name"].strip(),
            email=(data["email"] or "").lower(),
            phone=data["phone"],
            address_line=data["address_line"].strip(),
            area=data["area"].strip(),
            city=data["city"].strip(),
            postcode=data["postcode"],
            delivery_zone=data["delivery_zone"],
            payment_method=data["payment_method"],
        )


def seen_cart_value(lines) -> str:
    return ",".join(f"{line.product.pk}:{line.quantity}:{line.product.price:.2f}" for line in lines)


def seen_pricing_value(pricing, quotes) -> str:
    """The seen_pricing of a summary: the cart's pricing (promotions) and its delivery quotes."""
    code = pricing.voucher_code if pricing.voucher_applies else ""
    return ":".join([code, f"{pricing.discount:.2f}", *(f"{quote.zone}={quote.fee:.2f}" for quote in quotes)])
