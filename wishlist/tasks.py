"""Background work for wishlists: the back-in-stock e-mails of one restock."""

from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

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


# A restock's e-mails still unsent after this long lost their task (the broker was down);
# after a day the news is stale and they are left alone.
SWEEP_AFTER = timedelta(minutes=2)
SWEEP_MAX_AGE = timedelta(days=1)


@shared_task
def send_unsent_back_in_stock_task() -> int:
    """Every five minutes (beat): queue the restocks whose e-mails are still unsent."""
    now = timezone.now()
    restock_ids = list(
        BackInStockNotice.objects.filter(
            sent_at__isnull=True,
            restock__created_at__lt=now - SWEEP_AFTER,
            restock__created_at__gte=now - SWEEP_MAX_AGE,
        )
        .order_by("restock_id")
        .values_list("restock_id", flat=True)
        .distinct()[:500]
    )
    for restock_id in restock_ids:
        send_back_in_stock_emails_task.delay(restock_id=restock_id)
    return len(restock_ids)
