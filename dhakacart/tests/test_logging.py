import io
import json
import logging

import pytest
from django.urls import path

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the configured JSON handler writes, one decoded object per line."""
    handler = logging.getLogger().handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    lines: list[dict] = []
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()] or lines
    handler.setStream(previous)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "dhakacart.request"]


def test_every_request_writes_one_json_line_with_its_fields(client, log_lines):
    response = client.get("/health")

    [line] = request_lines(log_lines())
    assert line["method"] == "GET"
    assert line["path"] == "/health"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["user_id"] is None
    assert line["level"] == "INFO"
    assert line["time"].endswith("Z")
    assert line["request_id"] == response["X-Request-ID"]


def test_a_signed_in_request_logs_the_user_id(client, user, log_lines):
    client.force_login(user)

    client.get("/")

    [line] = request_lines(log_lines())
    assert line["user_id"] == user.pk


def test_the_user_id_is_logged_even_when_the_view_never_read_the_user(client, user, log_lines):
    client.force_login(user)

    client.get("/health")

    [line] = request_lines(log_lines())
    assert line["user_id"] == user.pk


def test_a_token_in_a_logged_path_is_redacted(client, log_lines):
    client.get("/orders/a1b2c3d4e5/")

    [line] = request_lines(log_lines())
    assert line["path"] == "/orders/[redacted]/"
    assert "a1b2c3d4e5" not in line["message"]


def test_an_incoming_request_id_is_kept(client, log_lines):
    response = client.get("/health", HTTP_X_REQUEST_ID="edge-1234.abc")

    assert response["X-Request-ID"] == "edge-1234.abc"
    assert request_lines(log_lines())[0]["request_id"] == "edge-1234.abc"


def test_an_unsafe_request_id_is_replaced(client):
    response = client.get("/health", HTTP_X_REQUEST_ID="<script>alert(1)</script>")

    assert response["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(response["X-Request-ID"]) == 32


def test_a_not_found_page_is_logged_once(client, log_lines):
    client.get("/no-such-page/")

    lines = log_lines()
    assert [line["status"] for line in request_lines(lines)] == [404]
    assert all(line["logger"] == "dhakacart.request" for line in lines)


def broken_view(request):
    logging.getLogger("shop").warning("about to fail")
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.urls(__name__)
def test_log_lines_inside_a_request_carry_its_request_id(client, log_lines):
    client.raise_request_exception = False

    response = client.get("/broken/", HTTP_X_REQUEST_ID="req-42")

    assert response.status_code == 500
    lines = log_lines()
    assert {line["request_id"] for line in lines} == {"req-42"}
    assert [line["logger"] for line in lines if line["logger"] == "shop"] == ["shop"]
