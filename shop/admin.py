"""The staff side of the catalogue.

Catalogue managers edit price and stock straight from the product list, switch products on and
off in bulk and export the list as CSV. Nothing here deletes: migration 0003 explains why.
"""

import csv

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminBigIntegerFieldWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dhakacart.uploads import IMAGE_FORMATS

from .exceptions import STOCK_MOVED_MESSAGE, StockMoved
from .models import Category, Product
from .stock import set_stock

CSV_COLUMNS = (
    "sku",
    "name",
    "name_bn",
    "category",
    "price",
    "compare_at_price",
    "stock",
    "is_active",
    "updated_at",
)


class CatalogueImageField(forms.ImageField):
    """The upload input offers only the formats the model fields' validator accepts."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ",".join(IMAGE_FORMATS.values())
        return attrs


IMAGE_UPLOADS = {models.ImageField: {"form_class": CatalogueImageField}}


class ProductAdminForm(forms.ModelForm):
    """The edit page and the list's price and stock inputs.

    Gives a clear message for each rule the database enforces (instead of a generic
    "constraint violated"), and refuses a stock figure typed over one that orders have changed
    since the page was shown: the hidden initial value is the stock the staff member saw.
    """

    class Meta:
        model = Product
        fields = (
            "name",
            "name_bn",
            "slug",
            "sku",
            "category",
            "description",
            "description_bn",
            "image",
            "price",
            "compare_at_price",
            "stock",
            "is_active",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "stock" in self.fields:
            self.fields["stock"].show_hidden_initial = True

    def clean_price(self):
        price = self.cleaned_data["price"]
        if price <= 0:
            raise ValidationError(_("The price must be more than ৳0."), code="not_positive")
        return price

    def clean_stock(self):
        stock = self.cleaned_data["stock"]
        if stock < 0:
            raise ValidationError(_("Stock cannot be below 0."), code="negative")
        if self.instance.pk and "stock" in self.changed_data and self.stock_shown() != self.instance.stock:
            raise ValidationError(
                STOCK_MOVED_MESSAGE,
                code="stock_moved",
                params={"current": self.instance.stock},
            )
        return stock

    def clean(self):
        cleaned_data = super().clean()
        price = cleaned_data.get("price")
        if "compare_at_price" in self.fields:
            compare_at, field = cleaned_data.get("compare_at_price"), "compare_at_price"
        else:  # the product list edits the price alone, against the saved compare-at price
            compare_at, field = self.instance.compare_at_price, "price"
        if price is not None and compare_at is not None and compare_at <= price:
            self.add_error(
                field,
                ValidationError(
                    _("The price must be below the compare-at price (৳%(compare_at)s), or leave that empty."),
                    code="compare_at_not_above_price",
                    params={"compare_at": compare_at},
                ),
            )
        return cleaned_data

    def stock_shown(self):
        """The stock figure the page showed (sent back in a hidden input), or None."""
        field = self.fields["stock"]
        name = self["stock"].html_initial_name
        shown = field.hidden_widget().value_from_datadict(self.data, self.files, name)
        try:
            return field.to_python(shown)
        except ValidationError:
            return None


class StockStateFilter(admin.SimpleListFilter):
    title = _("stock")
    parameter_name = "stock_state"

    def lookups(self, request, model_admin):
        threshold = settings.LOW_STOCK_THRESHOLD
        return [
            ("out", _("Out of stock")),
            ("low", _("Low (1 to %(threshold)s)") % {"threshold": threshold}),
            ("in", _("In stock (more than %(threshold)s)") % {"threshold": threshold}),
        ]

    def queryset(self, request, queryset):
        threshold = settings.LOW_STOCK_THRESHOLD
        match self.value():
            case "out":
                return queryset.filter(stock=0)
            case "low":
                return queryset.filter(stock__gte=1, stock__lte=threshold)
            case "in":
                return queryset.filter(stock__gt=threshold)
        return queryset


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "name_bn", "parent", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("parent",)
    search_fields = ("name", "name_bn", "slug")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    formfield_overrides = IMAGE_UPLOADS


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    form = ProductAdminForm
    list_display = ("thumbnail", "name", "sku", "category", "price", "stock", "is_active", "updated_at")
    list_display_links = ("name",)
    list_editable = ("price", "stock")
    list_filter = ("category", "is_active", StockStateFilter)
    list_select_related = ("category",)
    search_fields = ("name", "name_bn", "sku")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "name_bn",
                    "slug",
                    "sku",
                    "category",
                    "description",
                    "description_bn",
                    "image",
                )
            },
        ),
        (_("Price and stock"), {"fields": ("price", "compare_at_price", "stock", "is_active")}),
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )
    actions = ("activate", "deactivate", "export_csv")
    formfield_overrides = {
        **IMAGE_UPLOADS,
        # Django's admin gives prices a full-width input; its 10em number input fits ৳99,999,999.99.
        models.DecimalField: {"widget": AdminBigIntegerFieldWidget},
    }
    # A filtered list need not count the whole table as well.
    show_full_result_count = False

    @admin.display(description=_("image"))
    def thumbnail(self, product):
        return format_html(
            '<img src="{}" alt="" width="48" height="48" loading="lazy" decoding="async">',
            product.image_url,
        )

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", ProductAdminForm)
        return super().get_changelist_form(request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.save()
            return
        if "stock" in form.changed_data:
            # The form checked the figure shown a moment ago, but an order may commit between
            # that check and this write: the service writes only where the stock is still the one
            # shown, and raises StockMoved (inside the admin's transaction) otherwise.
            set_stock(product_id=obj.pk, stock=obj.stock, expected=form.stock_shown())
        # Only the other fields the staff member changed: the stock is written above, and a
        # figure they left alone may be older than the one orders have written since.
        others = [name for name in form.changed_data if name != "stock"]
        if others or "stock" not in form.changed_data:
            obj.save(update_fields=[*others, "updated_at"])

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except StockMoved as refused:  # raised inside the admin's transaction: nothing was saved
            return self._stock_moved(request, refused)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except StockMoved as refused:  # the whole list's save rolled back
            return self._stock_moved(request, refused)

    def _stock_moved(self, request, refused: StockMoved):
        """Say why, then show the page again with the stock as it is now."""
        self.message_user(request, refused.message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    @admin.action(description=_("Activate selected products"), permissions=["change"])
    def activate(self, request, queryset):
        count = self._set_active(request, queryset, active=True)
        message = ngettext("%(count)d product activated.", "%(count)d products activated.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Deactivate selected products"), permissions=["change"])
    def deactivate(self, request, queryset):
        count = self._set_active(request, queryset, active=False)
        message = ngettext("%(count)d product deactivated.", "%(count)d products deactivated.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Export selected products to CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"dhakacart-products-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        # Excel reads a CSV as UTF-8 (and so shows Bangla) only when it starts with the BOM.
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for product in queryset.select_related("category").order_by("sku"):
            writer.writerow(
                [
                    _spreadsheet_safe(product.sku),
                    _spreadsheet_safe(product.name),
                    _spreadsheet_safe(product.name_bn),
                    _spreadsheet_safe(product.category.name),
                    product.price,
                    "" if product.compare_at_price is None else product.compare_at_price,
                    product.stock,
                    product.is_active,
                    timezone.localtime(product.updated_at).isoformat(timespec="seconds"),
                ]
            )
        return response

    def _set_active(self, request, queryset, *, active):
        """Switch the products that need it, one save each: post_save keeps the catalogue cache right."""
        products = list(queryset.exclude(is_active=active))
        for product in products:
            product.is_active = active
            product.save(update_fields=["is_active", "updated_at"])
            self.log_change(request, product, [{"changed": {"fields": ["is_active"]}}])
        return len(products)


def _spreadsheet_safe(text):
    """Keep a name such as "=HYPERLINK(...)" from running as a formula when the file opens in Excel."""
    if text.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + text
    return text
