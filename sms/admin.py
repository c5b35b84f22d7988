"""Staff see each order's SMS on the order's page and can send one again.

Orders know nothing of SMS, so the order admin is extended here with the SMS log as one more
inline and a resend action (orders.admin.extend_order_admin).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from orders.admin import extend_order_admin

from .models import Message
from .services.orders import resend_order_sms

LOG_FIELDS = (
    "created_at",
    "event",
    "resend",
    "text",
    "delivery",
    "sent_at",
    "backend",
    "gateway_status",
    "gateway_reference",
    "attempts",
    "last_error",
)


class SmsLogInline(admin.TabularInline):
    model = Message
    fields = LOG_FIELDS
    readonly_fields = LOG_FIELDS
    extra = 0
    can_delete = False
    verbose_name_plural = _("SMS log")

    @admin.display(description=_("status"))
    def delivery(self, message):
        return message.status

    # Whoever may see the order may see what was sent about it.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("orders.view_order")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.action(description=_("Send the latest SMS again"), permissions=["change"])
def resend_latest_sms(modeladmin, request, queryset):
    resent = 0
    for order in queryset.order_by("pk"):
        latest = Message.objects.filter(order=order).order_by("-created_at", "-pk").first()
        if latest is not None and resend_order_sms(message=latest):
            resent += 1
    message = ngettext(
        "Queued the latest SMS of %(count)d order again.",
        "Queued the latest SMS of %(count)d orders again.",
        resent,
    )
    modeladmin.message_user(request, message % {"count": resent}, messages.SUCCESS)


extend_order_admin(inlines=(SmsLogInline,), actions=(resend_latest_sms,))


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "order", "event", "phone", "delivery", "backend", "attempts")
    list_filter = ("event", "backend", ("sent_at", admin.EmptyFieldListFilter), "given_up_at")
    search_fields = ("order__number", "phone", "csms_id")
    readonly_fields = ("order", "csms_id", "phone", *LOG_FIELDS, "next_attempt_at", "given_up_at")
    fields = readonly_fields
    list_select_related = ("order",)

    @admin.display(description=_("status"))
    def delivery(self, message):
        return message.status

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
