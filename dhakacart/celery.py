"""The Celery app `dhakacart`: broker and task options come from Django settings (CELERY_*)."""

import logging
import logging.config
import os
import ssl
from pathlib import Path

from celery import Celery, bootsteps
from celery.signals import (
    setup_logging,
    task_failure,
    worker_process_shutdown,
    worker_ready,
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhakacart.settings")
# Every process of the worker's container writes its metric files here, from its first import.
# The directory is not emptied at start: after a container restart, the files of the gone
# processes are folded into the archive like any dead process's, so counters keep counting.
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

app = Celery("dhakacart")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("dhakacart.tasks")

# Seconds between two touches of the heartbeat file; the chart's probe allows several missed.
HEARTBEAT_SECONDS = 10


class HeartbeatFile(bootsteps.StartStopStep):
    """Touches CELERY_WORKER_HEARTBEAT_FILE every HEARTBEAT_SECONDS while the worker consumes.

    The touch runs on the consumer's own timer, so it stops when the event loop hangs or the
    broker connection is lost (the consumer stops its steps until it reconnects). The liveness
    probe then only reads the file's age: no second Django and Celery process every minute.
    Unset, nothing is written.
    """

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def __init__(self, parent, **kwargs):
        super().__init__(parent, **kwargs)
        self.path = os.environ.get("CELERY_WORKER_HEARTBEAT_FILE", "").strip()
        self.entry = None

    def start(self, parent):
        if self.path:
            self.touch()
            self.entry = parent.timer.call_repeatedly(HEARTBEAT_SECONDS, self.touch)

    def stop(self, parent):
        if self.entry is not None:
            self.entry.cancel()
            self.entry = None

    shutdown = stop

    def touch(self):
        Path(self.path).touch()


app.steps["consumer"].add(HeartbeatFile)


def broker_tls_options(url: str) -> dict | None:
    """TLS options for a rediss:// broker: the server's certificate is always verified.

    Without them kombu connects to a rediss:// broker without checking the certificate (and
    only warns). A URL that names ssl_cert_reqs itself is left as it says.
    """
    if url.startswith("rediss://") and "ssl_cert_reqs" not in url:
        return {"ssl_cert_reqs": ssl.CERT_REQUIRED}
    return None


def _configure_broker_tls() -> None:
    from django.conf import settings

    options = broker_tls_options(settings.CELERY_BROKER_URL or "")
    if options:
        app.conf.broker_use_ssl = options


_configure_broker_tls()


@setup_logging.connect
def use_the_apps_json_logging(**kwargs):
    """Celery's own lines (worker start, task received/succeeded/failed) go through the app's
    JSON formatter like every other line, instead of Celery's plain-text setup."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@worker_ready.connect
def serve_worker_metrics(**kwargs):
    """Counters incremented in task processes are scraped from the worker's main process on
    CELERY_WORKER_METRICS_PORT (the chart's PodMonitor); unset, nothing listens."""
    port = os.environ.get("CELERY_WORKER_METRICS_PORT", "").strip()
    if port:
        from .metrics import start_worker_metrics_server

        start_worker_metrics_server(int(port))


@worker_process_shutdown.connect
def drop_live_gauges_of_the_exiting_process(pid=None, **kwargs):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory and pid:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid, directory)


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
