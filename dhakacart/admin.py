"""The staff admin site: Django's, with a dashboard on its index page.

The dashboard's figures come from the app that owns them, named by the ADMIN_DASHBOARD setting
(a dotted path, as Django names backends), so the project package imports no app.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.module_loading import import_string


class DhakaCartAdminSite(admin.AdminSite):
    site_header = "DhakaCart staff"
    site_title = "DhakaCart staff"
    index_title = "Dashboard"
    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        get_dashboard = import_string(settings.ADMIN_DASHBOARD)
        context = {"dashboard": get_dashboard(request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)


class DhakaCartAdminConfig(AdminConfig):
    default_site = "dhakacart.admin.DhakaCartAdminSite"
