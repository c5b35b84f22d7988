from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..cart import MAX_QUANTITY
from ..models import Category, Product

MAX_ID = 2**63 - 1


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


class CategoryOutput(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Category
        fields = ["id", "slug", "name", "name_bn", "description", "parent"]


class ProductCategoryOutput(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name", "name_bn"]


class ProductOutput(serializers.ModelSerializer):
    """A product as mobile apps show it: both names, prices as "420.00", the stock state."""

    category = ProductCategoryOutput(read_only=True)
    rating = serializers.DecimalField(
        source="rating_average", max_digits=2, decimal_places=1, read_only=True, allow_null=True,
        help_text="Average of the published reviews, one decimal; null without reviews.",
    )  # fmt: skip
    description = serializers.CharField(
        source="display_description", read_only=True,
        help_text="In the request's language (Accept-Language: bn gives the Bangla description, or the "
        "English one when there is none yet).",
    )  # fmt: skip
    stock_state = serializers.SerializerMethodField()
    image_url = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "id",
            "slug",
            "sku",
            "name",
            "name_bn",
            "description",
            "description_bn",
            "price",
            "compare_at_price",
            "stock",
            "stock_state",
            "rating",
            "reviews_count",
            "image_url",
            "category",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=["in_stock", "low_stock", "out_of_stock"]))
    def get_stock_state(self, product) -> str:
        return product.stock_state

    def get_image_url(self, product) -> str:
        return absolute(self.context.get("request"), product.image_url)


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
