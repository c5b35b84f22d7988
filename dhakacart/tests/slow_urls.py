"""The shop's URLs plus /slow/, a request that lasts until the test says so: for the graceful
shutdown test only, never in the production URLconf."""

import os
import time
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from dhakacart.urls import handler404, handler500  # noqa: F401  (the shop's error answers)
from dhakacart.urls import urlpatterns as shop_urlpatterns

HOLD_AT_MOST = 20  # seconds: a test that never releases the request still ends


def slow(request):
    """Leaves a `started` file in SLOW_VIEW_DIR, then answers once a `release` file appears."""
    directory = Path(os.environ["SLOW_VIEW_DIR"])
    (directory / "started").touch()
    deadline = time.monotonic() + HOLD_AT_MOST
    while not (directory / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return HttpResponse("finished", content_type="text/plain")


urlpatterns = [path("slow/", slow), *shop_urlpatterns]
