from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

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
