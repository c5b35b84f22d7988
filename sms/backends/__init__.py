"""SMS backends, chosen by `SMS_BACKEND` the way Django chooses e-mail backends.

`SMS_BACKEND` names one of BACKENDS (`console`, `locmem`, `ssl_wireless`) or a dotted path to a
class. A backend has a `name` (the metrics label) and `send(sms) -> Receipt`; it raises
SmsError when the message was not accepted, and the caller decides when to try again. Another
gateway is one small class: build its request from `Sms`, read its answer into a `Receipt`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

BACKENDS = {
    "console": "sms.backends.console.ConsoleBackend",
    "locmem": "sms.backends.locmem.LocmemBackend",
    "ssl_wireless": "sms.backends.ssl_wireless.SslWirelessBackend",
}


@dataclass(frozen=True)
class Sms:
    to: str  # +8801XXXXXXXXX, as the shop stores numbers
    text: str
    csms_id: str  # unique per message: a gateway that sees it twice sends it once


@dataclass(frozen=True)
class Receipt:
    """What the gateway said when it took the message: its own id and status, when it gives them."""

    reference: str = ""
    status: str = ""


class SmsError(Exception):
    """The gateway did not take the message (refused, unreachable, or no answer in time)."""


class BaseBackend:
    name = "base"

    def send(self, sms: Sms) -> Receipt:
        raise NotImplementedError


def get_backend() -> BaseBackend:
    path = BACKENDS.get(settings.SMS_BACKEND, settings.SMS_BACKEND)
    return import_string(path)()
