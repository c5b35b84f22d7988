"""The Celery app `dhakacart`: broker and task options come from Django settings (CELERY_*)."""

import logging
import os

from celery import Celery
from celery.signals import task_failure

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhakacart.settings")

app = Celery("dhakacart")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("dhakacart.tasks")


@task_failure.connect
def log_task_failure(sender=None, task_id=None, exception=None, **kwargs):
    from .metrics import TASK_FAILURES

    TASK_FAILURES.labels(task=getattr(sender, "name", "unknown")).inc()
    logger.error(
        "task %s failed: %s",
        getattr(sender, "name", sender),
        exception,
        extra={"task": getattr(sender, "name", None), "task_id": task_id},
    )
