"""The product list's filters: one definition for the list page and for API v1.

Both doors take `q`, `category` (slug), `min_price`, `max_price` and `in_stock`; they differ only
in how a sort is named (`sort=price_asc` on pages, DRF's `ordering=price` in the API), so each
door has a small subclass that adds its own sort parameter. Invalid values never reach the
query: the page drops them with a note (`problems()`), the API answers 400.
"""

from decimal import Decimal

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from dhakacart.money import fill_numbers_lazy

from .models import Product
from .search import search_products
from .selectors import SORTS, ProductFilters, category_with_children_ids, list_categories

SEARCH_MAX_LENGTH = 200
PRICE_LIMIT = Decimal("10000000")
TRUE_VALUES = {"1", "true", "on", "yes"}
FALSE_VALUES = {"", "0", "false", "off", "no"}


class YesNoField(forms.Field):
    """`1`/`true`/`on`/`yes` → True, `0`/`false`/`off`/`no`/empty → False, anything else invalid."""

    default_error_messages = {"invalid": _("Use 1 or 0 (true or false).")}

    def to_python(self, value) -> bool:
        text = str(value or "").strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class ProductFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_price"), cleaned.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", _("The maximum price is below the minimum price."))
        return cleaned


@extend_schema_field(OpenApiTypes.BOOL)
class YesNoFilter(django_filters.Filter):
    field_class = YesNoField


def price_filter(label, lookup: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name="price",
        lookup_expr=lookup,
        label=label,
        min_value=0,
        max_value=PRICE_LIMIT,
        decimal_places=2,
    )


class ProductFilter(django_filters.FilterSet):
    """Filters shared by every door. Sorting is applied last, after search ranks the matches."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="keep",
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": fill_numbers_lazy(
                _("Search text can be at most %(limit_value)s characters."), limit_value=SEARCH_MAX_LENGTH
            )
        },
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), method="keep", empty_label=_("All categories")
    )
    min_price = price_filter(_("Min price (৳)"), "gte")
    max_price = price_filter(_("Max price (৳)"), "lte")
    in_stock = YesNoFilter(label=_("In stock only"), method="keep")

    # The door's sort parameter name and {value: key of SORTS}; set by each subclass.
    sort_param = ""
    sort_values: dict[str, str] = {}

    class Meta:
        model = Product
        fields: list[str] = []
        form = ProductFilterForm

    def __init__(self, data=None, *, category=None, **kwargs):
        kwargs.setdefault("queryset", Product.objects.active().select_related("category"))
        super().__init__(data, **kwargs)
        self.categories = {item.slug: item for item in list_categories()}
        self.fixed_category = category  # /category/<slug>/ pages: the URL chooses it
        self.filters["category"].extra["choices"] = [
            (item.slug, item.display_name) for item in self.categories.values()
        ]
        for name in ("min_price", "max_price"):
            self.form.fields[name].widget.attrs.update({"inputmode": "decimal", "placeholder": "0"})

    def keep(self, queryset, name, value):
        """Search, category, stock and sort are applied together in filter_queryset."""
        return queryset

    def clean_values(self) -> dict:
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {})

    def values(self) -> ProductFilters:
        """What the shopper asked for, validated; invalid values are left out."""
        data = self.clean_values()
        return ProductFilters(
            q=(data.get("q") or "").strip(),
            category=self.fixed_category or self.categories.get(data.get("category") or ""),
            min_price=data.get("min_price"),
            max_price=data.get("max_price"),
            in_stock=bool(data.get("in_stock")),
            sort=self.sort_values.get(data.get(self.sort_param) or "", ""),
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)  # the price range
        wanted = self.values()
        if wanted.category is not None:
            queryset = queryset.filter(category_id__in=category_with_children_ids(wanted.category))
        if wanted.in_stock:
            queryset = queryset.in_stock()
        if wanted.q:
            queryset = search_products(queryset, wanted.q)
            if not wanted.sort:
                return queryset.order_by("-relevance", "-id")
        return queryset.order_by(*SORTS[wanted.sort or "newest"])

    def problems(self) -> list[str]:
        """One sentence per invalid value, for the page's note."""
        self.clean_values()
        return [str(message) for messages in self.form.errors.values() for message in messages]


class ProductListFilter(ProductFilter):
    """The list page: `sort` with the page's names; "Best match" is offered only for a search."""

    SORT_CHOICES = [
        ("newest", _("Newest")),
        ("price_asc", _("Price: low to high")),
        ("price_desc", _("Price: high to low")),
        ("name", _("Name")),
    ]
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), method="keep", choices=SORT_CHOICES, empty_label=_("Best match")
    )
    sort_param = "sort"
    sort_values = {value: value for value, _label in SORT_CHOICES}

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        if not ((data or {}).get("q") or "").strip():
            self.form.fields[
                "sort"
            ].choices = self.SORT_CHOICES  # "best match" means nothing without a search


class ProductApiFilter(ProductFilter):
    """API v1: DRF's `ordering` parameter with field-style names."""

    ordering = django_filters.ChoiceFilter(
        method="keep",
        choices=[("-created_at", "-created_at"), ("price", "price"), ("-price", "-price"), ("name", "name")],
        help_text="Sort order; without it, newest first (or best match first when `q` is given).",
    )
    sort_param = "ordering"
    sort_values = {"-created_at": "newest", "price": "price_asc", "-price": "price_desc", "name": "name"}
