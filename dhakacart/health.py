"""Endpoints for operators: liveness, readiness and Prometheus metrics."""

import hmac

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
    except Exception:  # any driver error means "not ready"
        return False


@never_cache
@require_GET
def ready(request):
    """Readiness follows the database only: 200 when it answers, else 503.

    The shop serves without Redis (sessions fall back to the database, pages skip the cache;
    SPEC §10, §13), so a Redis outage must not take every pod out of the Service. A cache that
    does not answer shows as "degraded" here and as dhakacart_cache_up 0 in the metrics.
    """
    checks = {"database": _database_answers(), "cache": cache_answers()}
    failed = [name for name, ok in checks.items() if not ok]
    if not checks["database"]:
        status = "unavailable"
    elif failed:
        status = "degraded"
    else:
        status = "OK"
    body = {
        "status": status,
        "checks": {name: "ok" if ok else "failed" for name, ok in checks.items()},
        "failed": failed,
    }
    return JsonResponse(body, status=503 if not checks["database"] else 200)


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
