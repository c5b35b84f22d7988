"""Password reset with the broker down, and the per-client limits on sign-up and reset requests."""

import pytest
from prometheus_client import REGISTRY

from accounts.models import User
from dhakacart.tests.api import error_of
from orders.tests.test_outages import broker_down, redis_down  # noqa: F401 - fixtures

from .factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new@example.com",
    "full_name": "Nusrat Jahan",
    "phone": "01712345678",
    "password": "a-Strong-passw0rd",
    "password_confirmation": "a-Strong-passw0rd",
}


def failed_to_queue():
    return REGISTRY.get_sample_value("dhakacart_emails_failed_total", {"kind": "password_reset"}) or 0


def test_with_the_broker_down_known_and_unknown_emails_get_the_same_answer(client, broker_down):  # noqa: F811
    UserFactory(email="nusrat@example.com")
    before = failed_to_queue()

    known = client.post("/accounts/password/reset/", {"email": "nusrat@example.com"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/sent/"
    assert failed_to_queue() - before == 2  # both took the same path to the broker, and it was counted


def test_an_unknown_email_is_queued_like_a_known_one_and_sends_nothing(client, mailoutbox):
    UserFactory(email="nusrat@example.com")

    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    client.post("/accounts/password/reset/", {"email": "NUSRAT@example.com"})

    assert [message.to for message in mailoutbox] == [["nusrat@example.com"]]


def test_a_deactivated_account_gets_no_reset_link(client, mailoutbox):
    UserFactory(email="nusrat@example.com", is_active=False)

    response = client.post("/accounts/password/reset/", {"email": "nusrat@example.com"})

    assert response.status_code == 302
    assert mailoutbox == []


@pytest.fixture
def small_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": (2, 3600), "password_reset": (2, 3600)}


def test_password_reset_requests_are_limited_per_client(client, small_limits, mailoutbox):
    UserFactory(email="nusrat@example.com")

    answers = [
        client.post("/accounts/password/reset/", {"email": "nusrat@example.com"}, REMOTE_ADDR="203.0.113.7")
        for _ in range(3)
    ]
    other_client = client.post(
        "/accounts/password/reset/", {"email": "x@example.com"}, REMOTE_ADDR="203.0.113.8"
    )

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert answers[2]["Retry-After"] == "3600"
    assert "Too many attempts from your network. Please wait 60 minutes" in answers[2].content.decode()
    assert len(mailoutbox) == 2
    assert other_client.status_code == 302


def test_the_limit_is_the_same_for_unknown_emails(client, small_limits):
    answers = [
        client.post(
            "/accounts/password/reset/", {"email": f"nobody{n}@example.com"}, REMOTE_ADDR="203.0.113.7"
        )
        for n in range(3)
    ]

    assert [answer.status_code for answer in answers] == [302, 302, 429]


def test_sign_ups_are_limited_per_client(client, small_limits):
    answers = []
    for n in range(3):
        client.logout()
        answers.append(client.post("/accounts/signup/", {**SIGNUP, "email": f"new{n}@example.com"}))

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "Too many attempts" in answers[2].content.decode()
    assert User.objects.filter(email="new2@example.com").exists() is False


@pytest.fixture
def five_sign_ups_an_hour(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": (5, 3600)}


def sign_up_on_the_page(client, number):
    client.logout()
    return client.post("/accounts/signup/", {**SIGNUP, "email": f"page{number}@example.com"}).status_code


def sign_up_in_the_api(api_client, number):
    body = {key: value for key, value in SIGNUP.items() if key != "password_confirmation"}
    return api_client.post("/api/v1/auth/register/", {**body, "email": f"app{number}@example.com"})


def test_sign_ups_on_the_page_and_then_the_api_share_one_limit(client, api_client, five_sign_ups_an_hour):
    on_the_page = [sign_up_on_the_page(client, number) for number in range(3)]
    in_the_api = [sign_up_in_the_api(api_client, number) for number in range(3)]

    refused = in_the_api[2]
    assert on_the_page == [302, 302, 302]
    assert [answer.status_code for answer in in_the_api] == [201, 201, 429]
    assert error_of(refused)["code"] == "throttled"
    assert "Please wait 60 minutes" in error_of(refused)["message"]
    assert refused["Retry-After"] == "3600"
    assert not User.objects.filter(email="app2@example.com").exists()


def test_sign_ups_in_the_api_count_against_the_page(client, api_client, five_sign_ups_an_hour):
    in_the_api = [sign_up_in_the_api(api_client, number).status_code for number in range(5)]

    on_the_page = sign_up_on_the_page(client, 0)

    assert in_the_api == [201] * 5
    assert on_the_page == 429
    assert not User.objects.filter(email="page0@example.com").exists()


def test_refused_api_sign_ups_count_too(api_client, five_sign_ups_an_hour):
    statuses = [
        api_client.post("/api/v1/auth/register/", {"email": "not-an-email"}).status_code for _ in range(5)
    ]

    assert statuses == [400] * 5
    assert sign_up_in_the_api(api_client, 0).status_code == 429


def test_failed_sign_ups_count_too(client, small_limits):
    weak = {**SIGNUP, "password": "123", "password_confirmation": "123"}
    for _ in range(2):
        assert client.post("/accounts/signup/", weak).status_code == 200

    assert client.post("/accounts/signup/", SIGNUP).status_code == 429
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_the_limit_is_in_bangla_on_bangla_pages(client, small_limits, english_afterwards):
    for _ in range(2):
        client.post("/bn/accounts/password/reset/", {"email": "x@example.com"})

    refused = client.post("/bn/accounts/password/reset/", {"email": "x@example.com"})

    assert refused.status_code == 429
    assert "Too many attempts" not in refused.content.decode()


def test_with_redis_down_sign_up_still_works(client, small_limits, redis_down):  # noqa: F811
    answers = []
    for n in range(3):
        client.logout()
        answers.append(client.post("/accounts/signup/", {**SIGNUP, "email": f"new{n}@example.com"}))

    assert [answer.status_code for answer in answers] == [302, 302, 302]


@pytest.fixture
def english_afterwards():
    from django.utils import translation

    yield
    translation.activate("en")
