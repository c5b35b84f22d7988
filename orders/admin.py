from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dhakacart.money import format_taka
from dhakacart.phone import PhoneField

from .exceptions import InvalidTransition
from .models import Order, OrderItem, OrderStatusChange
from .services import cancel_order, confirm_order, deliver_order, ship_order
from .services.confirmation import retry_confirmation
from .services.placement import queue_confirmation


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


class ConfirmationStateFilter(admin.SimpleListFilter):
    """Find the orders whose confirmation e-mail is given up, so staff can call the shopper."""

    title = _("confirmation e-mail")
    parameter_name = "confirmation"

    def lookups(self, request, model_admin):
        return [("sent", _("Sent")), ("waiting", _("Not sent yet")), ("given_up", _("Given up"))]

    def queryset(self, request, queryset):
        match self.value():
            case "sent":
                return queryset.filter(confirmation_sent_at__isnull=False)
            case "waiting":
                return queryset.filter(
                    confirmation_sent_at__isnull=True, confirmation_given_up_at__isnull=True
                )
            case "given_up":
                return queryset.filter(
                    confirmation_sent_at__isnull=True, confirmation_given_up_at__isnull=False
                )
        return queryset


def extend_order_admin(*, inlines=(), actions=()) -> None:
    """Apps above orders (payments, SMS) add their inlines and actions to the order's admin page;
    called from their admin modules, so orders import none of them and every app's part shows."""
    OrderAdmin.inlines = (*OrderAdmin.inlines, *inlines)
    OrderAdmin.actions = (*OrderAdmin.actions, *actions)


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    form = OrderAdminForm
    list_display = (
        "number",
        "customer_name",
        "phone",
        "total_taka",
        "status",
        "payment_status",
        "created_at",
        "confirmation_state",
    )
    list_filter = ("status", "payment_status", ConfirmationStateFilter, "delivery_zone", "created_at")
    date_hierarchy = "created_at"
    search_fields = ("number", "phone", "email", "customer_name")
    list_select_related = ("user",)
    readonly_fields = (
        "number",
        "status",
        "user",
        "subtotal",
        "voucher_code",
        "discount",
        "delivery_fee",
        "total",
        "payment_method",
        "payment_status",
        "language",
        "created_at",
        "updated_at",
        "confirmation_sent_at",
        "confirmation_attempts",
        "confirmation_next_attempt_at",
        "confirmation_given_up_at",
    )
    fieldsets = (
        (None, {"fields": ("number", "status", "user", "created_at", "updated_at")}),
        (
            _("Confirmation e-mail"),
            {
                "fields": (
                    "confirmation_sent_at",
                    "confirmation_attempts",
                    "confirmation_next_attempt_at",
                    "confirmation_given_up_at",
                )
            },
        ),
        (_("Customer"), {"fields": ("customer_name", "email", "phone", "language")}),
        (_("Delivery"), {"fields": ("address_line", "area", "city", "postcode", "delivery_zone")}),
        (
            _("Money"),
            {
                "fields": (
                    "payment_method",
                    "payment_status",
                    "subtotal",
                    "voucher_code",
                    "discount",
                    "delivery_fee",
                    "total",
                )
            },
        ),
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
        "retry_confirmations",
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

    @admin.display(description=_("confirmation e-mail"), ordering="confirmation_sent_at")
    def confirmation_state(self, order):
        if order.confirmation_sent_at is not None:
            return _("Sent")
        if order.confirmation_given_up_at is not None:
            return _("Given up after %(count)d attempts") % {"count": order.confirmation_attempts}
        if order.confirmation_attempts and order.confirmation_next_attempt_at:
            when = date_format(timezone.localtime(order.confirmation_next_attempt_at), "TIME_FORMAT")
            return _("Failed %(count)d times, next try at %(time)s") % {
                "count": order.confirmation_attempts,
                "time": when,
            }
        return _("Not sent yet")

    @admin.action(description=_("Send the confirmation e-mail again"), permissions=["change"])
    def retry_confirmations(self, request, queryset):
        retried = [order for order in queryset.order_by("pk") if retry_confirmation(order=order)]
        for order in retried:
            queue_confirmation(order_id=order.pk)  # with the broker down, the sweep sends it
        message = ngettext(
            "Queued the confirmation of %(count)d order.",
            "Queued the confirmations of %(count)d orders.",
            len(retried),
        )
        self.message_user(request, message % {"count": len(retried)}, messages.SUCCESS)

    def has_add_permission(self, request):
        return False  # orders come from checkout, with stock taken

    def has_delete_permission(self, request, obj=None):
        return False  # an order is cancelled, never deleted
