"""Staff see every attempt and gateway event on the order, re-check with the gateway and refund.

orders' admin knows nothing of payments (the layers point down): the order admin is extended
here with the attempts inline and two actions (orders.admin.extend_order_admin).
"""

from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dhakacart.money import format_taka
from orders.admin import extend_order_admin

from .exceptions import PaymentError
from .models import AttemptStatus, PaymentAttempt, PaymentEvent
from .services import recheck_payment, request_refund


def _events(attempt) -> str:
    return format_html_join(
        "",
        "<div>{} {} {} · {} · {}</div>",
        (
            (
                event.get_kind_display(),
                event.transaction_id,
                format_taka(event.amount),
                event.raw_status,
                event.source,
            )
            for event in attempt.events.all()
        ),
    )


class PaymentAttemptInline(admin.TabularInline):
    model = PaymentAttempt
    fields = (
        "created_at",
        "gateway",
        "reference",
        "gateway_id",
        "amount",
        "status",
        "raw_status",
        "arrived_late",
        "refund_tries",
        "gateway_events",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("events")

    @admin.display(description=_("gateway transactions"))
    def gateway_events(self, attempt):
        return _events(attempt)


@admin.action(description=_("Re-check payments with the gateway"), permissions=["change"])
def recheck_payments(modeladmin, request, queryset):
    asked, unanswered = 0, []
    attempts = PaymentAttempt.objects.filter(order__in=queryset).exclude(gateway_id="")
    for attempt in attempts.select_related("order").order_by("pk"):
        try:
            recheck_payment(attempt=attempt, source="staff")
            asked += 1
        except PaymentError as error:
            unanswered.append(f"{attempt.order.number} ({attempt.reference}): {error.message}")
    message = ngettext(
        "Asked the gateway about %(count)d payment attempt.",
        "Asked the gateway about %(count)d payment attempts.",
        asked,
    )
    modeladmin.message_user(request, message % {"count": asked}, messages.SUCCESS)
    for line in unanswered:
        modeladmin.message_user(request, line, messages.ERROR)


@admin.action(description=_("Refund the payments of selected orders"), permissions=["change"])
def refund_payments(modeladmin, request, queryset):
    attempts = PaymentAttempt.objects.filter(
        order__in=queryset, status__in=(AttemptStatus.PAID, AttemptStatus.REVIEW)
    ).order_by("pk")
    refunded = sum(request_refund(attempt=attempt) for attempt in attempts)
    message = ngettext(
        "Started the refund of %(count)d payment; the order shows when it is done.",
        "Started the refunds of %(count)d payments; the orders show when they are done.",
        refunded,
    )
    modeladmin.message_user(request, message % {"count": refunded}, messages.SUCCESS)


extend_order_admin(inlines=(PaymentAttemptInline,), actions=(recheck_payments, refund_payments))


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    fields = ("created_at", "kind", "transaction_id", "amount", "raw_status", "source", "details")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(admin.ModelAdmin):
    """Every attempt, to find the late payments, the held ones and the refunds still pending."""

    list_display = ("reference", "order", "gateway", "amount", "status", "arrived_late", "created_at")
    list_filter = ("status", "gateway", "arrived_late", "created_at")
    search_fields = ("reference", "gateway_id", "order__number", "events__transaction_id")
    list_select_related = ("order",)
    readonly_fields = [field.name for field in PaymentAttempt._meta.fields]
    inlines = (PaymentEventInline,)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
