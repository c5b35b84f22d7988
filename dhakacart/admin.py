"""The staff admin site: Django's, with a dashboard on its index page."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class DhakaCartAdminSite(admin.AdminSite):
    site_header = "DhakaCart staff"
    site_title = "DhakaCart staff"
    index_title = "Dashboard"
    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        from orders.selectors import get_dashboard

        context = {"dashboard": get_dashboard(request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)


class DhakaCartAdminConfig(AdminConfig):
    default_site = "dhakacart.admin.DhakaCartAdminSite"
