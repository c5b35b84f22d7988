"""Staff moderate reviews here: hiding keeps the review and the reason, and updates the rating."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Review
from .services import hide_review, unhide_review


class HideReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=255,
        error_messages={"required": _("Say why the reviews are hidden.")},
    )


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("product", "rating", "title", "user", "verified", "is_hidden", "created_at")
    list_filter = ("is_hidden", "rating", "created_at")
    list_select_related = ("product", "user")
    search_fields = ("product__name", "product__sku", "user__email", "title", "text")
    date_hierarchy = "created_at"
    actions = ("hide", "unhide")
    readonly_fields = (
        "product",
        "user",
        "order",
        "rating",
        "title",
        "text",
        "is_hidden",
        "hidden_reason",
        "hidden_at",
        "hidden_by",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request):
        return False  # reviews come from shoppers who received the product, never from staff

    @admin.display(description=_("verified purchase"), boolean=True)
    def verified(self, review):
        return review.is_verified_purchase

    @admin.action(description=_("Hide selected reviews"), permissions=["change"])
    def hide(self, request, queryset):
        form = HideReasonForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/reviews/hide_reviews.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Hide reviews"),
                    "form": form,
                    "reviews": queryset,
                    "action_checkbox_name": ACTION_CHECKBOX_NAME,
                    "opts": self.model._meta,
                },
            )
        reviews = list(queryset.filter(is_hidden=False).values_list("pk", flat=True))
        for review_id in reviews:
            hide_review(review_id=review_id, reason=form.cleaned_data["reason"], by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d review hidden.", "%(count)d reviews hidden.", len(reviews))
            % {"count": len(reviews)},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Publish selected reviews again"), permissions=["change"])
    def unhide(self, request, queryset):
        reviews = list(queryset.filter(is_hidden=True).values_list("pk", flat=True))
        for review_id in reviews:
            unhide_review(review_id=review_id)
        self.message_user(
            request,
            ngettext("%(count)d review published again.", "%(count)d reviews published again.", len(reviews))
            % {"count": len(reviews)},
            messages.SUCCESS,
        )
