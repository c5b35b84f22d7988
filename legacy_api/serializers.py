"""The legacy bodies: products and orders out with the old keys and JSON types, the order body in.

Money leaves as JSON numbers (Decimal → number at the renderer) and timestamps as ISO 8601 in
UTC, as the old service wrote them. Input errors become one Bangla line per problem.
"""

import hashlib
import json
import re
from datetime import UTC
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from rest_framework import serializers

from checkout.cart import MAX_LINES, MAX_QUANTITY
from dhakacart.api.fields import PhoneSerializerField
from dhakacart.money import fill_numbers
from dhakacart.phone import INVALID_PHONE_MESSAGE
from orders.models import Order, OrderItem
from orders.services import Customer, OrderLine, zone_for_address
from shop.api.serializers import MAX_ID
from shop.models import Product

from .errors import InvalidBody

PAISA = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")


class Money(serializers.DecimalField):
    """A JSON number out (never a string), like every amount of the old service."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=12, decimal_places=2, coerce_to_string=False, **kwargs)


class Timestamp(serializers.DateTimeField):
    def __init__(self, **kwargs):
        super().__init__(default_timezone=UTC, **kwargs)


class LegacyProductOutput(serializers.ModelSerializer):
    price = Money()
    category = serializers.CharField(source="category.name")
    image_url = serializers.CharField()
    created_at = Timestamp()
    updated_at = Timestamp()

    class Meta:
        model = Product
        fields = [
            "id",
            "name",
            "description",
            "price",
            "category",
            "stock",
            "image_url",
            "created_at",
            "updated_at",
        ]


class LegacyOrderOutput(serializers.ModelSerializer):
    """SPEC §8's order, plus `number` and `token` (§17) and the split of the total."""

    customer_email = serializers.CharField(source="email")
    customer_phone = serializers.CharField(source="phone")
    delivery_address = serializers.CharField(source="address_line")
    total_amount = Money(source="total")
    subtotal = Money()
    delivery_fee = Money()
    created_at = Timestamp()

    class Meta:
        model = Order
        fields = [
            "id",
            "customer_name",
            "customer_email",
            "customer_phone",
            "delivery_address",
            "total_amount",
            "status",
            "created_at",
            "number",
            "token",
            "subtotal",
            "delivery_fee",
        ]


class LegacyOrderItemOutput(serializers.ModelSerializer):
    price = Money(source="unit_price")
    line_total = Money()

    class Meta:
        model = OrderItem
        fields = ["id", "order_id", "product_id", "product_name", "quantity", "price", "line_total"]


