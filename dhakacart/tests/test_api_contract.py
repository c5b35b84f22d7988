"""API v1 as a whole: the error shape at every kind of door, the OpenAPI document, and a fuzzing run
of every operation against that document (schemathesis)."""

from decimal import Decimal

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from dhakacart.tests.api import error_of

pytestmark = pytest.mark.django_db

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]


JSON = "application/json"
FAILURES = [
    ("get", "/api/v1/no-such-thing/", {}, 404, "not_found"),
    ("get", "/api/v1/orders/%00/", {}, 404, "not_found"),
    ("delete", "/api/v1/products/", {}, 405, "method_not_allowed"),
    ("post", "/api/v1/orders/", {"data": "{not json", "content_type": JSON}, 400, "malformed_request"),
    ("post", "/api/v1/orders/", {"data": "a=1", "content_type": "text/plain"}, 415, "unsupported_media_type"),
    ("post", "/api/v1/orders/", {"data": "[1, 2]", "content_type": JSON}, 400, "invalid_input"),
    ("post", "/api/v1/orders/", {"data": "null", "content_type": JSON}, 400, "invalid_input"),
    ("get", "/api/v1/products/", {"HTTP_ACCEPT": "text/html"}, 406, "not_acceptable"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), FAILURES)
def test_every_kind_of_failure_answers_in_the_one_error_shape(client, method, path, kwargs, status, code):
    response = getattr(client, method)(path, **kwargs)

    assert response.status_code == status
    assert error_of(response)["code"] == code


def test_the_openapi_document_is_valid_and_describes_the_idempotency_key_and_errors(client):
    response = client.get("/api/v1/schema/")

    document = yaml.safe_load(response.content)
    validate(document)
    place = document["paths"]["/api/v1/orders/"]["post"]
    headers = {parameter["name"] for parameter in place["parameters"] if parameter["in"] == "header"}
    assert {"Idempotency-Key", "Cart-Token"} <= headers
    assert {"201", "200", "400", "409", "422", "429"} <= set(place["responses"])
    assert document["components"]["schemas"]["Error"]["required"] == ["error"]
    assert "/api/v1/products/{id}/" in document["paths"]


def test_the_interactive_docs_load_their_script_from_a_file_under_the_csp(client):
    page = client.get("/api/v1/docs/")
    script = client.get("/api/v1/docs/?script=")

    assert page.status_code == 200
    assert "<script>" not in page.content.decode()
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


@pytest.fixture
def whole_requests(db):
    """The fuzzing calls the real WSGI application. Like Django's test client, keep the request signals
    from closing the test's database connection (it holds the test transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def open_throttles(settings):
    settings.API_THROTTLE_RATES = dict.fromkeys(settings.API_THROTTLE_RATES, "100000/min")


@pytest.fixture
def catalogue(make_product):
    return [make_product(price=Decimal("120.50"), stock=500) for _ in range(3)]


# Loading the document is one request that touches no database.
fuzz = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@fuzz.parametrize()
@SETTINGS
def test_no_operation_answers_5xx_or_contradicts_the_schema_for_guests(
    case, whole_requests, open_throttles, catalogue
):
    case.call_and_validate(checks=CHECKS)


@fuzz.parametrize()
@SETTINGS
def test_no_operation_answers_5xx_or_contradicts_the_schema_for_a_signed_in_shopper(
    case, whole_requests, open_throttles, catalogue, user
):
    token = RefreshToken.for_user(user).access_token
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


def test_the_fuzzing_client_really_reaches_the_catalogue(catalogue):
    assert APIClient().get("/api/v1/products/").json()["count"] == 3


def test_no_sequence_of_linked_operations_answers_5xx_or_contradicts_the_schema(
    whole_requests, open_throttles, catalogue, user
):
    """Stateful: schemathesis follows the links between operations (a product listed, then put in the
    cart, ordered, read back and cancelled) with a signed-in shopper's token."""
    token = str(RefreshToken.for_user(user).access_token)
    statuses = []

    class Workflow(fuzz.as_state_machine()):
        def after_call(self, response, case):
            statuses.append(response.status_code)

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {token}"}}

        def validate_response(self, response, case, additional_checks=(), **kwargs):
            case.validate_response(response, checks=CHECKS)

    assert len(Workflow.bundles) > 1  # links were found between operations
    Workflow.run(
        settings=settings(
            max_examples=10,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
    assert any(status < 300 for status in statuses)  # the calls really reached the shop
