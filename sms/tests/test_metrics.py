"""SMS and sign-in codes in the metrics: sent and failed by backend, codes sent, verified, refused."""

import re

import pytest
from django.utils import timezone
from prometheus_client import REGISTRY

from sms.exceptions import CodeLimitReached
from sms.models import Message
from sms.services.sending import send_message
from sms.services.signin import request_code, verify_code

from .gateway import FakeGateway

pytestmark = pytest.mark.django_db


def value(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_sent_and_failed_sms_are_counted_by_backend(place, rice, settings):
    with FakeGateway() as gateway:
        gateway.settings_for(settings)
        sent, failed = (
            value("dhakacart_sms_sent_total", backend="ssl_wireless"),
            value("dhakacart_sms_failed_total", backend="ssl_wireless"),
        )
        gateway.refuse = "No balance"
        order = place({rice: 1})
        message = Message.objects.get(order=order)
        send_message(message_id=message.pk)
        gateway.refuse = ""
        Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        send_message(message_id=message.pk)

    assert value("dhakacart_sms_failed_total", backend="ssl_wireless") == failed + 1
    assert value("dhakacart_sms_sent_total", backend="ssl_wireless") == sent + 1


def test_codes_sent_verified_and_refused_are_counted(smsoutbox, django_capture_on_commit_callbacks):
    before = (
        value("dhakacart_sign_in_codes_sent_total"),
        value("dhakacart_sign_in_codes_verified_total"),
        value("dhakacart_sign_in_codes_refused_total", limit="number_15min"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            request_code(phone="+8801812345678", client_address="203.0.113.9", language="en")
    with pytest.raises(CodeLimitReached):
        request_code(phone="+8801812345678", client_address="203.0.113.9", language="en")
    code = re.search(r"[0-9]{6}", smsoutbox[-1].text).group(0)
    verify_code(phone="+8801812345678", code=code)

    after = (
        value("dhakacart_sign_in_codes_sent_total"),
        value("dhakacart_sign_in_codes_verified_total"),
        value("dhakacart_sign_in_codes_refused_total", limit="number_15min"),
    )
    assert [a - b for a, b in zip(after, before, strict=True)] == [3, 1, 1]


def test_the_metrics_page_offers_the_unsent_sms_gauge(client, place, rice):
    place({rice: 1})

    text = client.get("/metrics").content.decode()

    assert "dhakacart_unsent_sms 0.0" in text
    assert 'dhakacart_sms_failed_total{backend="ssl_wireless"}' in text
    assert 'dhakacart_sign_in_codes_refused_total{limit="address"}' in text
