"""Business metrics, and gauges read fresh from their source of truth at scrape time.

Counters are incremented where things happen (order placed, e-mail sent). State that
alerts depend on (queue backlog, unsent confirmations) is measured when Prometheus scrapes,
so it stays true even when the worker that would report it is the thing that broke.
"""

import logging
import os
import time
from collections.abc import Callable, Iterable

import prometheus_client
import redis
from django.conf import settings
from django.core.cache import cache
from django_prometheus.middleware import Metrics as DjangoPrometheusMetrics
from prometheus_client import Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from .prometheus_multiprocess import CompactingCollector, LockedMultiProcessCollector

logger = logging.getLogger(__name__)

CHANNELS = ("web", "api", "legacy")
EMAIL_KINDS = ("order_confirmation", "password_reset", "back_in_stock")

ORDERS_PLACED = Counter("dhakacart_orders_placed", "Orders placed.", ["channel"])
ORDER_VALUE = Counter("dhakacart_order_value_taka", "Sum of placed orders' totals, in taka.", ["channel"])
ORDERS_CANCELLED = Counter("dhakacart_orders_cancelled", "Orders cancelled.")
OUT_OF_STOCK_REJECTIONS = Counter(
    "dhakacart_out_of_stock_rejections", "Order attempts refused for missing stock.", ["channel"]
)
EMAILS_SENT = Counter("dhakacart_emails_sent", "E-mails handed to the mail server.", ["kind"])
EMAILS_FAILED = Counter("dhakacart_emails_failed", "E-mail sending attempts that failed.", ["kind"])
VOUCHERS_REDEEMED = Counter("dhakacart_vouchers_redeemed", "Orders placed with a promo code.", ["code"])
VOUCHER_DISCOUNT = Counter(
    "dhakacart_voucher_discount_taka",
    "Taka given by promo codes: discounts plus waived delivery fees.",
    ["code"],
)
SMS_BACKENDS = ("console", "locmem", "ssl_wireless")
SMS_SENT = Counter("dhakacart_sms_sent", "SMS the gateway took.", ["backend"])
SMS_FAILED = Counter("dhakacart_sms_failed", "SMS sending attempts that failed.", ["backend"])
CODE_LIMITS = ("number_15min", "number_day", "address")
CODES_SENT = Counter("dhakacart_sign_in_codes_sent", "One-time sign-in codes sent by SMS.")
CODES_VERIFIED = Counter("dhakacart_sign_in_codes_verified", "Sign-ins with a one-time code.")
CODES_REFUSED = Counter(
    "dhakacart_sign_in_codes_refused", "Requests for a sign-in code refused by a limit.", ["limit"]
)
TASK_FAILURES = Counter("dhakacart_celery_task_failures", "Celery tasks that raised.", ["task"])

# Every label value is known up front, so each series is exported (at 0) before its first event.
for _channel in CHANNELS:
    ORDERS_PLACED.labels(channel=_channel)
    ORDER_VALUE.labels(channel=_channel)
    OUT_OF_STOCK_REJECTIONS.labels(channel=_channel)
for _kind in EMAIL_KINDS:
    EMAILS_SENT.labels(kind=_kind)
    EMAILS_FAILED.labels(kind=_kind)
for _backend in SMS_BACKENDS:
    SMS_SENT.labels(backend=_backend)
    SMS_FAILED.labels(backend=_backend)
for _limit in CODE_LIMITS:
    CODES_REFUSED.labels(limit=_limit)


def count_voucher_redeemed(*, code: str, campaign: str, given) -> None:
    """A batch of single-use codes counts as one series (PREFIX-*), not thousands of them."""
    label = f"{campaign}-*" if campaign else code
    VOUCHERS_REDEEMED.labels(code=label).inc()
    VOUCHER_DISCOUNT.labels(code=label).inc(float(given))


# --- Requests ----------------------------------------------------------------------------------
# The request series the dashboard, the alerts and the autoscaler read (deploy/grafana,
# deploy/prometheus, deploy/cluster), under django-prometheus's own names, labels and buckets:
# the very metric objects its middlewares would update. Those two middlewares update 16 series on
# every request (and look each labelled child up again every time), which was a sixth of what the
# whole stack costs a /health; nothing reads the other 13.

HTTP_METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "OPTIONS", "CONNECT", "PATCH"))


