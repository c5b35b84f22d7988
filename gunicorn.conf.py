"""gunicorn settings for the web process (`gunicorn dhakacart.wsgi`), read from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 - inside a container
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request running longer than `timeout` is cut off. On SIGTERM, in-flight requests get
# `graceful_timeout` to finish, never less than `timeout`, so shutdown cuts off no request that
# would have been allowed to run. The pod's terminationGracePeriodSeconds exceeds the preStop
# pause plus this (the chart checks it).
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = max(timeout, int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT") or timeout))
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, so a slow disk never makes gunicorn kill a healthy worker.
_SHARED_MEMORY = "/dev/shm"  # noqa: S108 - gunicorn's advice for worker_tmp_dir  # nosec B108
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or (
    _SHARED_MEMORY if os.path.isdir(_SHARED_MEMORY) else None
)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The app writes one JSON line per request, so gunicorn's access log is off and its own
# messages go through the same JSON formatter.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "dhakacart.logging.JsonFormatter"}},
    # gunicorn's lines can carry the request path ("Error handling request /orders/<token>/"),
    # and access lines the path, query and referrer: tokens are redacted from all of them.
    "filters": {"redact": {"()": "dhakacart.logging.RedactSecretsFilter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        # On the loggers too: with an access log switched on, gunicorn adds a handler of its own.
        "gunicorn.error": {
            "handlers": ["stdout"],
            "level": "INFO",
            "propagate": False,
            "filters": ["redact"],
        },
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False, "filters": ["redact"]},
    },
}


# --- Prometheus multiprocess directory ------------------------------------------------------


def on_starting(server):
    """Start with an empty metrics directory: files of processes from a previous run would
    otherwise be counted again (the volume outlives a container restart)."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        from dhakacart.prometheus_multiprocess import clear_directory

        clear_directory(directory)


def child_exit(server, worker):
    """A worker is gone (recycled by max_requests, or crashed): drop its live gauges and fold
    its counters into the archive files, so the directory does not grow with every recycle."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        from prometheus_client import multiprocess

        from dhakacart.prometheus_multiprocess import compact_dead_processes

        multiprocess.mark_process_dead(worker.pid, directory)
        compact_dead_processes(directory)
