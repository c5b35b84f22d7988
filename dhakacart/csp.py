"""django-csp's middleware with the policy built once.

Our policy uses no nonce and no view changes it (no csp_update/csp_replace decorators), so the
header is the same string on every response; django-csp builds it again for each one, which
took about a tenth of a bare request in the profile of `/health`. The string is built on first
use and again only when the CSP settings change (tests change them). A response or request that
does carry its own policy parts (a decorator, a nonce asked for, a report-only policy) still goes
through django-csp's own path, so the header is always django-csp's.
"""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_SETTINGS = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")


class _Policy:
    """The header and the excluded path prefixes, from settings; None until first used."""

    built: tuple[str, tuple[str, ...]] | None = None
    report_only = False

    @classmethod
    def get(cls) -> tuple[str, tuple[str, ...]]:
        if cls.built is None:
            config = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
            cls.report_only = bool(getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None))
            cls.built = (build_policy(), tuple(config.get("EXCLUDE_URL_PREFIXES") or ()))
        return cls.built


@receiver(setting_changed)
def _forget_the_policy(*, setting, **kwargs):
    if setting in _SETTINGS:
        _Policy.built = None


# Asking for a nonce once the header is written raises, as with django-csp; one object serves every
# request, since evaluating it never succeeds.
_NONCE_TOO_LATE = CheckableLazyObject(CSPMiddleware._csp_nonce_post_response)


class BuiltOnceCSPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._django_csp = CSPMiddleware(get_response)

    def __call__(self, request):
        self._django_csp.process_request(request)  # request.csp_nonce, made only when asked for
        response = self.get_response(request)
        header, excluded = _Policy.get()
        if (
            _Policy.report_only
            or getattr(request, "_csp_nonce", None)
            or any(getattr(response, name, None) for name in _PER_RESPONSE)
        ):
            return self._django_csp.process_response(request, response)
        if (
            header
            and HEADER not in response
            and not getattr(response, "_csp_exempt", False)
            and not (excluded and request.path_info.startswith(excluded))
        ):
            response.headers[HEADER] = header
        request.csp_nonce = _NONCE_TOO_LATE
        return response
