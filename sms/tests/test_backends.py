"""The SMS backends, the SSL Wireless one against a local gateway over a real socket."""

import io

import pytest

from sms.backends import Sms, SmsError, get_backend
from sms.backends.console import ConsoleBackend

from .gateway import SENDER, TOKEN, FakeGateway

SMS = Sms(to="+8801712345678", text="DhakaCart: order DC-7K3Q9P placed.", csms_id="DCTEST0000000000001")


def test_ssl_wireless_posts_the_documented_json_and_returns_the_gateway_reference(settings):
    with FakeGateway() as gateway:
        gateway.settings_for(settings)

        receipt = get_backend().send(SMS)

    assert gateway.requests == [
        (
            "/api/v3/send-sms",
            {
                "api_token": TOKEN,
                "sid": SENDER,
                "msisdn": "8801712345678",
                "sms": "DhakaCart: order DC-7K3Q9P placed.",
                "csms_id": "DCTEST0000000000001",
            },
        )
    ]
    assert receipt.reference == "REF-1"
    assert receipt.status == "SUCCESS"


def test_ssl_wireless_sends_bangla_text_as_it_is(settings):
    with FakeGateway() as gateway:
        gateway.settings_for(settings)

        get_backend().send(Sms(to="+8801812345678", text="ঢাকাকার্ট: ৳১,২৫০.০০", csms_id="DCTEST0000000000002"))

    assert gateway.taken["DCTEST0000000000002"]["sms"] == "ঢাকাকার্ট: ৳১,২৫০.০০"


def test_ssl_wireless_raises_with_the_gateways_error_message_when_it_refuses(settings):
    with FakeGateway() as gateway:
        gateway.settings_for(settings)
        settings.SMS_API_TOKEN = "wrong-token"

        with pytest.raises(SmsError, match="Unauthorized"):
            get_backend().send(SMS)

    assert gateway.taken == {}


def test_ssl_wireless_raises_when_the_gateway_does_not_answer_in_time(settings):
    with FakeGateway() as gateway:
        gateway.settings_for(settings, timeout=1)
        gateway.stall = True

        with pytest.raises(SmsError, match="unreachable"):
            get_backend().send(SMS)

        assert gateway.stalled.is_set()


def test_ssl_wireless_raises_when_nothing_listens(settings):
    gateway = FakeGateway()  # never up
    gateway.settings_for(settings)

    with pytest.raises(SmsError, match="unreachable"):
        get_backend().send(SMS)


def test_a_repeated_csms_id_counts_as_taken_before_not_as_a_failure(settings):
    with FakeGateway() as gateway:
        gateway.settings_for(settings)
        get_backend().send(SMS)

        receipt = get_backend().send(SMS)

    assert len(gateway.taken) == 1
    assert receipt.status.startswith("duplicate")


def test_locmem_keeps_what_it_sends(smsoutbox):
    get_backend().send(SMS)

    assert smsoutbox == [SMS]


def test_console_prints_the_number_and_the_text():
    stream = io.StringIO()

    ConsoleBackend(stream=stream).send(SMS)

    assert "SMS to +8801712345678 [DCTEST0000000000001]" in stream.getvalue()
    assert "DhakaCart: order DC-7K3Q9P placed." in stream.getvalue()


def test_a_dotted_path_names_a_backend_of_another_gateway(settings, smsoutbox):
    settings.SMS_BACKEND = "sms.backends.locmem.LocmemBackend"

    get_backend().send(SMS)

    assert smsoutbox == [SMS]
