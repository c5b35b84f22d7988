"""CORS on /api/ for CORS_ALLOWED_ORIGINS only, preflight included."""

import pytest

from dhakacart.tests.helpers import run_python

from .contract import ORIGIN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def allowed(settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]


def test_an_allowed_origin_gets_the_header(client, rice):
    response = client.get("/api/products", HTTP_ORIGIN=ORIGIN)

    assert response["Access-Control-Allow-Origin"] == ORIGIN


def test_another_origin_gets_no_header(client, rice):
    response = client.get("/api/products", HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_errors_carry_the_header_too_so_the_client_can_read_them(client):
    response = client.get("/api/products/999999", HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 404 and response["Access-Control-Allow-Origin"] == ORIGIN


def test_the_order_preflight_is_answered_for_an_allowed_origin(client):
    response = client.options(
        "/api/orders",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, authorization",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert {"content-type", "authorization"} <= set(response["Access-Control-Allow-Headers"].split(", "))


def test_the_preflight_of_another_origin_is_not_allowed(client):
    response = client.options(
        "/api/orders", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )

    assert "Access-Control-Allow-Origin" not in response


def test_pages_outside_api_never_get_cors_headers(client):
    response = client.get("/health", HTTP_ORIGIN=ORIGIN)

    assert "Access-Control-Allow-Origin" not in response


def test_allowed_origins_come_from_the_environment():
    result = run_python(
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CORS_ALLOWED_ORIGINS, settings.CORS_URLS_REGEX)",
        env={
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
            "CORS_ALLOWED_ORIGINS": "http://localhost:3000, https://app.dhakacart.com.bd",
        },
    )

    assert result.stdout.strip() == "['http://localhost:3000', 'https://app.dhakacart.com.bd'] ^/api/"
