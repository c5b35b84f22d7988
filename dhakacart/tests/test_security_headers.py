"""The security headers of SPEC §12/§17 on every kind of answer: a page, an API response, a 404 and a 500."""

import pytest
from django.test import Client
from django.urls import path

from dhakacart.urls import urlpatterns as project_urls

pytestmark = pytest.mark.django_db


def crashing_view(request):
    raise ZeroDivisionError("a bug")


# The project's own URLs plus one that crashes, with the project's error handlers.
urlpatterns = [path("crash/", crashing_view), path("api/v1/crash/", crashing_view), *project_urls]
handler404 = "dhakacart.views.page_not_found"
handler500 = "dhakacart.views.server_error"

ANSWERS = [
    ("/", 200),
    ("/api/v1/categories/", 200),
    ("/no/such/page/", 404),
    ("/api/v1/no-such-thing/", 404),
    ("/crash/", 500),
    ("/api/v1/crash/", 500),
]


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("path", "status"), ANSWERS)
def test_every_answer_carries_the_security_headers(path, status):
    client = Client(raise_request_exception=False)

    response = client.get(path)

    assert response.status_code == status
    csp = policy(response)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Server" not in response


@pytest.mark.urls(__name__)
def test_error_answers_never_show_a_traceback():
    client = Client(raise_request_exception=False)

    page = client.get("/crash/")
    api = client.get("/api/v1/crash/")

    assert "ZeroDivisionError" not in page.content.decode() and "Traceback" not in page.content.decode()
    assert api.json()["error"]["code"] == "server_error"
    assert "ZeroDivisionError" not in api.content.decode()


def test_with_tls_on_hsts_is_sent_and_cookies_are_secure_httponly_and_lax(settings, user):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client = Client()

    page = client.get("/accounts/login/", secure=True)
    signed_in = client.post(
        "/accounts/login/", {"username": user.email, "password": "a-Strong-passw0rd"}, secure=True
    )

    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax" and not csrf["httponly"]
    session = signed_in.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_plain_http_gets_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/")


def test_the_policy_built_once_is_django_csps_own_and_follows_a_settings_change(settings):
    from csp.utils import build_policy

    first = Client().get("/health")["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    changed = Client().get("/health")["Content-Security-Policy"]

    assert first != changed
    assert changed == build_policy() == "default-src 'none'"


def test_a_view_with_its_own_policy_parts_still_gets_them():
    from csp.decorators import csp_update
    from django.http import HttpResponse
    from django.test import RequestFactory

    from dhakacart.csp import BuiltOnceCSPMiddleware

    view = csp_update({"img-src": ["https://maps.example.com"]})(lambda request: HttpResponse("map"))
    response = BuiltOnceCSPMiddleware(view)(RequestFactory().get("/map/"))

    assert "https://maps.example.com" in response["Content-Security-Policy"]
