from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.selectors import get_delivery_details
from checkout.cart import MAX_LINES, MAX_QUANTITY
from dhakacart.address import validate_postcode
from dhakacart.api.fields import PhoneSerializerField
from dhakacart.api.serializers import FieldsBuiltOnce
from dhakacart.contact import email_required_at_checkout
from shop.api.serializers import MAX_ID

from ..models import DeliveryZone, Order, OrderItem, PaymentMethod
from ..payments import available_payment_methods, payment_redirect_url
from ..services import Customer, OrderLine, ShownTotal, zone_for_address

CONTACT_FIELDS = ("customer_name", "customer_email", "customer_phone")
ADDRESS_FIELDS = ("address_line", "area", "city")


class OrderItemInput(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY)
    price = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="The price the client showed; a different current price gives 409 price_changed.",
    )


class OrderInput(serializers.Serializer):
    """SPEC §17's order body. Signed-in clients may leave out what their profile and default address
    hold, and may leave out `items` to order their cart; so may a guest that sends a Cart-Token."""

    customer_name = serializers.CharField(max_length=150, required=False)
    customer_email = serializers.EmailField(
        max_length=254,
        required=False,
        allow_blank=True,
        help_text="Required only while the shop sends no SMS; the confirmation e-mail goes here when given.",
    )
    customer_phone = PhoneSerializerField(required=False)
    address_line = serializers.CharField(max_length=255, required=False)
    area = serializers.CharField(max_length=100, required=False)
    city = serializers.CharField(max_length=100, required=False)
    postcode = serializers.CharField(
        max_length=10, required=False, allow_blank=True, validators=[validate_postcode]
    )
    delivery_zone = serializers.ChoiceField(
        choices=DeliveryZone.choices, required=False, help_text="Defaults from the city."
    )
    payment_method = serializers.ChoiceField(
        choices=PaymentMethod.choices,
        default=PaymentMethod.CASH_ON_DELIVERY,
        help_text="bkash and sslcommerz only when the shop has them configured; then the order awaits "
        "payment and `payment.redirect_url` is where the shopper pays.",
    )
    items = OrderItemInput(many=True, required=False, min_length=1, max_length=MAX_LINES)
    voucher_code = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        help_text="A promo code. Ordering the cart without one uses the cart's code.",
    )
    total = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="The total the client showed; a different one gives 409 total_changed with the "
        "current total, promo code, discount and delivery fee, and no order.",
    )

    def validate_payment_method(self, value):
        if value not in available_payment_methods():
            raise serializers.ValidationError(_("This payment method is not available right now."))
        return value

    def validate(self, data):
        user = self.context["request"].user
        data = {**self._from_account(user), **data}
        missing = {
            name: [_("This field is required.")]
            for name in (*CONTACT_FIELDS, *ADDRESS_FIELDS)
            if not str(data.get(name) or "").strip()
            and (name != "customer_email" or email_required_at_checkout())
        }
        if "items" not in data and not user.is_authenticated and not self.context.get("cart_token"):
            missing["items"] = [_("Guests list the items to order, or send their cart's Cart-Token.")]
        if missing:
            raise serializers.ValidationError(missing)
        return data

    @staticmethod
    def _from_account(user) -> dict:
        """What a signed-in client may leave out: its profile's contact and its default address."""
        details = get_delivery_details(user=user)
        for page_name, api_name in (("email", "customer_email"), ("phone", "customer_phone")):
            if page_name in details:
                details[api_name] = details.pop(page_name)
        return details

    def customer(self) -> Customer:
        data = self.validated_data
        area, city = data["area"].strip(), data["city"].strip()
        return Customer(
            name=data["customer_name"].strip(),
            email=data.get("customer_email", "").lower(),
            phone=data["customer_phone"],
            address_line=data["address_line"].strip(),
            area=area,
            city=city,
            postcode=data.get("postcode", ""),
            delivery_zone=data.get("delivery_zone") or zone_for_address(area=area, city=city),
            payment_method=data["payment_method"],
        )

    def shown_total(self) -> ShownTotal | None:
        total = self.validated_data.get("total")
        return None if total is None else ShownTotal(total=total)

    def lines(self) -> list[OrderLine] | None:
        """The items sent, or None: order the cart."""
        if "items" not in self.validated_data:
            return None
        return [
            OrderLine(
                product_id=item["product_id"], quantity=item["quantity"], expected_price=item.get("price")
            )
            for item in self.validated_data["items"]
        ]


class OrderItemOutput(FieldsBuiltOnce, serializers.ModelSerializer):
    class Meta:
        model = OrderItem
        fields = [
            "product_id",
            "product_name",
            "product_name_bn",
            "product_sku",
            "unit_price",
            "quantity",
            "line_total",
        ]


class PaymentOutput(serializers.Serializer):
    redirect_url = serializers.URLField(help_text="The gateway's page where the shopper pays.")


class OrderOutput(FieldsBuiltOnce, serializers.ModelSerializer):
    customer_email = serializers.EmailField(source="email")
    customer_phone = serializers.CharField(source="phone")
    items = OrderItemOutput(source="lines", many=True)
    can_cancel = serializers.BooleanField(
        source="shopper_can_cancel", help_text="The customer may still cancel it (it is pending)."
    )
    payment = serializers.SerializerMethodField(
        help_text="While the order awaits payment, where the shopper pays; otherwise null. "
        "POST orders/<number>/pay/ starts a new attempt."
    )

    @extend_schema_field(PaymentOutput(allow_null=True))
    def get_payment(self, order) -> dict | None:
        url = payment_redirect_url(order)
        return {"redirect_url": url} if url else None

    class Meta:
        model = Order
        fields = [
            "number",
            "token",
            "status",
            "customer_name",
            "customer_email",
            "customer_phone",
            "address_line",
            "area",
            "city",
            "postcode",
            "delivery_zone",
            "payment_method",
            "payment_status",
            "payment",
            "subtotal",
            "delivery_fee",
            "voucher_code",
            "discount",
            "total",
            "items",
            "can_cancel",
            "created_at",
        ]
