"""What one API v1 order costs, in-process and without a profiler:
`python bench/checkout_cost.py [N] [--phases]`.

Against the benchmark's settings and database (run `make bench` first), places N guest orders
through `POST /api/v1/orders/` with a new Idempotency-Key each (the benchmark's body), five
times, and prints the median milliseconds an order, its queries and the time they spent in the
database. With --phases, the main steps are timed with time.perf_counter around them (a few
microseconds of overhead each, unlike a profiler, which doubles deep stacks on this machine) and
each is printed with its share. The figures are noisy on a shared machine; compare runs with
each other.
"""

import json
import os
import sys
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402

ROUNDS = 5


class Clock:
    """Wall time inside named steps; a step inside another is counted in both."""

    def __init__(self):
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, owner, name: str, label: str) -> None:
        original = getattr(owner, name)
        spent = self.spent

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - started

        setattr(owner, name, timed)


@contextmanager
def database_time(totals: dict):
    from django.db import connection

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            totals["queries"] += 1
            totals["database"] += time.perf_counter() - started

    with connection.execute_wrapper(wrapper):
        yield


def install_phases(clock: Clock) -> None:
    from kombu import Producer
    from rest_framework.views import APIView

    import orders.api.views as api_views
    from orders.api.serializers import OrderInput, OrderOutput
    from orders.services import placement

    clock.wrap(APIView, "dispatch", "DRF view (dispatch)")
    clock.wrap(APIView, "initial", "  auth, permissions, throttles")
    clock.wrap(OrderInput, "is_valid", "  input serializer")
    clock.wrap(api_views, "place_order", "  place_order")
    clock.wrap(placement, "find_order_for_key", "    idempotency lookup")
    clock.wrap(placement, "lock_products", "    lock product rows")
    clock.wrap(placement.Product.objects, "filter", "    product querysets (lock, stock UPDATE)")
    clock.wrap(placement.Order.objects, "create", "    INSERT order")
    clock.wrap(placement.OrderItem.objects, "bulk_create", "    INSERT lines")
    clock.wrap(placement.OrderStatusChange.objects, "create", "    INSERT status change (+ its post_save)")
    clock.wrap(placement, "queue_confirmation", "    on commit: queue the e-mail")
    clock.wrap(Producer, "publish", "      kombu publish")
    original = OrderOutput.data.fget
    spent = clock.spent

    def data(self):
        started = time.perf_counter()
        try:
            return original(self)
        finally:
            spent["  output serializer"] += time.perf_counter() - started

    OrderOutput.data = property(data)


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(arguments[0]) if arguments else 200
    os.environ.update(run.shop_environment())
    import logging

    import django

    django.setup()
    from django.test import Client

    from shop.models import Product

    logging.disable(logging.CRITICAL)  # the request log line is measured by middleware_cost.py
    product = Product.objects.filter(stock__gte=20).order_by("pk")[199]
    Product.objects.filter(pk=product.pk).update(stock=run.BIG_STOCK)
    body = run.order_body(product.pk)
    client = Client(HTTP_HOST="127.0.0.1")
    run_id = uuid.uuid4().hex[:8]
    sequence = iter(range(10**9))

    def order() -> None:
        key = f"cost-{run_id}-{next(sequence)}"
        answer = client.post(
            "/api/v1/orders/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        )
        if answer.status_code != 201:
            raise SystemExit(f"{answer.status_code}: {answer.content[:500]!r}")

    for _ in range(20):
        order()
    if "--sql" in sys.argv:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            order()
        for query in captured.captured_queries:
            sys.stdout.write(f"{query['time']}  {query['sql'][:300]}\n")
    clock = Clock()
    if "--phases" in sys.argv:
        install_phases(clock)
    rounds, totals = [], defaultdict(float)
    for _ in range(ROUNDS):
        clock.spent.clear()
        totals.clear()
        with database_time(totals):
            started, cpu = time.perf_counter(), time.process_time()
            for _ in range(count):
                order()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        totals["cpu"] = cpu
        rounds.append((elapsed / count, dict(totals), dict(clock.spent)))
    rounds.sort(key=lambda r: r[0])
    per_order, queries, phases = rounds[len(rounds) // 2]
    say = lambda line: sys.stdout.write(line + "\n")  # noqa: E731
    say(
        f"{per_order * 1000:.2f} ms an order (median of {ROUNDS} rounds of {count}; "
        f"all: {', '.join(f'{r[0] * 1000:.2f}' for r in sorted(rounds))}); "
        f"{queries['queries'] / count:.1f} queries, {queries['database'] / count * 1000:.2f} ms of them; "
        f"{queries['cpu'] / count * 1000:.2f} ms of this process's CPU"
    )
    for label, seconds in phases.items():
        say(f"  {label:<55} {seconds / count * 1e6:8.0f} µs  {seconds / count / per_order:6.1%}")
    if "--json" in sys.argv:
        say(json.dumps({"ms": per_order * 1000, "queries": queries["queries"] / count}))


if __name__ == "__main__":
    main()
