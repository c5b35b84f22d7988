"""API v1 speaks the app's language (Accept-Language); codes, field names and numbers never change."""

import pytest
import yaml
from rest_framework.test import APIClient

from dhakacart.tests.api import client_for, error_of

pytestmark = pytest.mark.django_db


def bangla() -> APIClient:
    client = APIClient()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "bn"
    return client


def test_a_validation_error_is_bangla_with_its_limit_in_bangla_digits_and_the_same_code(rice):
    english = APIClient().post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 100}, format="json")
    bengali = bangla().post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 100}, format="json")

    assert error_of(english)["fields"] == {"quantity": ["Ensure this value is less than or equal to 99."]}
    assert error_of(bengali)["fields"] == {"quantity": ["মানটি ৯৯ বা তার কম হতে হবে।"]}
    assert error_of(bengali)["code"] == error_of(english)["code"] == "invalid_input"
    assert bengali["Content-Language"] == "bn"


def test_a_stock_refusal_says_how_many_are_left_in_bangla_digits(rice):
    response = bangla().post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 11}, format="json")

    error = error_of(response)
    assert error["code"] == "out_of_stock" and error["fields"]["available"] == 10
    assert "১০" in error["message"] and "10" not in error["message"]


@pytest.mark.parametrize(
    ("token", "code", "bangla_message"),
    [
        ("forged", "cart_token_invalid", "এই Cart-Token বৈধ নয়। এটি ছাড়া নতুন কার্ট শুরু করুন।"),
    ],
)
def test_cart_token_errors_are_bangla(token, code, bangla_message):
    response = bangla().get("/api/v1/cart/", HTTP_CART_TOKEN=token)

    assert response.status_code == 401
    assert error_of(response) == {"code": code, "message": bangla_message, "fields": {}}


def test_a_throttled_answer_counts_the_seconds_in_bangla_digits(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anon_address": "1/min"}
    client = bangla()
    client.get("/api/v1/categories/")

    response = client.get("/api/v1/categories/")

    error = error_of(response)
    assert response.status_code == 429 and error["code"] == "throttled"
    assert error["message"].startswith("অনেক বেশি অনুরোধ এসেছে।")
    assert not any(character.isascii() and character.isdigit() for character in error["message"])


def test_a_wrong_password_is_bangla_and_keeps_its_code(user):
    response = bangla().post("/api/v1/auth/token/", {"email": user.email, "password": "wrong"}, format="json")

    error = error_of(response)
    assert response.status_code == 401
    assert error["message"] == "এই ই-মেইল ও পাসওয়ার্ডের কোনো সক্রিয় অ্যাকাউন্ট পাওয়া যায়নি"


def test_malformed_json_is_bangla_without_the_parsers_english(user):
    response = client_for(user).post(
        "/api/v1/orders/", data="{oops", content_type="application/json", HTTP_ACCEPT_LANGUAGE="bn"
    )

    assert response.status_code == 400
    assert error_of(response) == {
        "code": "malformed_request",
        "message": "পাঠানো তথ্য সঠিক JSON নয়।",
        "fields": {},
    }


def test_amounts_in_the_body_stay_json_numbers_in_latin_digits_whatever_the_language(rice):
    response = bangla().post("/api/v1/cart/items/", {"product_id": rice.pk, "quantity": 2}, format="json")

    assert response.json()["subtotal"] == "840.00" and response.json()["unit_count"] == 2


def test_the_openapi_document_says_every_operation_follows_accept_language(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)

    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            names = {parameter["name"] for parameter in operation.get("parameters", [])}
            assert "Accept-Language" in names, (method, path)


def test_a_page_speaks_the_language_of_its_url_whatever_the_browser_asks(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "bn"

    english = client.get("/", HTTP_ACCEPT_LANGUAGE="bn")
    bengali = client.get("/bn/", HTTP_ACCEPT_LANGUAGE="en")

    assert english["Content-Language"] == "en" and "Accept-Language" in english["Vary"]
    assert bengali["Content-Language"] == "bn"


def test_api_v1_speaks_the_language_of_the_header_and_says_it_varies_by_it(client):
    answer = client.get("/api/v1/categories/", HTTP_ACCEPT_LANGUAGE="bn-BD,bn;q=0.9,en;q=0.5")
    default = client.get("/api/v1/categories/", HTTP_ACCEPT_LANGUAGE="fr")

    assert answer["Content-Language"] == "bn" and "Accept-Language" in answer["Vary"]
    assert default["Content-Language"] == "en"
