"""The confirmation e-mail against a real (local) SMTP server that stalls, with real threads."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from dhakacart.tests.smtp_server import SmtpServer
from orders.models import Order, OrderStatus
from orders.services import cancel_order, confirm_order, send_order_confirmation
from orders.services.confirmation import MAX_ATTEMPTS
from orders.tasks import send_unsent_confirmations_task

from .test_tasks import FlakyMailBackend


def unsent_order(place, rice) -> Order:
    """A placed order whose confirmation has not gone yet (as when the broker was down)."""
    order = place({rice: 1})
    Order.objects.filter(pk=order.pk).update(
        confirmation_sent_at=None, confirmation_attempts=0, confirmation_next_attempt_at=None
    )
    return Order.objects.get(pk=order.pk)


def in_thread(job):
    """Start job in a thread with its own database connection; returns (thread, results)."""
    results = []

    def run():
        try:
            results.append(job())
        except Exception as error:  # handed to the test to assert on
            results.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestWithAStallingMailServer:
    def test_staff_confirm_the_order_while_the_mail_server_stalls(self, place, rice, staff_user, settings):
        order = unsent_order(place, rice)
        with SmtpServer(stall_greeting=True) as server:
            server.settings_for(settings, timeout=60)
            sender, sent = in_thread(lambda: send_order_confirmation(order_id=order.pk))
            assert server.connected.wait(timeout=10)

            staff, confirmed = in_thread(lambda: confirm_order(order=order, by=staff_user))
            staff.join(timeout=20)

            assert not staff.is_alive(), "confirming waited for the mail server"
            assert sender.is_alive()  # still stalled
            assert confirmed[0].status == OrderStatus.CONFIRMED
            server.release.set()  # the server hangs up: that attempt fails
            sender.join(timeout=20)

        assert sent == [False]
        order.refresh_from_db()
        assert order.status == OrderStatus.CONFIRMED
        assert order.confirmation_sent_at is None
        assert order.confirmation_attempts == 1
        assert order.confirmation_sending_until is None
        assert order.confirmation_next_attempt_at > timezone.now()

    def test_email_timeout_ends_an_exchange_with_a_server_that_never_answers(self, place, rice, settings):
        order = unsent_order(place, rice)
        with SmtpServer(stall_greeting=True) as server:
            server.settings_for(settings, timeout=1)

            sent = send_order_confirmation(order_id=order.pk)

            assert server.connected.is_set()
        assert sent is False
        order.refresh_from_db()
        assert (order.confirmation_attempts, order.confirmation_sending_until) == (1, None)

    def test_two_workers_at_once_send_one_email(self, place, rice, settings):
        order = unsent_order(place, rice)
        with SmtpServer(hold_data=True) as server:
            server.settings_for(settings, timeout=30)
            barrier = threading.Barrier(2)
            returned = threading.Event()

            def worker():
                barrier.wait()
                result = send_order_confirmation(order_id=order.pk)
                returned.set()
                return result

            first, first_result = in_thread(worker)
            second, second_result = in_thread(worker)
            assert server.in_data.wait(timeout=10)  # one worker is handing over the message…
            assert returned.wait(timeout=10)  # …while the other has already given way
            assert first_result + second_result == [False]
            server.release.set()
            first.join(timeout=20)
            second.join(timeout=20)

        assert sorted(first_result + second_result) == [False, True]
        assert len(server.received) == 1
        assert server.received[0]["To"] == "ayesha@example.com"
        order.refresh_from_db()
        assert order.confirmation_sent_at is not None and order.confirmation_attempts == 1


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = f"{FlakyMailBackend.__module__}.FlakyMailBackend"
    FlakyMailBackend.failures = 10_000
    yield
    FlakyMailBackend.failures = 0


def make_due(order):
    Order.objects.filter(pk=order.pk).update(
        confirmation_next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


@pytest.mark.django_db
class TestTheSweep:
    def test_an_order_waiting_for_its_retry_is_not_queued_again(self, place, rice, failing_mail):
        order = unsent_order(place, rice)
        Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(minutes=3))

        first = send_unsent_confirmations_task.delay().get()
        second = send_unsent_confirmations_task.delay().get()

        assert (first, second) == (1, 0)
        order.refresh_from_db()
        assert order.confirmation_attempts == 1
        assert order.confirmation_next_attempt_at > timezone.now()

    def test_the_waits_between_attempts_double(self, place, rice, failing_mail):
        order = unsent_order(place, rice)
        waits = []
        for _attempt in range(3):
            make_due(order)
            before = timezone.now()
            send_unsent_confirmations_task.delay().get()
            order.refresh_from_db()
            waits.append(round((order.confirmation_next_attempt_at - before).total_seconds() / 60))

        assert waits == [1, 2, 4]

    def test_a_cancelled_order_gets_no_confirmation(self, place, rice, mailoutbox):
        order = unsent_order(place, rice)
        cancel_order(order=order)
        Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(minutes=3))

        assert send_unsent_confirmations_task.delay().get() == 0
        assert send_order_confirmation(order_id=order.pk) is False
        assert mailoutbox == []

    def test_after_the_last_attempt_the_order_is_given_up_and_counted(
        self, place, rice, failing_mail, client
    ):
        order = unsent_order(place, rice)
        Order.objects.filter(pk=order.pk).update(confirmation_attempts=MAX_ATTEMPTS - 1)
        make_due(order)

        send_unsent_confirmations_task.delay().get()

        order.refresh_from_db()
        assert order.confirmation_given_up_at is not None
        assert order.confirmation_next_attempt_at is None
        make_due(order)
        assert send_unsent_confirmations_task.delay().get() == 0
        metrics = client.get("/metrics").content.decode()
        assert "dhakacart_confirmations_given_up 1.0" in metrics
        assert "dhakacart_unsent_confirmations 0.0" in metrics

    def test_a_week_old_unsent_order_is_given_up_not_retried(self, place, rice, mailoutbox):
        order = unsent_order(place, rice)
        Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=8))

        assert send_unsent_confirmations_task.delay().get() == 0

        assert Order.objects.get(pk=order.pk).confirmation_given_up_at is not None
        assert mailoutbox == []

    def test_a_fresh_failure_goes_before_an_old_hopeless_order(self, place, rice, failing_mail, monkeypatch):
        hopeless = unsent_order(place, rice)
        fresh = unsent_order(place, rice)
        Order.objects.filter(pk=hopeless.pk).update(
            created_at=timezone.now() - timedelta(days=2),
            confirmation_attempts=8,
            confirmation_next_attempt_at=timezone.now() - timedelta(seconds=5),
        )
        Order.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - timedelta(minutes=3))
        monkeypatch.setattr("orders.tasks.SWEEP_BATCH", 1)

        send_unsent_confirmations_task.delay().get()

        assert Order.objects.get(pk=fresh.pk).confirmation_attempts == 1
        assert Order.objects.get(pk=hopeless.pk).confirmation_attempts == 8


@pytest.mark.django_db
class TestTheAdmin:
    @pytest.fixture
    def given_up(self, place, rice):
        order = unsent_order(place, rice)
        Order.objects.filter(pk=order.pk).update(
            confirmation_attempts=MAX_ATTEMPTS, confirmation_given_up_at=timezone.now()
        )
        return order

    def test_staff_find_the_orders_that_gave_up(self, admin_client, given_up, place, rice):
        sent = place({rice: 1})
        Order.objects.filter(pk=sent.pk).update(confirmation_sent_at=timezone.now())

        page = admin_client.get("/admin/orders/order/", {"confirmation": "given_up"})

        html = page.content.decode()
        assert given_up.number in html and sent.number not in html
        assert f"Given up after {MAX_ATTEMPTS} attempts" in html

    def test_staff_send_a_given_up_confirmation_again(self, admin_client, given_up, mailoutbox):
        admin_client.post(
            "/admin/orders/order/",
            {"action": "retry_confirmations", "_selected_action": [given_up.pk]},
        )

        given_up.refresh_from_db()
        assert given_up.confirmation_sent_at is not None
        assert given_up.confirmation_given_up_at is None
        assert len(mailoutbox) == 1


def test_the_failure_is_counted(place, rice, failing_mail, client, db):
    def failed_total():
        text = client.get("/metrics").content.decode()
        line = next(
            line
            for line in text.splitlines()
            if line.startswith('dhakacart_emails_failed_total{kind="order_')
        )
        return float(line.split()[-1])

    before = failed_total()
    send_order_confirmation(order_id=unsent_order(place, rice).pk)

    assert failed_total() == before + 1
