"""Error pages that know their audience: JSON in the API's shape under /api/v1/, the legacy shape
under the rest of /api/, HTML pages elsewhere."""

from django.utils.translation import gettext as _
from django.views import defaults

from .api.errors import json_error
from .legacy_api.errors import LEGACY_PREFIX, legacy_json_error

API_V1 = "/api/v1/"


def page_not_found(request, exception):
    if request.path.startswith(API_V1):
        return json_error(request, 404, "not_found", _("Not found."))
    if request.path.startswith(LEGACY_PREFIX):
        return legacy_json_error(404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(API_V1):
        return json_error(
            request, 500, "server_error", _("Something went wrong on our side. Please try again.")
        )
    if request.path.startswith(LEGACY_PREFIX):
        return legacy_json_error(500)
    return defaults.server_error(request)