class RequestMetricsMiddleware:
    """Counts each request by method and by status, and times it by view and method.

    First in MIDDLEWARE, so the time includes every middleware and a response any of them gives
    (a lockout, a redirect, a 500) is counted.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        metrics = DjangoPrometheusMetrics.get_instance()
        self._by_method = metrics.requests_by_method
        self._by_status = metrics.responses_by_status
        self._latency = metrics.requests_latency_by_view_method
        # Labelled children, looked up once: methods are the nine above, views and statuses few.
        self._children: dict[tuple, object] = {}

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        method = request.method if request.method in HTTP_METHODS else "<invalid method>"
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match is not None else None) or "<unnamed view>"
        children = self._children
        key = (view, method)
        if key not in children:
            children[key] = (
                self._by_method.labels(method=method),
                self._latency.labels(view=view, method=method),
            )
        by_method, latency = children[key]
        status = response.status_code
        if status not in children:
            children[status] = self._by_status.labels(status=str(status))
        by_method.inc()
        children[status].inc()
        latency.observe(seconds)
        return response


Probe = Callable[[], Iterable[tuple[tuple[str, ...], float]]]


class ScrapeTimeGauges(Collector):
    """Gauges whose value a probe function reads when Prometheus scrapes."""

    def __init__(self):
        self._probes: list[tuple[str, str, tuple[str, ...], Probe]] = []

    def add(self, name: str, documentation: str, labels: tuple[str, ...], probe: Probe) -> None:
        self._probes.append((name, documentation, labels, probe))

    def collect(self):
        for name, documentation, labels, probe in self._probes:
            family = GaugeMetricFamily(name, documentation, labels=list(labels))
            try:
                for label_values, value in probe():
                    family.add_metric(list(label_values), value)
            except Exception:  # a probe's source being down must not break the whole scrape
                logger.warning("metrics probe %s failed", name, exc_info=True)
                continue
            yield family


SCRAPE_TIME_GAUGES = ScrapeTimeGauges()
prometheus_client.REGISTRY.register(SCRAPE_TIME_GAUGES)

CELERY_QUEUES = ("celery",)


def celery_queue_lengths() -> Iterable[tuple[tuple[str, ...], float]]:
    """Messages waiting in each Celery queue (a Redis list named after the queue)."""
    broker_url = settings.CELERY_BROKER_URL
    if not broker_url.startswith(("redis://", "rediss://", "unix://")):
        return []
    client = redis.Redis.from_url(broker_url, socket_timeout=0.5, socket_connect_timeout=0.5)
    try:
        return [((queue,), float(client.llen(queue))) for queue in CELERY_QUEUES]
    finally:
        client.close()


SCRAPE_TIME_GAUGES.add(
    "dhakacart_celery_queue_length", "Tasks waiting in the Celery queue.", ("queue",), celery_queue_lengths
)


def cache_answers() -> bool:
    """Whether the cache server answers now.

    The Redis cache swallows errors so pages survive an outage; this must not, so it pings the
    server directly.
    """
    try:
        client = getattr(cache, "client", None)
        if client is not None and hasattr(client, "get_client"):
            return bool(client.get_client(write=True).ping())
        cache.set("ready-probe", "1", 5)
        return cache.get("ready-probe") == "1"
    except Exception:  # any client error means "does not answer"
        return False


SCRAPE_TIME_GAUGES.add(
    "dhakacart_cache_up",
    "1 when the cache (Redis) answers, 0 while the shop runs without it.",
    (),
    lambda: [((), 1.0 if cache_answers() else 0.0)],
)


def scrape_registry() -> prometheus_client.CollectorRegistry:
    """The registry /metrics serves: all gunicorn workers' files in multiprocess mode."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        registry = prometheus_client.CollectorRegistry()
        registry.register(LockedMultiProcessCollector(directory))
        registry.register(SCRAPE_TIME_GAUGES)
        return registry
    return prometheus_client.REGISTRY


# --- Celery workers ----------------------------------------------------------------------------
# Counters incremented in task processes (e-mails, task failures) are served by the worker's
# main process on its own port (CELERY_WORKER_METRICS_PORT), which the chart's PodMonitor scrapes.


def start_worker_metrics_server(port: int) -> None:
    """Serve the worker's multiprocess metrics on `port`, compacting dead pool processes first."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        raise RuntimeError("PROMETHEUS_MULTIPROC_DIR must be set to serve the worker's metrics.")
    os.makedirs(directory, exist_ok=True)
    registry = prometheus_client.CollectorRegistry()
    registry.register(CompactingCollector(directory))
    prometheus_client.start_http_server(port, registry=registry)
    logger.info("worker metrics on port %d", port)
