from django.contrib import admin

from .models import InfoPage


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    list_display = ("title", "title_bn", "slug", "updated_at")
    fieldsets = ((None, {"fields": ("slug", "title", "body", "title_bn", "body_bn")}),)

    def get_readonly_fields(self, request, obj=None):
        # The footer links to these addresses: renaming one would break the link.
        return ("slug",) if obj is not None else ()
