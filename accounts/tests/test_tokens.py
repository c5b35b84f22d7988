"""Refresh tokens end with the password and with signing out (accounts.tokens): every earlier
refresh token of the account is refused with 401, whichever way the password changed."""

import re

import pytest
import yaml
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.services import end_app_sign_ins
from dhakacart.tests.api import error_of

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-new-passw0rd"
RESET_LINK = re.compile(r"http://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _no_login_throttle(settings):
    """Every call here comes from one address; the per-minute sign-in throttle is tested elsewhere."""
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "login": "1000/min"}


@pytest.fixture
def shopper():
    return UserFactory(email="nusrat@example.com")


def sign_in(email="nusrat@example.com", password=PASSWORD) -> dict:
    """A fresh app's sign-in, with a client of its own."""
    response = APIClient().post("/api/v1/auth/token/", {"email": email, "password": password})
    assert response.status_code == 200, response.content
    return response.json()


def refresh(token: str):
    return APIClient().post("/api/v1/auth/token/refresh/", {"refresh": token})


def log_out(token, api_client=None):
    return (api_client or APIClient()).post("/api/v1/auth/logout/", {"refresh": token})


def assert_ended(response):
    assert response.status_code == 401
    error = error_of(response)
    assert error["code"] == "token_not_valid"
    assert "This sign-in has ended" in error["message"]


def test_a_refresh_token_keeps_working_while_nothing_changes(shopper):
    phone = sign_in()

    first = refresh(phone["refresh"])
    second = refresh(first.json()["refresh"])

    assert first.status_code == 200 and second.status_code == 200


def test_changing_the_password_on_the_page_ends_every_earlier_refresh_token(client, shopper):
    phone, tablet = sign_in(), sign_in()
    client.force_login(shopper)

    changed = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert changed["Location"] == "/accounts/"
    assert_ended(refresh(phone["refresh"]))
    assert_ended(refresh(tablet["refresh"]))
    assert refresh(sign_in(password=NEW_PASSWORD)["refresh"]).status_code == 200


def test_a_rotated_refresh_token_also_ends_with_the_password(client, shopper):
    rotated = refresh(sign_in()["refresh"]).json()["refresh"]
    client.force_login(shopper)

    client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert_ended(refresh(rotated))


def test_a_refused_password_change_ends_nothing(client, shopper):
    phone = sign_in()
    client.force_login(shopper)

    client.post(
        "/accounts/password/change/",
        {"old_password": "wrong-old-one", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert refresh(phone["refresh"]).status_code == 200


def test_resetting_the_password_by_email_ends_every_earlier_refresh_token(client, shopper, mailoutbox):
    phone = sign_in()

    client.post("/accounts/password/reset/", {"email": shopper.email})
    form_url = client.get(RESET_LINK.search(mailoutbox[0].body).group(1))["Location"]
    saved = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert saved["Location"] == "/accounts/password/reset/done/"
    assert_ended(refresh(phone["refresh"]))


def test_setting_the_same_password_again_still_ends_earlier_refresh_tokens(shopper):
    phone = sign_in()

    shopper.set_password(PASSWORD)
    shopper.save()

    assert_ended(refresh(phone["refresh"]))


def test_logout_ends_every_refresh_token_of_the_account_and_only_of_that_account(shopper):
    neighbour = UserFactory(email="karim@example.com")
    phone, tablet, theirs = sign_in(), sign_in(), sign_in(email=neighbour.email)

    response = log_out(phone["refresh"])

    assert response.status_code == 204 and response.content == b""
    assert_ended(refresh(phone["refresh"]))
    assert_ended(refresh(tablet["refresh"]))
    assert refresh(theirs["refresh"]).status_code == 200
    assert refresh(sign_in()["refresh"]).status_code == 200


def test_logout_works_for_a_signed_in_client_with_its_own_refresh_token(shopper):
    phone = sign_in()
    signed_in = APIClient()
    signed_in.credentials(HTTP_AUTHORIZATION=f"Bearer {phone['access']}")

    response = log_out(phone["refresh"], signed_in)

    assert response.status_code == 204
    assert_ended(refresh(phone["refresh"]))


def test_a_refresh_racing_a_logout_hands_out_a_token_that_is_already_ended(shopper):
    phone = sign_in()
    end_app_sign_ins(user=shopper)  # the sign-out lands between the refresh's check and its rotation

    # The rotation copies the claims of the token it replaces, so whatever it hands out is dead.
    rotated = RefreshToken(phone["refresh"])
    rotated.set_jti()

    assert_ended(refresh(str(rotated)))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "This field is required."),
        ({"refresh": ""}, "This field may not be blank."),
        ({"refresh": None}, "This field may not be null."),
        ({"refresh": "not-a-token"}, "This is not the refresh token of a current sign-in."),
        ({"refresh": ["a", "b"]}, "Not a valid string."),
    ],
)
def test_logout_without_a_usable_refresh_token_is_400_and_ends_nothing(shopper, body, message):
    phone = sign_in()

    response = APIClient().post("/api/v1/auth/logout/", body, format="json")

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_input" and error["fields"] == {"refresh": [message]}
    assert refresh(phone["refresh"]).status_code == 200


