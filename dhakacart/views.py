"""Error pages that know their audience: JSON in the API's shape under /api/v1/, a door's own
shape under the prefix it registered (the legacy API under the rest of /api/), HTML elsewhere."""

from collections.abc import Callable

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults

from .api.errors import json_error

API_V1 = "/api/v1/"

# A door of its own registers here from its AppConfig.ready, so the kernel imports no app.
_ERROR_DOORS: list[tuple[str, Callable[[int], HttpResponse]]] = []


def register_error_door(prefix: str, render: Callable[[int], HttpResponse]) -> None:
    """Answer Django's own 404s and 500s under `prefix` with `render(status_code)`."""
    if (prefix, render) not in _ERROR_DOORS:
        _ERROR_DOORS.append((prefix, render))


def _door_for(path: str) -> Callable[[int], HttpResponse] | None:
    return next((render for prefix, render in _ERROR_DOORS if path.startswith(prefix)), None)


def page_not_found(request, exception):
    if request.path.startswith(API_V1):
        return json_error(request, 404, "not_found", _("Not found."))
    if render := _door_for(request.path):
        return render(404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(API_V1):
        return json_error(
            request, 500, "server_error", _("Something went wrong on our side. Please try again.")
        )
    if render := _door_for(request.path):
        return render(500)
    return defaults.server_error(request)
