"""The language of each request: the page's URL prefix, or on API v1 the Accept-Language header.

Pages are under i18n_patterns with no prefix for English (dhakacart/urls.py), so a page's language
is in its URL. API v1 speaks the language of `Accept-Language` (SPEC §7): `bn` gives Bangla,
anything else English; an app has no URL prefix to choose. The legacy API is left to Django's
rule (the default language): its sentences are always Bangla (legacy_api.errors). /health, /ready
and /metrics say nothing in any language and are left alone.

One middleware in place of Django's LocaleMiddleware followed by one of ours for API v1: for a
path with no language prefix, LocaleMiddleware parses the language cookie and Accept-Language
only to throw the answer away for the default language, which was most of what it cost a request.
The answer is Django's in every case (the same language, Vary and Content-Language); URLconfs of
another shape (a prefixed default language, no i18n_patterns) get Django's middleware itself.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

API_PREFIX = "/api/v1/"
WITHOUT_LANGUAGE = frozenset(("/health", "/ready", "/metrics"))


def language_of_header(header: str) -> str:
    """The first language of the header the shop speaks, else the default one."""
    for code, _quality in parse_accept_lang_header(header):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Activates the request's language and says which it is (Content-Language, Vary)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._django = LocaleMiddleware(get_response)

    def __call__(self, request):
        path = request.path_info
        if path in WITHOUT_LANGUAGE:
            return self.get_response(request)
        if path.startswith(API_PREFIX):
            language = language_of_header(request.headers.get("Accept-Language", ""))
            from_path = None
        else:
            urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
            i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
            if not i18n_patterns_used or prefixed_default_language:
                return self._django(request)
            from_path = translation.get_language_from_path(path)
            language = from_path or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if not from_path:
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