def test_logout_with_an_access_token_or_a_forged_or_ended_refresh_token_is_400(shopper):
    phone = sign_in()
    forged = phone["refresh"][:-4] + ("AAAA" if not phone["refresh"].endswith("AAAA") else "BBBB")
    ended = sign_in()["refresh"]
    log_out(ended)
    phone = sign_in()

    answers = [log_out(token) for token in (phone["access"], forged, ended)]

    assert [answer.status_code for answer in answers] == [400, 400, 400]
    assert all("refresh" in error_of(answer)["fields"] for answer in answers)
    assert refresh(phone["refresh"]).status_code == 200


def test_logout_with_someone_elses_refresh_token_while_signed_in_is_refused_and_ends_nothing(shopper):
    attacker = UserFactory(email="karim@example.com")
    victim = sign_in()
    signed_in_as_attacker = APIClient()
    signed_in_as_attacker.credentials(HTTP_AUTHORIZATION=f"Bearer {sign_in(email=attacker.email)['access']}")

    response = log_out(victim["refresh"], signed_in_as_attacker)

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"refresh": ["This refresh token belongs to another account."]}
    assert refresh(victim["refresh"]).status_code == 200


def test_a_refresh_token_without_the_generation_claim_is_refused(shopper):
    from_before = RefreshToken.for_user(shopper)

    assert_ended(refresh(str(from_before)))


def test_a_deactivated_account_can_no_longer_refresh(shopper):
    phone = sign_in()
    shopper.is_active = False
    shopper.save()

    assert_ended(refresh(phone["refresh"]))


def test_register_hands_out_tokens_that_end_with_a_logout(api_client):
    body = {"email": "new@example.com", "full_name": "Nadia", "phone": "01812345678", "password": PASSWORD}
    tokens = api_client.post("/api/v1/auth/register/", body).json()

    log_out(tokens["refresh"])

    assert_ended(refresh(tokens["refresh"]))


def test_the_openapi_document_describes_logout_and_the_token_answers(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)

    logout = document["paths"]["/api/v1/auth/logout/"]["post"]
    request_schema = logout["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert document["components"]["schemas"][request_schema]["required"] == ["refresh"]
    assert {"204", "400", "429"} <= set(logout["responses"])
    assert "content" not in logout["responses"]["204"]
    for path in ("/api/v1/auth/token/", "/api/v1/auth/token/refresh/"):
        answer = document["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
        pair = document["components"]["schemas"][answer["$ref"].split("/")[-1]]
        assert set(pair["required"]) == {"access", "refresh"}
