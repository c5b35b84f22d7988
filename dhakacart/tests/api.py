"""What API v1 tests share: reading the one error shape, and a client signed in with a JWT."""

from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken


def error_of(response) -> dict:
    """The `error` object of an API v1 failure, after checking the body has exactly the one shape."""
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client
