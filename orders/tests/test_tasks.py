from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.utils import timezone

from orders.models import Order
from orders.tasks import send_order_confirmation_task, send_unsent_confirmations_task

pytestmark = pytest.mark.django_db


class FlakyMailBackend:
    """A mail server that refuses the first `failures` messages, then accepts."""

    failures = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyMailBackend.failures > 0:
            FlakyMailBackend.failures -= 1
            raise SMTPServerDisconnected("mail server went away")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyMailBackend"
    return FlakyMailBackend


def test_a_placed_order_sends_exactly_one_email_with_its_number_and_lines(
    place, rice, oil, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place({rice: 2, oil: 1})

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ayesha@example.com"]
    assert order.number in message.subject
    assert "2 × Miniket Rice 5kg (DC-RICE-001): ৳840.00" in message.body
    assert "Total: ৳1,085.00" in message.body
    html = message.alternatives[0][0]
    assert order.number in html and "Soybean Oil 1L" in html
    assert f"/orders/{order.token}/" in message.body
    assert Order.objects.get(pk=order.pk).confirmation_sent_at is not None


def test_the_email_speaks_the_language_of_the_order(
    place, rice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 1}, language="bn")

    assert "মিনিকেট চাল ৫ কেজি" in mailoutbox[0].body


def test_running_the_task_again_sends_nothing_more(
    place, rice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place({rice: 1})

    sent_again = send_order_confirmation_task.delay(order_id=order.pk).get()

    assert sent_again is False
    assert len(mailoutbox) == 1


def test_a_mail_server_error_is_tried_again_by_the_sweep_once_due(
    place, rice, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failures = 1
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        order = place({rice: 1})

    failed = Order.objects.get(pk=order.pk)
    assert (failed.confirmation_sent_at, failed.confirmation_attempts) == (None, 1)
    assert send_unsent_confirmations_task.delay().get() == 0  # not due yet: a minute after the failure
    Order.objects.filter(pk=order.pk).update(confirmation_next_attempt_at=timezone.now())

    assert send_unsent_confirmations_task.delay().get() == 1
    assert len(mail.outbox) == 1
    sent = Order.objects.get(pk=order.pk)
    assert sent.confirmation_sent_at is not None and sent.confirmation_attempts == 2


def test_when_every_retry_fails_the_order_is_kept_unsent_for_the_sweep(
    place, rice, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failures = 100
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        order = place({rice: 1})

    flaky_mail.failures = 0
    assert Order.objects.filter(pk=order.pk).exists()
    assert Order.objects.get(pk=order.pk).confirmation_sent_at is None
    assert mail.outbox == []


def test_the_sweep_sends_what_was_not_sent_and_never_twice(place, rice, mailoutbox):
    # Placed outside a commit, so the on-commit e-mail never went (as when the broker was down).
    stale = place({rice: 1})
    fresh = place({rice: 1})
    Order.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(minutes=3))

    first = send_unsent_confirmations_task.delay().get()
    second = send_unsent_confirmations_task.delay().get()

    assert (first, second) == (1, 0)
    assert [message.to for message in mailoutbox] == [["ayesha@example.com"]]
    assert stale.number in mailoutbox[0].subject
    assert Order.objects.get(pk=fresh.pk).confirmation_sent_at is None  # too new: its own task may still run


def test_the_unsent_confirmations_gauge_counts_what_the_sweep_would_send(place, rice, client):
    stale = place({rice: 1})
    Order.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(minutes=5))

    text = client.get("/metrics").content.decode()

    assert "dhakacart_unsent_confirmations 1.0" in text


def test_placing_an_order_counts_it_in_the_metrics(place, rice, client, django_capture_on_commit_callbacks):
    def placed_total():
        text = client.get("/metrics").content.decode()
        line = next(
            line
            for line in text.splitlines()
            if line.startswith('dhakacart_orders_placed_total{channel="web"}')
        )
        return float(line.split()[-1])

    before = placed_total()
    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 1}, channel="web")

    assert placed_total() == before + 1
