"""Phone sign-in: a 6-digit code by SMS, then the account of that number (made when new).

A code is stored only as an HMAC keyed with SECRET_KEY, lives CODE_LIFETIME, ends after
MAX_WRONG_TRIES wrong tries (a later try fails even with the right code) and when a newer code
is sent. Limits (settings.PHONE_CODE_LIMITS) are counted in PostgreSQL, so they hold while Redis
is down: per number 3 codes in 15 minutes and 10 a day; per client address the codes never used
in the last hour, so shoppers behind one carrier address who do sign in never use up the budget.
Every answer is the same whether or not the number has an account.

A verified number belongs to one account (VerifiedPhone); verifying it links that number's
guest orders placed until then. Another account verifying the number later takes the number
over; orders already in the first account's history stay there.
"""

import logging
import secrets
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from accounts.models import NO_MAILBOX_DOMAIN
from dhakacart import metrics
from dhakacart.money import fill_numbers
from orders.models import Order

from ..exceptions import CodeLimitReached, InvalidCode
from ..models import PhoneCode, VerifiedPhone, new_csms_id
from ..texts import code_text

logger = logging.getLogger(__name__)

CODE_LIFETIME = timedelta(minutes=5)
MAX_WRONG_TRIES = 3


class _StaffAccount(Exception):
    pass


def _hash(phone: str, code: str) -> str:
    return salted_hmac("sms.signin.code", f"{phone}:{code}", algorithm="sha256").hexdigest()


def request_code(*, phone: str, client_address: str | None, language: str) -> None:
    """Send a new sign-in code to `phone` (normalised), ending any earlier one.

    Raises CodeLimitReached (nothing sent) past a limit. The SMS is queued after commit; a broker
    that is down loses only this code, and the shopper asks again.
    """
    now = timezone.now()
    with transaction.atomic():
        _lock_number(phone)
        _check_limits(phone, client_address, now)
        code = f"{secrets.randbelow(10**6):06d}"
        PhoneCode.objects.filter(phone=phone, ended_at__isnull=True).update(ended_at=now)
        PhoneCode.objects.create(
            phone=phone,
            code_hash=_hash(phone, code),
            client_address=client_address or None,
            expires_at=now + CODE_LIFETIME,
        )
        transaction.on_commit(
            partial(_queue_code, phone=phone, text=code_text(code, language), csms_id=new_csms_id())
        )
    metrics.CODES_SENT.inc()


def _lock_number(phone: str) -> None:
    """Requests for one number queue here, so two at once cannot both pass its limit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"sms-code:{phone}"])


def _check_limits(phone: str, client_address: str | None, now) -> None:
    limits = settings.PHONE_CODE_LIMITS
    for name in ("number_15min", "number_day"):
        count, seconds = limits[name]
        recent = PhoneCode.objects.filter(phone=phone, created_at__gte=now - timedelta(seconds=seconds))
        if recent.count() >= count:
            _refuse(name, seconds)
    count, seconds = limits["address"]
    if client_address:
        unused = PhoneCode.objects.filter(
            client_address=client_address,
            created_at__gte=now - timedelta(seconds=seconds),
            used_at__isnull=True,
        )
        if unused.count() >= count:
            _refuse("address", seconds)


def _refuse(limit: str, seconds: int) -> None:
    metrics.CODES_REFUSED.labels(limit=limit).inc()
    logger.warning("sign-in code refused by the %s limit", limit, extra={"limit": limit})
    minutes = max(1, seconds // 60)
    raise CodeLimitReached(
        fill_numbers(
            _("Too many codes asked for. Please try again in %(minutes)s minutes."), minutes=minutes
        ),
        extra={"retry_after": seconds},
    )


def _queue_code(*, phone: str, text: str, csms_id: str) -> None:
    from ..tasks import send_code_task

    try:
        send_code_task.delay(phone=phone, text=text, csms_id=csms_id)
    except Exception:  # broker errors: the shopper asks for another code
        logger.warning("could not queue a sign-in code", exc_info=True)


def verify_code(*, phone: str, code: str, user=None):
    """Check `code` for `phone`; returns the account it signs in to.

    Without `user`, that is the number's account, made now when the number has none. With a
    signed-in `user`, the number is added to that account (taken over from another one if it
    had it). Either way the number's guest orders placed until now join the account's history.
    Raises InvalidCode for a wrong, expired, used or worn-out code (a wrong try is counted).
    """
    now = timezone.now()
    with transaction.atomic():
        live = (
            PhoneCode.objects.select_for_update()
            .filter(phone=phone, ended_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        right = live is not None and constant_time_compare(live.code_hash, _hash(phone, code))
        if live is not None and not right:
            live.failed_attempts += 1
            if live.failed_attempts >= MAX_WRONG_TRIES:
                live.ended_at = now
            live.save(update_fields=["failed_attempts", "ended_at"])
        if right:
            PhoneCode.objects.filter(pk=live.pk).update(ended_at=now, used_at=now)
            try:
                with transaction.atomic():
                    account = _attach(phone, user, now)
            except _StaffAccount:
                logger.warning("a phone code for a staff or inactive account was refused")
                right = False
    if not right:
        raise InvalidCode(_("That code is wrong or has expired. Check the SMS or ask for a new code."))
    metrics.CODES_VERIFIED.inc()
    return account


def _attach(phone: str, user, now):
    verified = VerifiedPhone.objects.select_for_update().filter(phone=phone).first()
    if user is None:
        user = verified.user if verified is not None else _new_account(phone)
        if user.is_staff or not user.is_active:
            # A code by SMS is not enough for staff (a swapped SIM would open the admin), nor
            # does it bring back a closed account: the same answer as a wrong code.
            raise _StaffAccount
    if verified is not None and verified.user_id != user.pk:
        logger.info("a number moved to another account", extra={"user_id": user.pk})
        verified.delete()
    VerifiedPhone.objects.update_or_create(user=user, defaults={"phone": phone, "verified_at": now})
    User = get_user_model()
    User.objects.filter(pk=user.pk, phone="").update(phone=phone)
    Order.objects.filter(user__isnull=True, phone=phone, created_at__lte=now).update(user=user)
    return User.objects.get(pk=user.pk)


def _new_account(phone: str):
    User = get_user_model()
    digits = phone.removeprefix("+")
    email = f"{digits}@phone{NO_MAILBOX_DOMAIN}"
    if User.objects.filter(email=email).exists():  # an earlier account of this number lost it
        email = f"{digits}.{secrets.token_hex(3)}@phone{NO_MAILBOX_DOMAIN}"
    return User.objects.create_user(email=email, password=None, phone=phone)


def phone_of(user) -> str:
    """The user's verified number, or ""."""
    verified = VerifiedPhone.objects.filter(user=user).values_list("phone", flat=True).first()
    return verified or ""
