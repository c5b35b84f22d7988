import json
import re

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from prometheus_client.parser import text_string_to_metric_families

from .helpers import run_python

pytestmark = pytest.mark.django_db


def test_health_answers_ok_with_a_timestamp_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "OK"
    assert body["timestamp"].startswith("20")


def test_ready_reports_database_and_cache_healthy(client):
    response = client.get("/ready")

    assert response.status_code == 200
    assert response.json() == {
        "status": "OK",
        "checks": {"database": "ok", "cache": "ok"},
        "failed": [],
    }


def test_the_test_database_is_postgresql():
    assert connection.vendor == "postgresql"


def test_a_value_round_trips_through_the_redis_cache():
    cache.set("greeting", "স্বাগতম", 30)

    assert cache.get("greeting") == "স্বাগতম"
    raw = redis.Redis.from_url(settings.REDIS_URL)
    assert raw.exists(cache.make_key("greeting")) == 1


def test_ready_stays_ready_but_names_the_cache_when_redis_does_not_answer(client, settings):
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }

    response = client.get("/ready")

    assert response.status_code == 200  # the shop serves without the cache (SPEC §10, §13)
    assert response.json()["status"] == "degraded"
    assert response.json()["failed"] == ["cache"]
    assert response.json()["checks"] == {"database": "ok", "cache": "failed"}


def test_pages_still_render_when_redis_does_not_answer(client, settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}

    response = client.get("/")

    assert response.status_code == 200


def test_ready_names_the_database_when_it_cannot_be_reached():
    snippet = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/ready'); print(r.status_code); print(r.content.decode())"
    )

    result = run_python(
        "-c",
        snippet,
        env={
            "DEBUG": "1",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/dhakacart",
            "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
        },
    )

    status, body = result.stdout.strip().splitlines()[-2:]
    assert status == "503"
    assert json.loads(body)["failed"] == ["database"]


READY_THROUGH_AN_OUTAGE = """
import json, socket, time
import django
django.setup()
from django.db import connection
from django.test import Client

def ready():
    answer = Client().get("/ready")
    print(json.dumps([answer.status_code, answer.json()]))

ready()
with socket.socket() as spare:  # a port where nothing listens: the database is gone
    spare.bind(("127.0.0.1", 0))
    port = spare.getsockname()[1]
connection.close()
connection.settings_dict["PORT"] = port
ready()
time.sleep(1.5)
ready()
"""


def test_ready_stays_ready_through_a_short_database_outage_and_says_503_once_it_lasts():
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )

    result = run_python(
        "-c",
        READY_THROUGH_AN_OUTAGE,
        env={
            "DEBUG": "1",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
            "READY_DATABASE_GRACE_SECONDS": "1",
        },
    )

    answers = [line for line in result.stdout.splitlines() if line.startswith("[")]
    before, during, after = (json.loads(line) for line in answers)
    assert before == [200, {"status": "OK", "checks": {"database": "ok", "cache": "ok"}, "failed": []}]
    # A failover's seconds: every pod sees them, and all leaving the Service would 503 the shop.
    assert during == [
        200,
        {"status": "degraded", "checks": {"database": "failing", "cache": "ok"}, "failed": ["database"]},
    ]
    assert after == [
        503,
        {"status": "unavailable", "checks": {"database": "failed", "cache": "ok"}, "failed": ["database"]},
    ]


def test_metrics_are_prometheus_text_with_request_database_and_cache_series(client):
    client.get("/ready")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert "django_db_execute_total" in text
    assert "django_cache_get_total" in text


def sample_value(text: str, name: str, **labels) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def test_each_request_is_counted_by_method_and_status_and_timed_by_view_and_method(client):
    """The series and labels the dashboard, the alerts and the autoscaler read (deploy/)."""
    before = client.get("/metrics").content.decode()

    client.get("/health")
    client.get("/no-such-page/")
    client.post("/health")
    after = client.get("/metrics").content.decode()

    def grew(name, **labels):
        return sample_value(after, name, **labels) - sample_value(before, name, **labels)

    # The /metrics request that read `before` is counted by the time `after` is read.
    assert grew("django_http_requests_total_by_method_total", method="GET") == 3
    assert grew("django_http_requests_total_by_method_total", method="POST") == 1
    assert grew("django_http_responses_total_by_status_total", status="200") == 2
    assert grew("django_http_responses_total_by_status_total", status="404") == 1
    assert grew("django_http_responses_total_by_status_total", status="405") == 1
    latency = "django_http_requests_latency_seconds_by_view_method"
    assert grew(f"{latency}_count", view="health", method="GET") == 1
    assert grew(f"{latency}_count", view="health", method="POST") == 1
    assert grew(f"{latency}_count", view="<unnamed view>", method="GET") == 1
    assert grew(f"{latency}_bucket", view="health", method="GET", le="+Inf") == 1


def test_metrics_want_the_bearer_token_when_one_is_configured(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"

    refused = client.get("/metrics")
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer nope")
    allowed = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")

    assert refused.status_code == 401
    assert wrong.status_code == 401
    assert allowed.status_code == 200


def test_metrics_export_the_business_series_before_any_event(client):
    text = client.get("/metrics").content.decode()

    # Exported from the start (0 in a fresh process); other tests in this process may have counted.
    for series in (
        r'dhakacart_orders_placed_total\{channel="web"\} \d+\.\d+$',
        r'dhakacart_emails_failed_total\{kind="order_confirmation"\} \d+\.\d+$',
        r'dhakacart_celery_queue_length\{queue="celery"\} \d+\.\d+$',
    ):
        assert re.search(series, text, re.MULTILINE), series


def test_request_metrics_exist_before_any_middleware_loads_so_threads_cannot_race_to_make_them():
    script = "\n".join(
        [
            "import sys, threading, django",
            "django.setup()",
            "sys.setswitchinterval(1e-6)  # threads take turns as often as they can",
            "from django.test import Client",
            "errors = []",
            "def get():",
            "    try:",
            "        Client().get('/health')",
            "    except Exception as error:",
            "        errors.append(repr(error))",
            "threads = [threading.Thread(target=get) for _ in range(16)]",
            "[thread.start() for thread in threads]",
            "[thread.join() for thread in threads]",
            "print(errors)",
        ]
    )
    result = run_python("-c", script, env={"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "dhakacart.settings"})

    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout[-3000:]
