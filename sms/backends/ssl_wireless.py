"""SSL Wireless SMS Plus: `POST {SMS_BASE_URL}/api/v3/send-sms` with a JSON body.

The body carries `api_token`, `sid` (the sender id), `msisdn` (`8801XXXXXXXXX`), `sms` and
`csms_id`. The gateway answers JSON: `status_code` 200 with `smsinfo` (its `reference_id` and
`sms_status`) when it took the message, another `status_code` and an `error_message` when not.
`csms_id` must be unique per message, and a repeated one is refused with an error message naming
it a duplicate; that answer means an earlier try (whose reply was lost to a timeout) was taken,
so it counts as sent rather than as a failure to retry until given up.
"""

import json
import urllib.error
import urllib.request

from django.conf import settings

from . import BaseBackend, Receipt, Sms, SmsError

PATH = "/api/v3/send-sms"


class SslWirelessBackend(BaseBackend):
    name = "ssl_wireless"

    def send(self, sms: Sms) -> Receipt:
        body = json.dumps(
            {
                "api_token": settings.SMS_API_TOKEN,
                "sid": settings.SMS_SENDER_ID,
                "msisdn": sms.to.removeprefix("+"),
                "sms": sms.text,
                "csms_id": sms.csms_id,
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is a setting, https in production
            settings.SMS_BASE_URL.rstrip("/") + PATH,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            # The URL comes from settings (https in production), never from a shopper.
            with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:  # noqa: S310 # nosec B310
                answer = response.read()
        except urllib.error.HTTPError as error:
            answer = error.read()
            if not answer:
                raise SmsError(f"gateway answered HTTP {error.code}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsError(f"gateway unreachable: {error}") from error
        return _receipt(answer)


def _receipt(answer: bytes) -> Receipt:
    try:
        reply = json.loads(answer)
        code = int(reply.get("status_code", 0))
    except (ValueError, TypeError, AttributeError) as error:
        raise SmsError("gateway answered something that is not its JSON") from error
    if code == 200:
        info = (reply.get("smsinfo") or [{}])[0] or {}
        return Receipt(reference=str(info.get("reference_id", "")), status=str(info.get("sms_status", "")))
    message = str(reply.get("error_message", "")) or f"status_code {code}"
    if "duplicate" in message.lower():
        return Receipt(status="duplicate csms_id: taken before")
    raise SmsError(f"gateway refused the message: {message} ({code})")
