"""Container health check: GET /health on the local gunicorn, exit 0 when it answers 200.

Django rejects a Host header that is not in ALLOWED_HOSTS, so the request names the first
allowed host instead of 127.0.0.1 (which production does not list).
"""

import os
import sys
import urllib.request


def host_header(allowed_hosts: str) -> str:
    first = next((host.strip() for host in allowed_hosts.split(",") if host.strip()), "")
    if not first or first == "*":
        return "localhost"
    # ".example.com" allows example.com and its subdomains.
    return first.lstrip(".")


def main() -> int:
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    request = urllib.request.Request(  # noqa: S310 - a fixed http URL on the loopback
        f"http://127.0.0.1:{port}/health",
        headers={"Host": host_header(os.environ.get("ALLOWED_HOSTS", ""))},
    )
    try:
        with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
