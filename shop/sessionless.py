"""Catalogue pages for visitors without a session, answered before the session, auth and
messages middleware run.

Most of a sale's traffic is people who have not put anything in a cart yet: no session cookie,
so every hole of a cached page (cart count, account menu, messages, wishlist hearts, the buy
box, the review form) renders the same for all of them. The first such visitor of a page gets
it through the whole stack, and the page with its holes filled in (the CSRF marker kept) is
stored beside the cached page, under the same key with ":sessionless" added and under the
catalogue version and stock states of the page itself (`remember`). The next visitor without a
session is answered from it by `SessionlessPageMiddleware`, which sits just before
SessionMiddleware: one cache round trip (page and version), one query (the stock states), the
request's own CSRF token filled in and its cookie set when the visitor has none.

Who may have it, and who may store it (`has_no_session`): a GET without a session cookie and
without a messages cookie. The copy is stored only when the request that rendered it is still
such a visitor at the end: an anonymous user, an untouched session and no messages, so no one's
holes are ever in it. A visitor with a session never reaches it: the cookie is checked first.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .cache import store_as_old_as_its_parts
from .fragments import fill_token, find_current_fragment, fragment_key
from .parameters import keep_understood_parameters

SUFFIX = ":sessionless"


def has_no_session(request) -> bool:
    """A GET from a visitor without a session or pending messages."""
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
    )


def sessionless_key(request, name: str) -> str:
    return fragment_key(request, name) + SUFFIX


def remember(request, name: str, page: dict, html: str) -> None:
    """Keep a page whose holes were just filled in for a visitor without a session, for the next
    ones (`SessionlessPageMiddleware`), unless this request turned out to be someone's."""
    if not has_no_session(request) or not _still_nobodys(request):
        return
    store_as_old_as_its_parts(
        sessionless_key(request, name), {"html": str(html), "ids": page["ids"], "stamp": page["stamp"]}
    )


def _still_nobodys(request) -> bool:
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        (user is None or not user.is_authenticated)
        and (session is None or not (session.modified or session.session_key))
        and (messages is None or len(messages) == 0)
    )


class SessionlessPageMiddleware:
    """Answer a visitor without a session from the cached page with its holes filled in for
    nobody (see the module's docstring); anyone else, or a page not in the cache, goes on."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self.frame_options = XFrameOptionsMiddleware(get_response)

    def __call__(self, request):
        response = self.answer(request) if has_no_session(request) else None
        return response if response is not None else self.get_response(request)

    def answer(self, request):
        from .views import CachedPageView  # the views import this module's neighbours

        language_in_path = translation.get_language_from_path(request.path_info)
        language = language_in_path or settings.LANGUAGE_CODE  # as LocaleMiddleware decides
        translation.activate(language)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        view_class = getattr(match.func, "view_class", None)
        if view_class is None or not issubclass(view_class, CachedPageView):
            return None
        keep_understood_parameters(request, view_class.query_parameters)
        page = find_current_fragment(request, "", key=sessionless_key(request, view_class.fragment_name))
        if page is None:
            return None
        request.resolver_match = match  # the request metrics count it under its view
        self.csrf.process_request(request)  # the visitor's CSRF cookie, if any
        response = HttpResponse(fill_token(page["html"], request))
        # What SessionMiddleware (the holes read the session) and LocaleMiddleware would add.
        patch_vary_headers(response, ("Cookie",) if language_in_path else ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", language)
        response = self.csrf.process_response(request, response)  # sets the cookie when new
        return self.frame_options.process_response(request, response)
