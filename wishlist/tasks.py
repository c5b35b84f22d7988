"""Background work for wishlists: the back-in-stock e-mails of one restock."""

from smtplib import SMTPException

from celery import shared_task

from .models import BackInStockNotice
from .services import send_back_in_stock_email


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=8,
)
def send_back_in_stock_emails_task(*, restock_id: int) -> int:
    """Send every unsent e-mail of a restock; returns how many this run sent.

    Safe to run twice or to retry after a mail error: e-mails already sent are skipped.
    """
    notice_ids = list(
        BackInStockNotice.objects.filter(restock_id=restock_id, sent_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(send_back_in_stock_email(notice_id=notice_id) for notice_id in notice_ids)