class AmountField(serializers.Field):
    """Taka as a JSON number (or a numeric string), rounded to the paisa.

    The old client adds prices up in JavaScript floating point (185.1 * 3 is 555.3000000000001),
    so amounts are compared after rounding to the paisa rather than refused for their decimals.
    """

    default_error_messages = {"invalid": "Send an amount in taka as a number."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        try:
            amount = Decimal(str(data).strip())
        except InvalidOperation:
            self.fail("invalid")
        if not amount.is_finite() or not 0 <= amount <= MAX_AMOUNT:
            self.fail("invalid")
        return amount.quantize(PAISA, rounding=ROUND_HALF_UP)


class LegacyItemInput(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY)
    price = AmountField()


class LegacyOrderInput(serializers.Serializer):
    """The old client's order body. Unknown keys are ignored, as the old service did."""

    customer_name = serializers.CharField(max_length=150)
    customer_email = serializers.EmailField(max_length=254)
    customer_phone = PhoneSerializerField()
    delivery_address = serializers.CharField(max_length=255)
    items = LegacyItemInput(many=True, min_length=1, max_length=MAX_LINES)
    total_amount = AmountField()

    def validate_or_raise(self) -> None:
        """Raise InvalidBody with one Bangla line for each field that is wrong."""
        if not self.is_valid():
            raise InvalidBody(problem_lines(self.errors))

    def customer(self) -> Customer:
        data = self.validated_data
        address = data["delivery_address"].strip()
        area, city, postcode = split_address(address)
        return Customer(
            name=data["customer_name"].strip(),
            email=data["customer_email"].lower(),
            phone=data["customer_phone"],
            address_line=address,
            area=area,
            city=city,
            postcode=postcode,
            delivery_zone=zone_for_address(area=area, city=city),
        )

    def lines(self) -> list[OrderLine]:
        return [
            OrderLine(product_id=item["product_id"], quantity=item["quantity"], expected_price=item["price"])
            for item in self.validated_data["items"]
        ]

    @property
    def total_sent(self) -> Decimal:
        return self.validated_data["total_amount"]

    def request_hash(self, user) -> str:
        """The body as the shop reads it (phone normalised, amounts to the paisa), with who sent it:
        two taps of one button hash alike, a corrected address or another account does not."""
        data = self.validated_data
        body = {
            "user": user.pk if user is not None and user.is_authenticated else None,
            "customer_name": data["customer_name"].strip(),
            "customer_email": data["customer_email"].lower(),
            "customer_phone": data["customer_phone"],
            "delivery_address": data["delivery_address"].strip(),
            "items": [[item["product_id"], item["quantity"], str(item["price"])] for item in data["items"]],
            "total_amount": str(data["total_amount"]),
        }
        return hashlib.sha256(json.dumps(["legacy", body], sort_keys=True).encode()).hexdigest()


_SEGMENTS = re.compile(r"\s*[,\n]\s*")
_WORDS = re.compile(r"[\s\-–/.()]+")
_POSTCODE = re.compile(r"\b([0-9০-৯]{4})\b")
_BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")


def split_address(address: str) -> tuple[str, str, str]:
    """(area, city, postcode) from the one address line the old client sends.

    The city is the last comma-separated part without its postcode ("Mirpur 10, Dhaka-1216" is in
    Dhaka), as the shopper wrote it; the area is the part before it, or the city itself. Whether
    that is inside Dhaka is the same rule as every door's (orders' zone_for_address), so
    "Hemayetpur, Savar, Dhaka District" is outside Dhaka here as it is in API v1.
    """
    segments = [segment for segment in _SEGMENTS.split(address) if segment] or [address]
    last = segments[-1]
    postcode_match = _POSTCODE.search(last)
    postcode = postcode_match.group(1).translate(_BANGLA_DIGITS) if postcode_match else ""
    city = " ".join(word for word in _WORDS.split(_POSTCODE.sub(" ", last)) if word) or last
    area = segments[-2] if len(segments) > 1 else city
    return area[:100], city[:100], postcode


def problem_lines(errors) -> list[str]:
    """One Bangla sentence per field in error, in the body's order."""
    if not isinstance(errors, dict) or "non_field_errors" in errors:
        return [_("Send the order as a JSON object with its customer details and items.")]
    lines = []
    for field, message in _field_problems().items():
        if field in errors:
            lines.append(message)
    items = errors.get("items")
    # Per-item errors come as {index: {field: [...]}}; a wrong list itself as [...] or {"non_field_errors"}.
    if isinstance(items, dict) and all(isinstance(index, int) for index in items):
        lines.remove(_field_problems()["items"])
        for index, error in sorted(items.items()):
            for field in ("product_id", "quantity", "price"):
                if field in error:
                    lines.append(fill_numbers(_item_problem(field), number=index + 1, max=MAX_QUANTITY))
    return lines


def _field_problems() -> dict[str, str]:
    return {
        "customer_name": _("Enter your name (up to 150 characters)."),
        "customer_email": _("Enter a valid e-mail address."),
        "customer_phone": str(INVALID_PHONE_MESSAGE),
        "delivery_address": _("Enter the delivery address (up to 255 characters)."),
        "items": fill_numbers(_("List from 1 to %(max)s items to order."), max=MAX_LINES),
        "total_amount": _("Send the order's total in taka as a number."),
    }


def _item_problem(field: str) -> str:
    return {
        "product_id": _("Item %(number)s: the product is not valid."),
        "quantity": _("Item %(number)s: the quantity must be a whole number from 1 to %(max)s."),
        "price": _("Item %(number)s: send the price in taka as a number."),
    }[field]
