"""The operations contract of SPEC §2, as the deployment assets must use it."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Every variable the app reads (SPEC §2 and README). A name outside this set in the chart or
# the compose file is a typo the app would silently ignore.
APP_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "SMS_BACKEND",
    "SMS_API_TOKEN",
    "SMS_SENDER_ID",
    "SMS_BASE_URL",
    "SMS_TIMEOUT",
    "PHONE_CODE_LIMIT_PER_ADDRESS",
    "DEFAULT_FROM_EMAIL",
    "CORS_ALLOWED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "CSRF_TRUSTED_ORIGINS",
    "WEB_CONCURRENCY",
    "TRUST_PROXY_HEADERS",
    "METRICS_TOKEN",
    "LOG_LEVEL",
    "PROMETHEUS_MULTIPROC_DIR",
    "MEDIA_ROOT",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "SITE_URL",
    "STATIC_URL",
    "SECURE_HSTS_PRELOAD",
    "PAYMENT_TIMEOUT_MINUTES",
    "BKASH_BASE_URL",
    "BKASH_APP_KEY",
    "BKASH_APP_SECRET",
    "BKASH_USERNAME",
    "BKASH_PASSWORD",
    "SSLCOMMERZ_BASE_URL",
    "SSLCOMMERZ_STORE_ID",
    "SSLCOMMERZ_STORE_PASSWORD",
    # Read by gunicorn.conf.py and dhakacart/celery.py, not by the settings.
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "CELERY_WORKER_METRICS_PORT",
    "CELERY_WORKER_HEARTBEAT_FILE",
}

# The processes of SPEC §2: each command must start with exactly these words.
WEB = ["gunicorn", "dhakacart.wsgi"]
WORKER = ["celery", "-A", "dhakacart", "worker"]
BEAT = ["celery", "-A", "dhakacart", "beat"]
MIGRATE = ["python", "manage.py", "migrate", "--noinput"]
# In the cluster, migrate runs under an advisory lock (deploy/docker/migrate.py), and app pods
# wait for it.
MIGRATE_LOCKED = ["python", "deploy/docker/migrate.py"]
WAIT_FOR_MIGRATIONS = ["python", "deploy/docker/migrate.py", "--wait"]


def starts_with(command: list[str], process: list[str]) -> bool:
    return command[: len(process)] == process


def option(command: list[str], name: str) -> str | None:
    """The value after `name` in a command line, or None."""
    if name in command[:-1]:
        return command[command.index(name) + 1]
    return None
