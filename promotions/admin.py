import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dhakacart.money import format_taka

from .models import Voucher, VoucherKind, VoucherUse, normalise_code
from .services import BULK_MAX_COUNT, BULK_SUFFIX_LENGTH, create_single_use_vouchers

CSV_COLUMNS = (
    "code",
    "kind",
    "percent",
    "amount",
    "max_discount",
    "minimum_subtotal",
    "valid_from",
    "valid_until",
    "total_uses",
    "uses_per_customer",
    "times_used",
    "remaining_uses",
    "is_active",
    "campaign",
)
TERMS = (
    "kind",
    "percent",
    "amount",
    "max_discount",
    "minimum_subtotal",
    "valid_from",
    "valid_until",
    "is_active",
)


class VoucherForm(forms.ModelForm):
    class Meta:
        model = Voucher
        fields = ("code", *TERMS, "total_uses", "uses_per_customer")

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


class BulkCreateForm(forms.ModelForm):
    """The terms of a batch of single-use codes; each code is PREFIX-XXXXXXXX."""

    prefix = forms.RegexField(
        label=_("Prefix"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9-]*$",
        max_length=32 - 1 - BULK_SUFFIX_LENGTH,
        help_text=_("Letters, digits and dashes, e.g. RAFSAN-EID."),
        error_messages={"invalid": _("Use letters, digits and dashes, starting with a letter or digit.")},
    )
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=BULK_MAX_COUNT)

    class Meta:
        model = Voucher
        fields = ("prefix", "count", *TERMS)


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [
            ("current", _("Current")),
            ("expired", _("Expired")),
            ("upcoming", _("Not started yet")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        started = Q(valid_from__isnull=True) | Q(valid_from__lte=now)
        ended = Q(valid_until__isnull=False, valid_until__lte=now)
        match self.value():
            case "current":
                return queryset.filter(started).exclude(ended)
            case "expired":
                return queryset.filter(ended)
            case "upcoming":
                return queryset.filter(valid_from__gt=now)
        return queryset


class VoucherUseInline(admin.TabularInline):
    """The orders that used the voucher, for reading: each links to its order in the order list."""

    model = VoucherUse
    fields = ("order_link", "user", "phone", "discount", "used_at", "released_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name = _("order that used it")
    verbose_name_plural = _("orders that used it")
    ordering = ("-used_at", "-id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("orders.view_order")

    @admin.display(description=_("order"))
    def order_link(self, use):
        changelist = reverse("admin:orders_order_changelist")
        return format_html(
            '<a href="{}?{}">{}</a>', changelist, urlencode({"q": use.order_number}), use.order_number
        )


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    form = VoucherForm
    change_list_template = "admin/promotions/voucher/change_list.html"
    list_display = (
        "code",
        "kind",
        "value",
        "minimum_subtotal",
        "valid_from",
        "valid_until",
        "times_used",
        "remaining",
        "uses_per_customer",
        "is_active",
    )
    list_filter = ("is_active", ValidityFilter, "kind", "campaign")
    search_fields = ("code",)
    readonly_fields = ("times_used", "remaining", "campaign", "created_at")
    fieldsets = (
        (None, {"fields": ("code", "is_active", "campaign", "created_at")}),
        (_("Discount"), {"fields": ("kind", "percent", "amount", "max_discount", "minimum_subtotal")}),
        (_("When"), {"fields": ("valid_from", "valid_until")}),
        (_("Uses"), {"fields": ("total_uses", "uses_per_customer", "times_used", "remaining")}),
    )
    inlines = (VoucherUseInline,)
    actions = ("export_csv",)

    @admin.display(description=_("value"))
    def value(self, voucher):
        if voucher.kind == VoucherKind.PERCENTAGE:
            text = f"{voucher.percent.normalize():f} %"
            if voucher.max_discount is not None:
                text += " " + str(_("up to %(cap)s") % {"cap": format_taka(voucher.max_discount)})
            return text
        if voucher.kind == VoucherKind.FIXED:
            return format_taka(voucher.amount)
        return voucher.get_kind_display()

    @admin.display(description=_("remaining"))
    def remaining(self, voucher):
        remaining = voucher.remaining_uses
        return _("unlimited") if remaining is None else remaining

    def get_readonly_fields(self, request, obj=None):
        # A code already given to shoppers keeps its spelling and its kind.
        if obj is not None and obj.times_used:
            return (*self.readonly_fields, "code", "kind")
        return self.readonly_fields

    @admin.action(description=_("Export selected vouchers to CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"dhakacart-vouchers-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for voucher in queryset.order_by("code"):
            writer.writerow(
                [
                    voucher.code,
                    voucher.kind,
                    _blank(voucher.percent),
                    _blank(voucher.amount),
                    _blank(voucher.max_discount),
                    voucher.minimum_subtotal,
                    _local(voucher.valid_from),
                    _local(voucher.valid_until),
                    _blank(voucher.total_uses),
                    _blank(voucher.uses_per_customer),
                    voucher.times_used,
                    _blank(voucher.remaining_uses),
                    voucher.is_active,
                    voucher.campaign,
                ]
            )
        return response

    def get_urls(self):
        bulk = path(
            "bulk-create/",
            self.admin_site.admin_view(self.bulk_create_view),
            name="promotions_voucher_bulk_create",
        )
        return [bulk, *super().get_urls()]

    def bulk_create_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BulkCreateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            terms = {field: form.cleaned_data[field] for field in TERMS}
            vouchers = create_single_use_vouchers(
                prefix=form.cleaned_data["prefix"], count=form.cleaned_data["count"], terms=terms
            )
            message = ngettext(
                "Created %(count)d single-use code.", "Created %(count)d single-use codes.", len(vouchers)
            )
            self.message_user(request, message % {"count": len(vouchers)}, messages.SUCCESS)
            changelist = reverse("admin:promotions_voucher_changelist")
            return redirect(f"{changelist}?{urlencode({'campaign': vouchers[0].campaign})}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Create single-use codes"),
            "form": form,
        }
        return TemplateResponse(request, "admin/promotions/voucher/bulk_create.html", context)


def _blank(value):
    return "" if value is None else value


def _local(moment):
    return "" if moment is None else timezone.localtime(moment).isoformat(timespec="minutes")
