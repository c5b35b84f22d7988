import sys
import threading

from . import BaseBackend, Receipt, Sms

_lock = threading.Lock()


class ConsoleBackend(BaseBackend):
    """Prints each message on stdout (`make run`): what the shopper's phone would show."""

    name = "console"

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, sms: Sms) -> Receipt:
        with _lock:
            self.stream.write(f"SMS to {sms.to} [{sms.csms_id}]\n{sms.text}\n{'-' * 40}\n")
            self.stream.flush()
        return Receipt(reference=sms.csms_id, status="printed")
