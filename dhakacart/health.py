"""Endpoints for operators: liveness, readiness and Prometheus metrics."""

import hmac
import time

import prometheus_client
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .metrics import cache_answers, scrape_registry


@never_cache
@require_GET
def health(request):
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return JsonResponse({"status": "OK", "timestamp": timezone.now().isoformat()})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any driver error means "not answering"
        return False


class _DatabaseOutage:
    """This process's view of the database: has it answered yet, and since when has it not.

    Per process on purpose: readiness says whether this pod can serve, and a gunicorn worker
    that never reached the database cannot.
    """

    answered_once = False
    failing_since: float | None = None

    @classmethod
    def record(cls, answered: bool) -> str:
        """One of ok, failing (a short outage, still ready) or failed (not ready)."""
        now = time.monotonic()
        if answered:
            cls.answered_once, cls.failing_since = True, None
            return "ok"
        if cls.failing_since is None:
            cls.failing_since = now
        within_grace = now - cls.failing_since < settings.READY_DATABASE_GRACE_SECONDS
        return "failing" if cls.answered_once and within_grace else "failed"


@never_cache
@require_GET
def ready(request):
    """Readiness: 503 only when this pod cannot serve, which a brief database outage is not.

    A pod that never reached the database is not ready (a new pod with a wrong address never
    joins the Service). Once it has, a database that stops answering (a Multi-AZ failover, the
    RDS Proxy queueing connections) keeps it ready for READY_DATABASE_GRACE_SECONDS: every pod
    sees the same outage, and taking them all out of the Service at once would turn even cached
    pages into the ingress's 503, while a pod that stays in serves them and shows the friendly
    error page for the rest. The body says "failing" meanwhile; after that, 503 (SPEC §2 as
    amended in deploy/README.md, "Readiness").

    The shop serves without Redis (sessions fall back to the database, pages skip the cache;
    SPEC §10, §13), so a Redis outage never takes a pod out. A cache that does not answer shows
    as "degraded" here and as dhakacart_cache_up 0 in the metrics.
    """
    database = _DatabaseOutage.record(_database_answers())
    checks = {"database": database, "cache": "ok" if cache_answers() else "failed"}
    failed = [name for name, state in checks.items() if state != "ok"]
    if database == "failed":
        status = "unavailable"
    elif failed:
        status = "degraded"
    else:
        status = "OK"
    body = {"status": status, "checks": checks, "failed": failed}
    return JsonResponse(body, status=503 if database == "failed" else 200)


@never_cache
@require_GET
def metrics(request):
    """Prometheus text format; with METRICS_TOKEN set it wants `Authorization: Bearer <token>`."""
    token = settings.METRICS_TOKEN
    if token:
        sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(sent.encode(), token.encode()):
            return HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
    body = prometheus_client.generate_latest(scrape_registry())
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
