"""API v1 accounts: register, JWT sign-in (through the same lockout as the page), refresh, profile."""

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from dhakacart.tests.api import error_of

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = {"email": "Nadia@Example.com", "full_name": "Nadia Islam", "phone": "০১৮১২৩৪৫৬৭৮", "password": PASSWORD}


def test_register_creates_the_account_and_returns_tokens(api_client):
    response = api_client.post("/api/v1/auth/register/", NEW, format="json")

    body = response.json()
    assert response.status_code == 201
    assert body["user"] == {
        "id": User.objects.get().pk,
        "email": "nadia@example.com",
        "full_name": "Nadia Islam",
        "phone": "+8801812345678",
    }
    me = APIClient()
    me.credentials(HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert me.get("/api/v1/auth/me/").json()["email"] == "nadia@example.com"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"phone": "12345"}, "phone"),
        ({"password": "password"}, "password"),
        ({"full_name": ""}, "full_name"),
        ({"full_name": "ক" * 151}, "full_name"),
        ({"email": None}, "email"),
    ],
)
def test_register_with_bad_input_is_400_and_creates_nothing(api_client, changes, field):
    response = api_client.post("/api/v1/auth/register/", {**NEW, **changes}, format="json")

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_input" and field in error["fields"]
    assert not User.objects.exists()


def test_register_with_a_taken_email_is_409(api_client):
    UserFactory(email="nadia@example.com")

    response = api_client.post("/api/v1/auth/register/", NEW, format="json")

    assert response.status_code == 409
    assert error_of(response)["code"] == "email_taken"
    assert User.objects.count() == 1


def test_token_sign_in_refresh_rotates_and_the_old_refresh_token_is_refused(api_client):
    UserFactory(email="nadia@example.com")

    tokens = api_client.post("/api/v1/auth/token/", {"email": "nadia@example.com", "password": PASSWORD})
    refreshed = api_client.post("/api/v1/auth/token/refresh/", {"refresh": tokens.json()["refresh"]})
    reused = api_client.post("/api/v1/auth/token/refresh/", {"refresh": tokens.json()["refresh"]})

    assert tokens.status_code == 200 and set(tokens.json()) == {"access", "refresh"}
    assert refreshed.status_code == 200 and refreshed.json()["refresh"] != tokens.json()["refresh"]
    assert reused.status_code == 401 and error_of(reused)["code"] == "token_not_valid"


def test_a_wrong_password_is_401_and_the_fifth_failure_locks_the_sign_in(api_client):
    UserFactory(email="nadia@example.com")
    wrong = {"email": "nadia@example.com", "password": "wrong-password"}

    statuses = [api_client.post("/api/v1/auth/token/", wrong).status_code for _ in range(5)]
    right = api_client.post("/api/v1/auth/token/", {"email": "nadia@example.com", "password": PASSWORD})

    assert statuses == [401, 401, 401, 401, 429]
    assert right.status_code == 429
    assert error_of(right)["code"] == "login_locked"
    assert right["Retry-After"] == "900"


def test_a_locked_sign_in_is_per_account_at_the_address_so_a_neighbour_still_gets_a_token(api_client):
    UserFactory(email="nadia@example.com")
    UserFactory(email="karim@example.com")
    carrier = "198.51.100.20"
    wrong = {"email": "nadia@example.com", "password": "wrong-password"}
    for _ in range(5):
        api_client.post("/api/v1/auth/token/", wrong, REMOTE_ADDR=carrier)

    neighbour = api_client.post(
        "/api/v1/auth/token/", {"email": "karim@example.com", "password": PASSWORD}, REMOTE_ADDR=carrier
    )
    locked = api_client.post(
        "/api/v1/auth/token/", {"email": "nadia@example.com", "password": PASSWORD}, REMOTE_ADDR=carrier
    )

    assert neighbour.status_code == 200
    assert locked.status_code == 429 and error_of(locked)["code"] == "login_locked"


def test_failures_on_the_page_and_the_api_count_together(api_client, client):
    UserFactory(email="nadia@example.com")
    for _ in range(4):
        client.post("/accounts/login/", {"username": "nadia@example.com", "password": "wrong"})

    response = api_client.post("/api/v1/auth/token/", {"email": "nadia@example.com", "password": "wrong"})

    assert response.status_code == 429


def test_sign_in_attempts_are_throttled_per_client(api_client, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "login": "3/min"}
    body = {"email": "nobody@example.com", "password": "x"}

    statuses = [api_client.post("/api/v1/auth/token/", body).status_code for _ in range(4)]

    assert statuses[:3] == [401, 401, 401]
    assert statuses[3] == 429
    assert int(api_client.post("/api/v1/auth/token/", body)["Retry-After"]) > 0


def test_me_needs_a_valid_token(api_client):
    anonymous = api_client.get("/api/v1/auth/me/")
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    forged = api_client.get("/api/v1/auth/me/")

    assert anonymous.status_code == 401 and error_of(anonymous)["code"] == "not_authenticated"
    assert forged.status_code == 401 and error_of(forged)["code"] == "token_not_valid"


def test_me_can_change_name_and_phone_but_not_email(user_api, user):
    changed = user_api.patch(
        "/api/v1/auth/me/",
        {"full_name": "Rahim U.", "phone": "01912345678", "email": "x@y.com"},
        format="json",
    )
    refused = user_api.patch("/api/v1/auth/me/", {"phone": "123"}, format="json")

    user.refresh_from_db()
    assert changed.status_code == 200 and changed.json()["phone"] == "+8801912345678"
    assert user.full_name == "Rahim U." and user.email == "rahim@example.com"
    assert refused.status_code == 400 and "phone" in error_of(refused)["fields"]
    assert user.phone == "+8801912345678"


def test_a_browser_session_works_but_needs_csrf_for_changes(user):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(user)

    read = browser.get("/api/v1/auth/me/")
    write = browser.patch("/api/v1/auth/me/", {"full_name": "Changed"}, format="json")

    assert read.status_code == 200
    assert write.status_code == 403 and error_of(write)["code"] == "permission_denied"
    user.refresh_from_db()
    assert user.full_name == "Rahim Uddin"
