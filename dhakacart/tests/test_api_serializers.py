from rest_framework import serializers

from dhakacart.api.serializers import FieldsBuiltOnce
from shop.models import Category


class CategoryOutput(FieldsBuiltOnce, serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["name", "slug"]


def test_fields_built_once_give_each_instance_its_own_bound_copies():
    first, second = (
        CategoryOutput(Category(name="Rice", slug="rice")),
        CategoryOutput(Category(name="Oil", slug="oil")),
    )

    assert first.data == {"name": "Rice", "slug": "rice"} and second.data == {"name": "Oil", "slug": "oil"}
    assert first.fields["name"] is not second.fields["name"]
    assert first.fields["name"].parent is first and second.fields["name"].parent is second
