from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import ProductFilters

TRUE_VALUES = {"1", "true", "on", "yes"}
SEARCH_MAX_LENGTH = 200
PRICE_LIMIT = Decimal("10000000")


class ProductFilterForm(forms.Form):
    """Validates the list page's query string. A bad value is dropped with a message, never a 500."""

    SORT_CHOICES = [
        ("newest", _("Newest")),
        ("price_asc", _("Price: low to high")),
        ("price_desc", _("Price: high to low")),
        ("name", _("Name")),
    ]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": _("Search text can be at most %(limit_value)d characters.")},
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    min_price = forms.DecimalField(
        label=_("Min price (৳)"), required=False, min_value=0, max_value=PRICE_LIMIT, decimal_places=2
    )
    max_price = forms.DecimalField(
        label=_("Max price (৳)"), required=False, min_value=0, max_value=PRICE_LIMIT, decimal_places=2
    )
    in_stock = forms.CharField(label=_("In stock only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[("", _("Best match"))] + SORT_CHOICES
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {category.slug: category for category in categories}
        self.fields["category"].choices = [("", _("All categories"))] + [
            (category.slug, category.display_name) for category in categories
        ]
        if not (self.data.get("q") or "").strip():
            self.fields["sort"].choices = self.SORT_CHOICES  # "best match" means nothing without a search
        for name in ("min_price", "max_price"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "placeholder": "0"})

    def clean_in_stock(self) -> bool:
        return self.cleaned_data["in_stock"].strip().lower() in TRUE_VALUES

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_price"), cleaned.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", _("The maximum price is below the minimum price."))
        return cleaned

    def filters(self, *, category=None) -> ProductFilters:
        """The filters that passed validation; invalid ones are left out (the page says so)."""
        data = self.cleaned_data if self.is_bound else {}
        return ProductFilters(
            q=(data.get("q") or "").strip(),
            category=category or self.categories.get(data.get("category") or ""),
            min_price=data.get("min_price"),
            max_price=data.get("max_price"),
            in_stock=bool(data.get("in_stock")),
            sort=data.get("sort") or "",
        )

    def problems(self) -> list[str]:
        return [str(message) for messages in self.errors.values() for message in messages]
