from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from dhakacart.money import format_taka
from dhakacart.phone import PhoneField

from .exceptions import InvalidTransition
from .models import Order, OrderItem, OrderStatusChange
from .services import cancel_order, confirm_order, deliver_order, ship_order


class OrderAdminForm(forms.ModelForm):
    phone = PhoneField()

    class Meta:
        model = Order
        fields = (
            "customer_name",
            "email",
            "phone",
            "address_line",
            "area",
            "city",
            "postcode",
            "delivery_zone",
        )


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    fields = ("product_name", "product_sku", "unit_price", "quantity", "line_total", "product")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OrderStatusChangeInline(admin.TabularInline):
    model = OrderStatusChange
    fields = ("created_at", "from_status", "to_status", "changed_by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("status history")

    def has_add_permission(self, request, obj=None):
        return False


def _lifecycle_action(service, description: str, done: str):
    """An admin action that moves each selected order through `service`, one by one."""

    def action(modeladmin, request, queryset):
        moved, refused = 0, []
        for order in queryset.order_by("pk"):
            try:
                service(order=order, by=request.user)
                moved += 1
            except InvalidTransition as error:
                refused.append(f"{order.number}: {error.message}")
        if moved:
            modeladmin.message_user(request, str(done) % {"count": moved}, messages.SUCCESS)
        for line in refused:
            modeladmin.message_user(request, line, messages.ERROR)

    action.__name__ = service.__name__
    action.short_description = description
    action.allowed_permissions = ("change",)
    return action


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    form = OrderAdminForm
    list_display = (
        "number",
        "customer_name",
        "phone",
        "total_taka",
        "status",
        "created_at",
        "confirmation_sent",
    )
    list_filter = ("status", "delivery_zone", "created_at")
    date_hierarchy = "created_at"
    search_fields = ("number", "phone", "email", "customer_name")
    list_select_related = ("user",)
    readonly_fields = (
        "number",
        "status",
        "user",
        "subtotal",
        "delivery_fee",
        "total",
        "payment_method",
        "language",
        "created_at",
        "updated_at",
        "confirmation_sent_at",
    )
    fieldsets = (
        (None, {"fields": ("number", "status", "user", "created_at", "updated_at", "confirmation_sent_at")}),
        (_("Customer"), {"fields": ("customer_name", "email", "phone", "language")}),
        (_("Delivery"), {"fields": ("address_line", "area", "city", "postcode", "delivery_zone")}),
        (_("Money"), {"fields": ("payment_method", "subtotal", "delivery_fee", "total")}),
    )
    inlines = (OrderItemInline, OrderStatusChangeInline)
    actions = (
        _lifecycle_action(confirm_order, _("Confirm selected orders"), _("Confirmed %(count)d order(s).")),
        _lifecycle_action(
            ship_order, _("Mark selected orders shipped"), _("Marked %(count)d order(s) shipped.")
        ),
        _lifecycle_action(
            deliver_order, _("Mark selected orders delivered"), _("Marked %(count)d order(s) delivered.")
        ),
        _lifecycle_action(
            cancel_order, _("Cancel selected orders (stock goes back)"), _("Cancelled %(count)d order(s).")
        ),
    )

    def get_search_results(self, request, queryset, search_term):
        """Also by id: the first DhakaCart clients show an order as `#<id>`, and shoppers quote it."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip().removeprefix("#")
        if term.isascii() and term.isdigit() and len(term) <= 18:
            found |= queryset.filter(pk=int(term))
        return found, may_have_duplicates

    @admin.display(description=_("total"), ordering="total")
    def total_taka(self, order):
        return format_taka(order.total)

    @admin.display(description=_("e-mail sent"), boolean=True)
    def confirmation_sent(self, order):
        return order.confirmation_sent_at is not None

    def has_add_permission(self, request):
        return False  # orders come from checkout, with stock taken

    def has_delete_permission(self, request, obj=None):
        return False  # an order is cancelled, never deleted
