"""Profile one page in-process with pyinstrument, under the benchmark's production settings and
against its database (run `make bench` first): `python bench/profile_page.py /products/ [N]`.

Warms the page (every cache filled), times N requests, then prints the profile of N more.
"""

import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/products/"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    os.environ.update(run.shop_environment())
    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    logging.disable(logging.CRITICAL)  # one JSON line per request would drown the profile
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(5):
        client.get(path)
    started = time.perf_counter()
    for _ in range(count):
        status = client.get(path).status_code
    elapsed = (time.perf_counter() - started) / count * 1000
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(count):
        client.get(path)
    profiler.stop()
    sys.stdout.write(f"{path}: {status}, {elapsed:.1f} ms a request in-process (wall clock)\n")
    sys.stdout.write(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    main()
