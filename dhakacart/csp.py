"""django-csp's middleware with the policy built once.

Our policy uses no nonce and no view changes it (no csp_update/csp_replace decorators), so the
header is the same string on every response; django-csp builds it again for each one, which
took about a tenth of a bare request in the profile of `/health`. A response or request that does
carry its own policy parts still goes through django-csp's own path.
"""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


class BuiltOnceCSPMiddleware(CSPMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self._built: tuple[object, str] | None = None

    def process_response(self, request, response):
        own_parts = any(getattr(response, name, None) for name in _PER_RESPONSE)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if own_parts or report_only or getattr(request, "_csp_nonce", None):
            return super().process_response(request, response)
        config = settings.CONTENT_SECURITY_POLICY
        if self._built is None or self._built[0] is not config:  # settings changed (tests do)
            self._built = (config, build_policy())
        prefixes = tuple((config or {}).get("EXCLUDE_URL_PREFIXES") or ())
        if (
            self._built[1]
            and HEADER not in response
            and not getattr(response, "_csp_exempt", False)
            and not (prefixes and request.path_info.startswith(prefixes))
        ):
            response[HEADER] = self._built[1]
        # As django-csp: a nonce asked for now could not join the header already written.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
