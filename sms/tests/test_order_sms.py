"""Order SMS: one per order event, in the shopper's language, sent after commit, retried and swept."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Order
from orders.services import cancel_order, confirm_order, deliver_order, ship_order
from orders.signals import order_paid
from sms.models import Message
from sms.services.sending import MAX_ATTEMPTS, send_message
from sms.tasks import send_unsent_sms_task
from sms.texts import order_text, segments

from .gateway import FakeGateway

pytestmark = pytest.mark.django_db


def test_a_placed_order_sends_one_sms_with_its_number_total_and_cash_to_pay(
    place, rice, smsoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place({rice: 2})

    assert [(sms.to, sms.text) for sms in smsoutbox] == [
        ("+8801712345678", f"DhakaCart: order {order.number} placed. Total ৳900.00, pay ৳900.00 in cash.")
    ]
    message = Message.objects.get(order=order)
    assert message.event == "placed"
    assert message.csms_id == smsoutbox[0].csms_id
    assert message.sent_at is not None
    assert message.backend == "locmem"


def test_a_bangla_order_gets_bangla_words_and_digits_in_the_one_money_format(
    place, rice, smsoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place({rice: 3}, language="bn")

    assert smsoutbox[0].text == (f"ঢাকাকার্ট: অর্ডার {order.number} নেওয়া হয়েছে। মোট ৳১,৩২০.০০, নগদে দিন ৳১,৩২০.০০।")


def test_each_later_status_the_shopper_cares_about_sends_one_sms(
    place, rice, staff_user, smsoutbox, django_capture_on_commit_callbacks
):
    order = place({rice: 1})
    with django_capture_on_commit_callbacks(execute=True):
        confirm_order(order=order, by=staff_user)
        ship_order(order=order, by=staff_user)
        deliver_order(order=order, by=staff_user)

    events = list(Message.objects.filter(order=order).values_list("event", flat=True))
    assert events == ["placed", "shipped", "delivered"]
    assert smsoutbox[-1].text == f"DhakaCart: order {order.number} delivered. Thank you!"


def test_cancelling_sends_the_cancelled_sms(
    place, rice, staff_user, smsoutbox, django_capture_on_commit_callbacks
):
    order = place({rice: 1}, language="bn")
    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=order, by=staff_user)

    assert smsoutbox[-1].text == f"ঢাকাকার্ট: অর্ডার {order.number} বাতিল করা হয়েছে।"


def test_a_payment_sends_the_paid_sms_once(place, rice, smsoutbox, django_capture_on_commit_callbacks):
    order = place({rice: 1})
    with django_capture_on_commit_callbacks(execute=True):
        order_paid.send(sender=Order, order=order, amount=Decimal("480.00"))
        order_paid.send(sender=Order, order=order, amount=Decimal("480.00"))

    assert [sms.text for sms in smsoutbox] == [
        f"DhakaCart: ৳480.00 received for order {order.number}. Thank you!"
    ]


def test_the_sms_row_is_written_with_the_order_and_sent_only_after_commit(place, rice, smsoutbox):
    order = place({rice: 1})  # no commit callbacks run: the broker "never heard" of it

    assert smsoutbox == []
    assert Message.objects.filter(order=order, sent_at=None).count() == 1


def test_the_sms_texts_fit_the_segments_the_readme_gives(place, make_product):
    lamp = make_product(price=Decimal("1250.00"))
    big = make_product(price=Decimal("99999.00"))
    small_en, small_bn = place({lamp: 1}), place({lamp: 1}, language="bn")
    large_en, large_bn = place({big: 1}), place({big: 1}, language="bn")

    counts = {
        (order.language, event, "large" if order in (large_en, large_bn) else "small"): segments(
            order_text(order, event, amount=order.total)
        )
        for order in (small_en, small_bn, large_en, large_bn)
        for event in ("placed", "paid", "shipped", "delivered", "cancelled")
    }

    assert counts == {
        **{(lang, "placed", size): 2 for lang in ("en", "bn") for size in ("small", "large")},
        **{(lang, "shipped", size): 1 for lang in ("en", "bn") for size in ("small", "large")},
        **{(lang, "paid", size): 1 for lang in ("en", "bn") for size in ("small", "large")},
        **{
            (lang, event, size): 1
            for lang in ("en", "bn")
            for event in ("delivered", "cancelled")
            for size in ("small", "large")
        },
    }


def test_segments_count_gsm_and_unicode_texts_as_the_gateways_bill_them():
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("€" * 80) == 1  # two places each in GSM-7: 160
    assert segments("৳" * 70) == 1
    assert segments("৳" * 71) == 2
    assert segments("৳" * 134) == 2
    assert segments("৳" * 135) == 3


class TestWithTheGateway:
    def test_a_refused_sms_is_retried_later_and_given_up_after_the_last_try(self, place, rice, settings):
        with FakeGateway() as gateway:
            gateway.settings_for(settings)
            gateway.refuse = "Invalid sender id"
            order = place({rice: 1})
            message = Message.objects.get(order=order)
            Message.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS - 1)

            sent = send_message(message_id=message.pk)

        message.refresh_from_db()
        assert sent is False
        assert message.given_up_at is not None
        assert "Invalid sender id" in message.last_error
        assert message.backend == "ssl_wireless"

    def test_a_gateway_down_for_a_while_gets_the_sms_later_exactly_once_with_the_same_id(
        self, place, rice, settings, django_capture_on_commit_callbacks
    ):
        gateway = FakeGateway()  # nothing listens yet
        gateway.settings_for(settings)
        with django_capture_on_commit_callbacks(execute=True):
            order = place({rice: 1})
        message = Message.objects.get(order=order)
        message.refresh_from_db()
        assert message.sent_at is None
        assert message.attempts == 1
        assert message.next_attempt_at > timezone.now()
        assert send_unsent_sms_task() == 0  # not due yet

        with gateway:
            Message.objects.filter(pk=message.pk).update(
                next_attempt_at=timezone.now() - timedelta(seconds=1)
            )
            assert send_unsent_sms_task() == 1
            assert send_unsent_sms_task() == 0
            assert send_message(message_id=message.pk) is False  # a rerun of the task sends nothing

        message.refresh_from_db()
        assert message.sent_at is not None
        assert message.attempts == 2
        assert list(gateway.taken) == [message.csms_id]
        assert [body["csms_id"] for _, body in gateway.requests] == [message.csms_id]

    def test_a_try_whose_answer_was_lost_is_not_sent_twice(self, place, rice, settings):
        with FakeGateway() as gateway:
            gateway.settings_for(settings, timeout=1)
            order = place({rice: 1})
            message = Message.objects.get(order=order)
            gateway.stall = True  # takes the message, then answers too late
            assert send_message(message_id=message.pk) is False
            gateway.stall = False
            Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())

            assert send_unsent_sms_task() == 1

        message.refresh_from_db()
        assert message.sent_at is not None
        assert message.gateway_status.startswith("duplicate")
        assert list(gateway.taken) == [message.csms_id]

    def test_the_sweep_picks_an_sms_the_broker_never_queued(self, place, rice, settings):
        with FakeGateway() as gateway:
            gateway.settings_for(settings)
            order = place({rice: 1})  # on-commit never ran: as if the broker was down
            Message.objects.filter(order=order).update(created_at=timezone.now() - timedelta(minutes=3))

            assert send_unsent_sms_task() == 1

        assert len(gateway.taken) == 1
