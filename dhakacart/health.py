"""Endpoints for operators: liveness, readiness and Prometheus metrics."""

import hmac

import prometheus_client
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .metrics import scrape_registry


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


def _cache_answers() -> bool:
    # The Redis cache swallows errors so pages survive an outage; readiness must not,
    # so it pings the server directly.
    try:
        client = getattr(cache, "client", None)
        if client is not None and hasattr(client, "get_client"):
            return bool(client.get_client(write=True).ping())
        cache.set("ready-probe", "1", 5)
        return cache.get("ready-probe") == "1"
    except Exception:
        return False


@never_cache
@require_GET
def ready(request):
    """Readiness: 200 when the database and cache answer, else 503 naming what failed."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    failed = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "OK" if not failed else "unavailable",
        "checks": {name: "ok" if ok else "failed" for name, ok in checks.items()},
        "failed": failed,
    }
    return JsonResponse(body, status=503 if failed else 200)


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
