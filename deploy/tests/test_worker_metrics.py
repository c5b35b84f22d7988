"""The Celery worker: counters incremented in its task processes reach a port Prometheus scrapes,
its log lines are JSON, and a rediss:// broker's certificate is verified.

A real worker runs here (prefork pool, the test's Redis as broker, the test database), so the
counters travel exactly the path they take in the cluster: pool process -> multiprocess files
-> the main process's metrics port.
"""

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection
from prometheus_client.parser import text_string_to_metric_families

from dhakacart.celery import app, broker_tls_options

from .contract import ROOT

# send_task always goes through the broker; the session's eager setting does not apply to it.
pytestmark = pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scrape(port: int) -> dict[tuple[str, tuple], float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:  # noqa: S310
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def wait_for(condition, what: str, seconds: float = 60):
    """Poll until condition() is truthy; the worker runs on its own schedule."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def worker(tmp_path, transactional_db):
    """A worker on a queue of its own, sending mail to a port where nothing listens."""
    queue = f"metrics-test-{uuid.uuid4().hex}"
    port = free_port()
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": app.conf.broker_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{free_port()}",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "CELERY_WORKER_METRICS_PORT": str(port),
        "CELERY_WORKER_HEARTBEAT_FILE": str(tmp_path / "heartbeat"),
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            *["-A", "dhakacart", "worker", "--pool", "prefork", "--concurrency", "1"],
            *["--queues", queue, "--loglevel", "INFO", "--without-mingle", "--without-gossip"],
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: scrape(port), "the worker's metrics port")
        yield {
            "queue": queue,
            "port": port,
            "log": tmp_path / "worker.log",
            "process": process,
            "heartbeat": tmp_path / "heartbeat",
        }
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        # Retries the worker handed back on shutdown stay behind in the queue otherwise.
        redis.Redis.from_url(app.conf.broker_url).delete(queue)


def test_an_email_failure_in_a_task_process_reaches_the_workers_metrics_port(worker, django_user_model):
    user = django_user_model.objects.create_user(email="reset@example.com", password="a-Strong-passw0rd")
    failed = ("dhakacart_emails_failed_total", (("kind", "password_reset"),))
    assert scrape(worker["port"])[failed] == 0

    app.send_task(
        "accounts.tasks.send_password_reset_email_task",
        kwargs={"user_id": user.pk, "base_url": "https://shop.example.com", "language": "en"},
        queue=worker["queue"],
    )

    assert wait_for(lambda: scrape(worker["port"])[failed] >= 1, "the e-mail failure counter")
    assert scrape(worker["port"])[failed] == 1


def test_a_failed_task_is_counted_on_the_metrics_port_and_logged_as_json(worker):
    task = "orders.tasks.send_unsent_confirmations_task"
    failures = ("dhakacart_celery_task_failures_total", (("task", task),))

    # An argument the task does not take: it raises in the pool process.
    app.send_task(task, kwargs={"no_such_argument": 1}, queue=worker["queue"])

    assert wait_for(lambda: scrape(worker["port"]).get(failures, 0) >= 1, "the task failure counter")
    # The counter and the log line are written by different processes: wait for the line too.
    records = wait_for(
        lambda: json_records_from(worker["log"], "dhakacart.tasks"), "the task failure log line"
    )
    loggers = {record["logger"] for record in records}
    assert {"celery.worker.consumer.connection", "dhakacart.tasks"} <= loggers
    failure = next(r for r in records if r["logger"] == "dhakacart.tasks")
    assert failure["level"] == "ERROR" and failure["task"] == task
    # Celery's own plain-text format ("[2024-01-01 10:00:00,000: INFO/MainProcess] ...") is gone.
    assert not [line for line in worker["log"].read_text().splitlines() if line.startswith("[20")]


def json_records_from(log, logger: str) -> list[dict] | None:
    """The log's JSON records once one of them comes from `logger` (None before then)."""
    records = []
    for line in log.read_text().splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:  # a line half-written as we read, or not JSON (asserted on below)
            continue
    return records if any(record.get("logger") == logger for record in records) else None


def test_the_consuming_worker_touches_its_heartbeat_file_again_and_again(worker):
    heartbeat = worker["heartbeat"]

    first = wait_for(lambda: heartbeat.exists() and heartbeat.stat().st_mtime, "the first heartbeat")
    later = wait_for(
        lambda: heartbeat.stat().st_mtime > first and heartbeat.stat().st_mtime,
        "a later heartbeat",
        seconds=30,
    )

    # The chart's liveness probe reads only this file's age: it must stay well under its limit.
    assert later - first <= 15
    assert time.time() - later < 15


def test_a_rediss_broker_verifies_the_servers_certificate():
    assert broker_tls_options("rediss://:token@cache.example.com:6379/0") == {
        "ssl_cert_reqs": ssl.CERT_REQUIRED
    }
    assert broker_tls_options("rediss://:t@h:6379/0?ssl_cert_reqs=required") is None
    assert broker_tls_options("redis://127.0.0.1:6379/0") is None


def test_the_app_configures_certificate_checks_when_the_broker_url_is_rediss():
    script = (
        "from dhakacart.celery import app; import ssl;"
        "print(app.conf.broker_use_ssl == {'ssl_cert_reqs': ssl.CERT_REQUIRED})"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "1",
        "CELERY_BROKER_URL": "rediss://:token@cache.example.com:6379/0",
    }

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"
