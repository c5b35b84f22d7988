"""Error pages that know their audience: JSON in the API's shape under /api/v1/, HTML pages elsewhere."""

from django.utils.translation import gettext as _
from django.views import defaults

from .api.errors import json_error

API_V1 = "/api/v1/"


def page_not_found(request, exception):
    if request.path.startswith(API_V1):
        return json_error(request, 404, "not_found", _("Not found."))
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(API_V1):
        return json_error(
            request, 500, "server_error", _("Something went wrong on our side. Please try again.")
        )
    return defaults.server_error(request)
