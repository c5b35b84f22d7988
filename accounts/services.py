"""Writes for accounts: registration, profile, saved addresses and the password-reset e-mail."""

import logging

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from dhakacart.metrics import EMAILS_FAILED
from dhakacart.phone import normalize_phone

from .exceptions import EmailAlreadyRegistered
from .models import Address, User

logger = logging.getLogger(__name__)


def register_user(*, email: str, full_name: str, phone: str, password: str) -> User:
    """Create a shopper's account.

    Raises EmailAlreadyRegistered, or ValidationError keyed by argument name ("phone",
    "password") when the phone is not a Bangladeshi mobile number or the password fails the
    configured validators. Nothing is written then.
    """
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email=email).exists():
        raise EmailAlreadyRegistered()
    try:
        user = User(email=email, full_name=full_name, phone=normalize_phone(phone))
    except ValidationError as error:
        raise ValidationError({"phone": error.error_list}) from None
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address was registered by a concurrent request
        raise EmailAlreadyRegistered() from None
    return user


def update_profile(*, user: User, full_name: str, phone: str | None = None) -> User:
    """Change the name and phone (None keeps it); raises ValidationError for a phone that is not valid."""
    user.full_name = full_name
    if phone is not None:
        user.phone = normalize_phone(phone)
    user.save(update_fields=["full_name", "phone"])
    return user


def end_app_sign_ins(*, user: User) -> None:
    """Make every refresh token issued to the user so far useless (see accounts.tokens).

    One UPDATE on the counter, so two sign-outs at once both count; the user object passed in is
    not refreshed. Password changes need no call: the tokens follow the password hash.
    """
    User.objects.filter(pk=user.pk).update(token_generation=F("token_generation") + 1)


def _lock_addresses_of(user_id: int) -> None:
    """Serialise address changes per user on the user's row, so the one-default rule holds under races."""
    User.objects.select_for_update().filter(pk=user_id).values_list("pk", flat=True).get()


def _clear_default(user_id: int) -> None:
    Address.objects.filter(user_id=user_id, is_default=True).update(is_default=False)


@transaction.atomic
def create_address(
    *,
    user: User,
    full_name: str,
    phone: str,
    address_line: str,
    area: str,
    city: str,
    postcode: str = "",
    is_default: bool = False,
) -> Address:
    """Save a delivery address for the user; the first one becomes the default whatever is_default says.

    Raises ValidationError for a phone that is not a Bangladeshi mobile number. Locks the user row.
    """
    phone = normalize_phone(phone)
    _lock_addresses_of(user.pk)
    make_default = is_default or not Address.objects.filter(user_id=user.pk, is_default=True).exists()
    if make_default:
        _clear_default(user.pk)
    return Address.objects.create(
        user=user,
        full_name=full_name,
        phone=phone,
        address_line=address_line,
        area=area,
        city=city,
        postcode=postcode,
        is_default=make_default,
    )


def update_address(
    *,
    address: Address,
    full_name: str,
    phone: str,
    address_line: str,
    area: str,
    city: str,
    postcode: str = "",
) -> Address:
    """Change an address's fields (not whether it is the default); raises ValidationError for a bad phone."""
    address.full_name = full_name
    address.phone = normalize_phone(phone)
    address.address_line = address_line
    address.area = area
    address.city = city
    address.postcode = postcode
    address.save()
    return address


@transaction.atomic
def delete_address(*, address: Address) -> None:
    """Delete an address; when it was the default, the newest remaining one takes over. Locks the user row."""
    _lock_addresses_of(address.user_id)
    address.refresh_from_db(fields=["is_default"])  # another request may have moved the default since
    address.delete()
    if address.is_default:
        successor = Address.objects.filter(user_id=address.user_id).order_by("-created_at", "-pk").first()
        if successor is not None:
            successor.is_default = True
            successor.save(update_fields=["is_default", "updated_at"])


@transaction.atomic
def set_default_address(*, address: Address) -> Address:
    """Make this the user's only default address. Locks the user row."""
    _lock_addresses_of(address.user_id)
    _clear_default(address.user_id)
    address.is_default = True
    address.save(update_fields=["is_default", "updated_at"])
    return address


def send_password_reset_email(*, user: User, base_url: str) -> None:
    """E-mail the user a one-time link to choose a new password, in the active language.

    The token is made here, when the mail is sent, so reset links never wait in the broker.
    Raises SMTPException/OSError when the mail server fails (the task retries).
    """
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "reset_url": base_url.rstrip("/") + path,
        "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject = "".join(render_to_string("emails/password_reset_subject.txt", context).splitlines())
    message = EmailMultiAlternatives(
        subject, render_to_string("emails/password_reset.txt", context), to=[user.email]
    )
    message.attach_alternative(render_to_string("emails/password_reset.html", context), "text/html")
    message.send()


def request_password_reset(*, email: str, base_url: str, language: str) -> None:
    """Queue the reset e-mail for whoever owns `email`, if anyone; never raises.

    Known and unknown addresses take the same path (the task looks the account up), so neither
    the answer nor its timing tells who has an account, also while the broker is down. Then
    the request is logged and counted, and the shopper asks again later; no link is stored.
    """
    from .tasks import send_password_reset_email_task

    try:
        send_password_reset_email_task.delay(email=email, base_url=base_url, language=language)
    except Exception:  # broker errors come in many types; the page must answer the same
        EMAILS_FAILED.labels(kind="password_reset").inc()
        logger.warning("could not queue a password-reset e-mail", exc_info=True)


def users_for_password_reset(email: str) -> list[User]:
    """The active accounts with a password that a reset link for `email` may go to."""
    users = User.objects.filter(email__iexact=email.strip(), is_active=True)
    return [user for user in users if user.has_usable_password()]
