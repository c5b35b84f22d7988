"""How the shop reaches a shopper: by SMS when it sends them, so the e-mail becomes optional.

One rule for every door that takes an order's contact details (the checkout page, API v1); the
legacy API keeps its own contract, where the e-mail is always required.
"""

from django.conf import settings


def sms_enabled() -> bool:
    """Whether the shop sends SMS (`SMS_BACKEND` is any backend, `console` under `make run` too;
    empty or `none` turns them off)."""
    return settings.SMS_BACKEND not in ("", "none")


def context(request) -> dict:
    """Templates offer phone sign-in only while there is an SMS to send the code."""
    return {"sms_enabled": sms_enabled()}


def email_required_at_checkout() -> bool:
    """The phone is always required; the e-mail only while the shop sends no SMS."""
    return not sms_enabled()
