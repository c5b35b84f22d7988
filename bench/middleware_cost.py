"""What each middleware costs a request: `python bench/middleware_cost.py [/health] [N]`.

Against the benchmark's settings and database (run `make bench` first; BENCH_DATABASE_URL and
BENCH_REDIS_URL as for it), calls Django's WSGI handler the way gunicorn does, N times through
the whole stack with a probe between every two middlewares, and prints on stderr each
middleware's own time (its time minus the time of everything inside it, probe cost taken off),
the median over the N requests. The request log goes to stdout: send it to /dev/null, writing it
is part of what is measured.

Every layer is timed in the same requests, so load from other work on a shared machine moves all
of them alike; medians over a few thousand requests repeat within about 10 µs here. Leaving a
middleware out and comparing two separate runs (the way this script measured before) moved by
more than the middlewares cost.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402

_inclusive: dict[int, list[float]] = {}


def _probe(index: int) -> type:
    """A middleware that times everything inside it (the middlewares after it and the view)."""

    class Probe:
        def __init__(self, get_response):
            self.get_response = get_response

        def __call__(self, request):
            started = time.perf_counter()
            response = self.get_response(request)
            _inclusive[index].append(time.perf_counter() - started)
            return response

    Probe.__name__ = Probe.__qualname__ = f"Probe{index}"
    globals()[Probe.__name__] = Probe
    return Probe


class Passthrough:
    """A middleware that does nothing: what a layer costs before its own work."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


def environ_for(path: str) -> dict:
    """What gunicorn passes for `GET path` from wrk: no cookies, keep-alive, a Host header."""
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_USER_AGENT": "wrk",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(application, path: str) -> int:
    status = []
    body = application(environ_for(path), lambda s, headers, exc_info=None: status.append(s))
    for _chunk in body:
        pass
    body.close()
    return int(status[0].split()[0])


def measure(path: str, count: int, middleware: list[str]) -> tuple[float, list[float], list[list[float]]]:
    """Median µs a whole request takes, the median µs inside each probe (outermost first), and
    each probe's samples in seconds."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    probes = [f"__main__.{_probe(i).__name__}" for i in range(len(middleware) + 1)]
    stack = [name for pair in zip(probes, middleware, strict=False) for name in pair] + [probes[-1]]
    with override_settings(MIDDLEWARE=stack):
        application = WSGIHandler()
        for _ in range(200):
            call(application, path)
        for samples in _inclusive.values():
            samples.clear()
        totals = []
        for _ in range(count):
            started = time.perf_counter()
            call(application, path)
            totals.append(time.perf_counter() - started)
    inclusive = [list(_inclusive[i]) for i in range(len(probes))]
    return statistics.median(totals) * 1e6, [statistics.median(s) * 1e6 for s in inclusive], inclusive


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/health"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    os.environ.update(run.shop_environment())
    import django

    django.setup()
    from django.conf import settings

    for i in range(64):
        _inclusive[i] = []
    everything = list(settings.MIDDLEWARE)
    # An empty middleware between two probes: what a layer and a probe cost before any work,
    # taken off each middleware's figure.
    _, empty, _ = measure(path, count, [])
    total, medians, inclusive = measure(path, count, everything)
    _, nested, nested_samples = measure(path, count, ["__main__.Passthrough"])
    probe_cost = max(0.0, statistics.median(a - b for a, b in zip(*nested_samples, strict=True)) * 1e6)
    say = lambda line: sys.stderr.write(line + "\n")  # noqa: E731
    say(
        f"{path}: {total:.0f} µs a request through the WSGI handler with all {len(everything)} "
        f"middlewares, {medians[0]:.0f} µs of it inside the outermost one; the view with URL "
        f"resolution {medians[-1]:.0f} µs; an empty layer and its probe {probe_cost:.1f} µs; "
        f"the same view with no middleware {empty[-1]:.0f} µs"
    )
    for index, middleware in enumerate(everything):
        pairs = zip(inclusive[index], inclusive[index + 1], strict=True)
        own = [(outer - inner) * 1e6 - probe_cost for outer, inner in pairs]
        say(f"  {statistics.median(own):6.0f} µs  {middleware}")
    own_total = (medians[0] - medians[-1]) - probe_cost * len(everything)
    say(f"  {own_total:6.0f} µs  all middlewares together (median inside the outermost minus the view)")


if __name__ == "__main__":
    main()
