from . import BaseBackend, Receipt, Sms

# Every message "sent" in this process, like django.core.mail.outbox (tests empty it).
outbox: list[Sms] = []


class LocmemBackend(BaseBackend):
    name = "locmem"

    def send(self, sms: Sms) -> Receipt:
        outbox.append(sms)
        return Receipt(reference=sms.csms_id, status="stored")
