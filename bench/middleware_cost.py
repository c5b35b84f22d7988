"""What each middleware costs a request: `python bench/middleware_cost.py [/health] [N]`.

Against the benchmark's settings and database (run `make bench` first), times N requests through
the whole stack, then N with each middleware left out in turn, and prints the difference on
stderr (the request log goes to stdout: send it to /dev/null, it is part of what is measured).
The figures are in-process and noisy on a shared machine; compare them with each other.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402

AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
MESSAGES = "django.contrib.messages.middleware.MessageMiddleware"
AXES = "axes.middleware.AxesMiddleware"
NEEDS = {
    "django.contrib.sessions.middleware.SessionMiddleware": (AUTH, MESSAGES, AXES),
    AUTH: (MESSAGES, AXES),
}


def per_request_us(client, path: str, count: int) -> float:
    for _ in range(20):
        client.get(path)
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(count):
            client.get(path)
        samples.append((time.perf_counter() - started) / count * 1e6)
    return statistics.median(samples)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/health"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    os.environ.update(run.shop_environment())
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client, override_settings

    everything = list(settings.MIDDLEWARE)
    full = per_request_us(Client(HTTP_HOST="127.0.0.1"), path, count)
    with override_settings(MIDDLEWARE=[]):
        bare = per_request_us(Client(HTTP_HOST="127.0.0.1"), path, count)
    say = lambda line: sys.stderr.write(line + "\n")  # noqa: E731
    say(f"{path}: {full:.0f} µs a request through all {len(everything)}, {bare:.0f} µs with none")
    for middleware in everything:
        # What cannot run without this one leaves with it (sessions take auth, messages, axes).
        gone = {middleware, *NEEDS.get(middleware, ())}
        with override_settings(MIDDLEWARE=[m for m in everything if m not in gone]):
            without = per_request_us(Client(HTTP_HOST="127.0.0.1"), path, count)
        also = (
            f" (with {', '.join(sorted(m.rsplit('.', 1)[-1] for m in gone - {middleware}))})"
            if len(gone) > 1
            else ""
        )
        say(f"  {full - without:6.0f} µs  {middleware}{also}")


if __name__ == "__main__":
    main()
