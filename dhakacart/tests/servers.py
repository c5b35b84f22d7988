"""Real servers for the fault tests: the shop under gunicorn (the project's gunicorn.conf.py) and a
Redis of its own, each on a spare local port, each in its own session so that stopping it can
reach every process it started, and an HTTP client with a cookie jar.

Nothing here touches the PostgreSQL or Redis the rest of the suite shares: a test stops only
what it started.
"""

import contextlib
import fcntl
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import redis

from .helpers import ROOT, run_python

BIN = Path(sys.executable).parent
# Production settings (DEBUG off, manifest static files, real mail settings), with what a loopback
# run over plain HTTP needs: no TLS redirect, no secure-only cookies, no HSTS.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "fault-tests-only-" + "f" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "EMAIL_URL": "consolemail://",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "WEB_CONCURRENCY": "1",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, what: str, *, seconds: float = 30, process: subprocess.Popen | None = None):
    """Poll until condition() is truthy; fail early if the process it waits on has died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{what}: the process exited with {process.returncode}")
        try:
            value = condition()
        except (OSError, redis.ConnectionError):
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def collect_static(env: dict[str, str]) -> None:
    """collectstatic as the image build runs it: DEBUG off serves the hashed names of its manifest.

    STATIC_ROOT is the checkout's var/static, shared by parallel test workers: one at a time.
    """
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    with (var / ".collectstatic.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run_python("manage.py", "collectstatic", "--noinput", env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


# --- Processes --------------------------------------------------------------------------------


def session_processes(session_id: int) -> list[int]:
    """Live (not zombie) processes of a session: a server started with start_new_session=True
    and everything it forked, even after the leader is gone."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        # "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == session_id and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(child) for child in path.read_text().split()]
    except OSError:
        return []


def stop_session(process: subprocess.Popen, *, grace: float) -> None:
    """SIGTERM the leader and give it `grace` seconds; then SIGKILL whatever of its session is left."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    for pid in session_processes(process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


class Server:
    """A process started in its own session, with its output in a log file."""

    process: subprocess.Popen | None = None

    def __init__(self, log: Path):
        self.log = log

    def _spawn(self, command: list[str], *, env: dict[str, str]) -> subprocess.Popen:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self.process

    def log_text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def leftovers(self) -> list[int]:
        return session_processes(self.process.pid) if self.process else []


class RedisServer(Server):
    """redis-server on a spare port with a directory of its own; stop() and start() again on the
    same port stand for an outage and the recovery."""

    def __init__(self, directory: Path):
        super().__init__(directory / "redis.log")
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        process = self._spawn(
            [
                "redis-server",
                *["--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory)],
                *["--save", "", "--appendonly", "no", "--daemonize", "no"],
            ],
            env={"PATH": os.environ["PATH"]},
        )
        wait_for(lambda: redis.Redis.from_url(self.url).ping(), "redis-server", process=process)

    def stop(self) -> None:
        if self.process is None:
            return
        stop_session(self.process, grace=10)
        assert not self.leftovers(), self.log_text()[-3000:]

    def answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=1).ping()
        except redis.ConnectionError:
            return False


class Gunicorn(Server):
    """The shop as the image runs it: `gunicorn -c gunicorn.conf.py dhakacart.wsgi`."""

    def __init__(self, directory: Path, env: dict[str, str]):
        super().__init__(directory / "gunicorn.log")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": str(directory),
            **PRODUCTION,
            "SITE_URL": self.url,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "PROMETHEUS_MULTIPROC_DIR": str(directory / "metrics"),
            "MEDIA_ROOT": str(directory / "media"),
            **env,
        }
        self.workers: list[int] = []

    def start(self) -> None:
        process = self._spawn(
            [str(BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"), "dhakacart.wsgi"],
            env=self.env,
        )
        wait_for(lambda: fetch(f"{self.url}/health").status == 200, "gunicorn", process=process)
        self.workers = wait_for(lambda: children(process.pid), "gunicorn's workers", process=process)

    def stop(self) -> None:
        """Stop it (graceful first) and check that the master and every worker are gone."""
        if self.process is None:
            return
        stop_session(self.process, grace=40)
        assert not self.leftovers(), self.log_text()[-3000:]
        assert not [pid for pid in [self.process.pid, *self.workers] if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# --- HTTP ---------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str

    def json(self):
        return json.loads(self.text)


class Browser:
    """An HTTP client that keeps cookies, like a shopper's browser (redirects followed)."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str, headers: dict[str, str] | None = None) -> Answer:
        return _open(self._opener, urllib.request.Request(url, headers=headers or {}))  # noqa: S310

    def post_form(self, url: str, form: dict[str, str], *, referer: str) -> Answer:
        body = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": referer})  # noqa: S310
        return _open(self._opener, request)

    def csrf_token(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def fetch(
    url: str,
    headers: dict[str, str] | None = None,
    *,
    method: str = "GET",
    json_body=None,
    timeout: float = 10,
) -> Answer:
    """One request without cookies or redirects followed."""
    headers = dict(headers or {})
    data = None
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
    return _open(urllib.request.build_opener(_NoRedirect), request, timeout=timeout)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _open(opener, request, *, timeout: float = 10) -> Answer:
    try:
        with opener.open(request, timeout=timeout) as response:
            return Answer(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, dict(error.headers), error.read().decode())
