"""Running manage.py or a snippet in a fresh process, with an environment of the test's choosing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Variables a test run may carry that would change what a fresh process sees.
_SCRUBBED = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")


def run_python(*args: str, env: dict[str, str], timeout: int = 60) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in _SCRUBBED}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run_python("manage.py", *args, env=env)
