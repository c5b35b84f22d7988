"""Background work for accounts: e-mail that must neither slow down nor fail the request."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import translation

from dhakacart.metrics import EMAILS_FAILED, EMAILS_SENT

from .models import User
from .services import send_password_reset_email, users_for_password_reset

# Waits of 30 s, 1, 2, 4 and 8 minutes: a mail server that is down briefly still delivers
# the link while the shopper is waiting for it.
MAX_RETRIES = 5
FIRST_RETRY_SECONDS = 30


@shared_task(bind=True, max_retries=MAX_RETRIES)
def send_password_reset_email_task(
    self, *, base_url: str, language: str, email: str = "", user_id: int | None = None
) -> None:
    """Send the reset link to the account of `email` (nothing when there is none).

    Retried with back-off while the mail server fails. Running twice sends a second, equally
    valid link, which is harmless. `user_id` is what tasks queued by the previous release carry.
    """
    if user_id is not None:
        users = list(User.objects.filter(pk=user_id, is_active=True))
    else:
        users = users_for_password_reset(email)
    for user in users:  # none: deleted, deactivated or never registered
        try:
            with translation.override(language):
                send_password_reset_email(user=user, base_url=base_url)
        except (SMTPException, OSError) as error:
            EMAILS_FAILED.labels(kind="password_reset").inc()
            raise self.retry(exc=error, countdown=FIRST_RETRY_SECONDS * 2**self.request.retries) from error
        EMAILS_SENT.labels(kind="password_reset").inc()
