import re
from datetime import datetime, timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail.backends.locmem import EmailBackend
from prometheus_client import REGISTRY

from accounts.tasks import MAX_RETRIES

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-new-passw0rd"
RESET_LINK = re.compile(r"http://testserver(/(?:bn/)?accounts/password/reset/[^/\s]+/[^/\s]+/)")


class FlakyBackend(EmailBackend):
    """The in-memory outbox behind a mail server that drops the first `failures_left` connections."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left:
            FlakyBackend.failures_left -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail_server(settings, mailoutbox):
    settings.EMAIL_BACKEND = "accounts.tests.test_password_reset.FlakyBackend"
    yield FlakyBackend
    FlakyBackend.failures_left = 0


def emails_counted(metric):
    return REGISTRY.get_sample_value(f"dhakacart_emails_{metric}_total", {"kind": "password_reset"}) or 0


def request_reset(client, email, prefix=""):
    return client.post(f"{prefix}/accounts/password/reset/", {"email": email})


def link_in(message) -> str:
    return RESET_LINK.search(message.body).group(1)


def test_the_reset_email_link_sets_a_new_password_that_then_signs_in(client, mailoutbox):
    shopper = UserFactory(email="nusrat@example.com")

    response = request_reset(client, "Nusrat@Example.com")
    link = link_in(mailoutbox[0])
    set_password_page = client.get(link, follow=True)
    saved = client.post(
        set_password_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    login = client.post("/accounts/login/", {"username": shopper.email, "password": NEW_PASSWORD})

    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mailoutbox[0].to == [shopper.email]
    assert mailoutbox[0].subject == "Reset your DhakaCart password"
    assert link in mailoutbox[0].alternatives[0].content
    assert "Choose a new password" in set_password_page.content.decode()
    assert saved["Location"] == "/accounts/password/reset/done/"
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(shopper.pk)


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, mailoutbox):
    UserFactory(email="nusrat@example.com")

    known = request_reset(client, "nusrat@example.com")
    unknown = request_reset(client, "nobody@example.com")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [message.to for message in mailoutbox] == [["nusrat@example.com"]]


def test_a_reset_link_works_only_once(client, mailoutbox):
    UserFactory(email="nusrat@example.com")
    request_reset(client, "nusrat@example.com")
    link = link_in(mailoutbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    reused = client.get(link, follow=True)

    assert "This link no longer works" in reused.content.decode()


def test_an_expired_reset_link_is_refused_and_the_password_stays(client, mailoutbox, monkeypatch):
    shopper = UserFactory(email="nusrat@example.com")
    request_reset(client, "nusrat@example.com")
    link = link_in(mailoutbox[0])
    later = datetime.now() + timedelta(seconds=django_settings.PASSWORD_RESET_TIMEOUT + 60)  # noqa: DTZ005 (Django's token clock is naive)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    response = client.get(link, follow=True)

    shopper.refresh_from_db()
    assert "This link no longer works" in response.content.decode()
    assert shopper.check_password(PASSWORD)


def test_a_reset_asked_for_in_bangla_links_to_the_bangla_pages(client, mailoutbox):
    UserFactory(email="nusrat@example.com")

    request_reset(client, "nusrat@example.com", prefix="/bn")

    assert link_in(mailoutbox[0]).startswith("/bn/accounts/password/reset/")


def test_a_ten_thousand_character_email_is_refused_with_a_message(client, mailoutbox):
    response = request_reset(client, "a" * 10_000 + "@example.com")

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mailoutbox == []


def test_the_reset_mail_is_retried_when_the_mail_server_fails_and_counted(
    client, mailoutbox, flaky_mail_server
):
    UserFactory(email="nusrat@example.com")
    flaky_mail_server.failures_left = 2
    failed_before, sent_before = emails_counted("failed"), emails_counted("sent")

    response = request_reset(client, "nusrat@example.com")

    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mailoutbox) == 1
    assert emails_counted("failed") - failed_before == 2
    assert emails_counted("sent") - sent_before == 1


def test_the_reset_mail_gives_up_after_its_retries_without_failing_the_page(
    client, mailoutbox, flaky_mail_server
):
    UserFactory(email="nusrat@example.com")
    flaky_mail_server.failures_left = MAX_RETRIES + 5
    failed_before = emails_counted("failed")

    response = request_reset(client, "nusrat@example.com")

    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mailoutbox == []
    assert emails_counted("failed") - failed_before == MAX_RETRIES + 1
