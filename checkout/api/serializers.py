from rest_framework import serializers

from shop.api.serializers import MAX_ID, ProductOutput

from ..cart import MAX_QUANTITY


class CartItemInput(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY)


class CartQuantityInput(serializers.Serializer):
    """0 removes the line."""

    quantity = serializers.IntegerField(min_value=0, max_value=MAX_QUANTITY)


class CartLineOutput(serializers.Serializer):
    product = ProductOutput()
    quantity = serializers.IntegerField()
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    available = serializers.BooleanField(help_text="The product can still be sold and has stock.")
    enough_stock = serializers.BooleanField(help_text="The shop has at least this quantity.")


class VoucherRefusalOutput(serializers.Serializer):
    code = serializers.CharField(help_text="voucher_expired, voucher_minimum_not_met, voucher_used_up, …")
    message = serializers.CharField()


class CartOutput(serializers.Serializer):
    """A cart with its promo code priced as checkout would charge it now (delivery comes at checkout)."""

    lines = CartLineOutput(many=True, source="summary.lines")
    unit_count = serializers.IntegerField(source="summary.unit_count")
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2, source="pricing.subtotal")
    voucher_code = serializers.CharField(source="pricing.voucher_code", help_text="Empty without a code.")
    discount = serializers.DecimalField(max_digits=12, decimal_places=2, source="pricing.discount")
    free_delivery = serializers.BooleanField(source="pricing.free_delivery")
    voucher_refusal = VoucherRefusalOutput(
        source="pricing.refusal", allow_null=True, help_text="Why the cart's code does not apply now."
    )
    items_total = serializers.DecimalField(
        max_digits=12, decimal_places=2, source="pricing.items_total", help_text="Subtotal less the discount."
    )
    ready_for_checkout = serializers.BooleanField(source="summary.ready_for_checkout")
