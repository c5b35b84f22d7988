"""API v1 speaks the language of `Accept-Language` (SPEC §7): `bn` gives Bangla, anything else English.

LocaleMiddleware gives unprefixed paths the default language whenever i18n_patterns serve the
pages (the language of a page is in its URL), so /api/v1/ would always be English. An app has no
URL prefix to choose and sends its language in the header instead. The legacy API is left
alone: its sentences are always Bangla (legacy_api.errors).
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

API_PREFIX = "/api/v1/"


def language_of_header(header: str) -> str:
    """The first language of the header the shop speaks, else the default one."""
    for code, _quality in parse_accept_lang_header(header):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class ApiLanguageMiddleware:
    """After LocaleMiddleware: on /api/v1/, the language of the Accept-Language header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = language_of_header(request.headers.get("Accept-Language", ""))
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Accept-Language"])
        response.headers.setdefault("Content-Language", language)
        return response
