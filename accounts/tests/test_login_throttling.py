"""Sign-in throttling (django-axes): 5 failures for one account from one client address in 15 minutes,
and a much higher ceiling per address, so one shopper's typos never lock out a whole carrier NAT."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory

from dhakacart.clients import client_ip_address

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

HOME, PHONE_NETWORK, OFFICE = "198.51.100.10", "198.51.100.20", "198.51.100.30"
LIMIT = 5


@pytest.fixture
def shopper():
    return UserFactory(email="nusrat@example.com")


def sign_in(client, email, password, address=HOME, **headers):
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail(client, email, times=1, address=HOME, **headers):
    return [sign_in(client, email, "wrong-password", address, **headers).status_code for _ in range(times)]


def move_attempts_back(minutes):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_the_fifth_wrong_password_locks_the_account_and_the_right_one_is_then_refused(client, shopper):
    statuses = fail(client, shopper.email, times=LIMIT)

    response = sign_in(client, shopper.email, PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Too many sign-in attempts" in response.content.decode()
    assert "try again in 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_for_one_account_do_not_stop_another_at_the_same_address(client, shopper):
    neighbour = UserFactory(email="karim@example.com")
    fail(client, shopper.email, times=LIMIT, address=PHONE_NETWORK)

    neighbour_signs_in = sign_in(client, neighbour.email, PASSWORD, address=PHONE_NETWORK)
    client.post("/accounts/logout/")
    shopper_signs_in = sign_in(client, shopper.email, PASSWORD, address=PHONE_NETWORK)

    assert neighbour_signs_in.status_code == 302
    assert shopper_signs_in.status_code == 429


def test_a_locked_account_can_still_sign_in_from_another_address(client, shopper):
    fail(client, shopper.email, times=LIMIT, address=HOME)

    response = sign_in(client, shopper.email, PASSWORD, address=OFFICE)

    assert response.status_code == 302


def test_the_email_counts_as_one_account_whatever_its_case(client, shopper):
    fail(client, "NUSRAT@example.com", times=2)
    fail(client, "Nusrat@Example.COM", times=3)

    response = sign_in(client, shopper.email, PASSWORD)

    assert response.status_code == 429


def test_failures_on_many_accounts_from_one_address_stay_below_its_ceiling_at_the_default(client, shopper):
    for number in range(3 * LIMIT):
        fail(client, f"guess{number}@example.com", address=PHONE_NETWORK)

    response = sign_in(client, shopper.email, PASSWORD, address=PHONE_NETWORK)

    assert response.status_code == 302


def test_an_address_reaching_its_ceiling_on_many_accounts_is_locked_for_every_account(
    client, shopper, settings
):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 8
    statuses = [fail(client, f"guess{number}@example.com", address=HOME)[0] for number in range(8)]

    from_home = sign_in(client, shopper.email, PASSWORD, address=HOME)
    from_office = sign_in(client, shopper.email, PASSWORD, address=OFFICE)

    assert statuses == [200] * 7 + [429]
    assert from_home.status_code == 429
    assert from_office.status_code == 302


def test_the_lockout_ends_fifteen_minutes_after_it_began(client, shopper):
    fail(client, shopper.email, times=LIMIT)
    sign_in(client, shopper.email, PASSWORD)  # refused; does not extend the lockout
    move_attempts_back(minutes=15)

    response = sign_in(client, shopper.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_the_lockout_still_holds_a_minute_before_its_end(client, shopper):
    fail(client, shopper.email, times=LIMIT)
    move_attempts_back(minutes=14)

    response = sign_in(client, shopper.email, PASSWORD)

    assert response.status_code == 429


def test_failures_older_than_fifteen_minutes_no_longer_count(client, shopper):
    fail(client, shopper.email, times=LIMIT - 1)
    move_attempts_back(minutes=16)

    statuses = fail(client, shopper.email, times=LIMIT - 1)
    response = sign_in(client, shopper.email, PASSWORD)

    assert statuses == [200] * (LIMIT - 1)
    assert response.status_code == 302


def test_another_shoppers_successful_sign_in_resets_nobody_elses_failures(client, shopper):
    attacker = UserFactory(email="attacker@example.com")
    fail(client, shopper.email, times=LIMIT - 1, address=HOME)

    attacker_signs_in = sign_in(client, attacker.email, PASSWORD, address=HOME)
    client.post("/accounts/logout/")
    fifth_failure = fail(client, shopper.email, address=HOME)

    assert attacker_signs_in.status_code == 302
    assert fifth_failure == [429]


def test_a_shopper_signs_in_normally_while_another_account_is_locked(client, shopper):
    fail(client, "someone@example.com", times=LIMIT, address=PHONE_NETWORK)

    response = sign_in(client, shopper.email, PASSWORD, address=HOME)

    assert response.status_code == 302


def test_a_successful_sign_in_runs_a_small_fixed_number_of_queries(
    client, shopper, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = sign_in(client, shopper.email, PASSWORD)

    assert response.status_code == 302


def test_staff_can_lift_a_lockout_with_axes_reset(client, shopper):
    fail(client, shopper.email, times=LIMIT)

    call_command("axes_reset_username", shopper.email, verbosity=0)

    assert sign_in(client, shopper.email, PASSWORD).status_code == 302


def test_behind_the_trusted_proxy_the_first_forwarded_hop_is_the_client(client, shopper, settings):
    settings.TRUST_PROXY_HEADERS = True
    proxy = "10.0.0.5"
    fail(client, shopper.email, times=LIMIT, address=proxy, HTTP_X_FORWARDED_FOR=f"{HOME}, 10.0.0.1")

    same_client = sign_in(client, shopper.email, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=HOME)
    other_client = sign_in(client, shopper.email, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=OFFICE)

    assert same_client.status_code == 429
    assert other_client.status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_header_does_not_dodge_the_lock(client, shopper):
    for number in range(LIMIT):
        fail(client, shopper.email, address=HOME, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")

    response = sign_in(client, shopper.email, PASSWORD, address=HOME, HTTP_X_FORWARDED_FOR=OFFICE)

    assert response.status_code == 429


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "999.1.1.1, 10.0.0.1"])
def test_a_missing_or_malformed_forwarded_header_falls_back_to_the_peer_address(settings, forwarded):
    settings.TRUST_PROXY_HEADERS = True
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip_address(request) == HOME


def test_a_ten_thousand_character_password_counts_as_a_failure_without_an_error(client, shopper):
    response = sign_in(client, shopper.email, "x" * 10_000)

    assert response.status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_sign_in_code_that_passes_no_request_is_neither_checked_nor_counted(shopper):
    signed_in = authenticate(email=shopper.email, password=PASSWORD)
    refused = authenticate(email=shopper.email, password="wrong-password")

    assert (signed_in, refused) == (shopper, None)
    assert not AccessAttempt.objects.exists()
