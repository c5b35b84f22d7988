from django.contrib import admin

from .models import BackInStockNotice, Restock, WishlistItem


@admin.register(WishlistItem)
class WishlistItemAdmin(admin.ModelAdmin):
    list_display = ("product", "user", "price_when_saved", "notify_when_back", "language", "created_at")
    list_filter = ("notify_when_back", "language")
    list_select_related = ("product", "user")
    search_fields = ("product__name", "product__sku", "user__email")
    readonly_fields = ("user", "product", "price_when_saved", "created_at")


class BackInStockNoticeInline(admin.TabularInline):
    model = BackInStockNotice
    fields = ("item", "sent_at")
    readonly_fields = ("item", "sent_at")
    extra = 0
    can_delete = False


@admin.register(Restock)
class RestockAdmin(admin.ModelAdmin):
    """A read-only record of which restocks e-mailed whom."""

    list_display = ("product", "created_at")
    list_select_related = ("product",)
    search_fields = ("product__name", "product__sku")
    readonly_fields = ("product", "created_at")
    inlines = (BackInStockNoticeInline,)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
