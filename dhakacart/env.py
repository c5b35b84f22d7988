"""Reading settings from the environment, with start-up errors a person can act on.

A bad value stops the process with one line that names the variable, instead of a
traceback from deep inside a driver the first time a request needs it.
"""

import os
import warnings
from urllib.parse import urlsplit

import environ

_env = environ.Env()


class ConfigurationError(SystemExit):
    """Raised while settings load; exits the process with one line per problem."""

    def __init__(self, *messages: str):
        super().__init__("\n".join(f"DhakaCart configuration error: {message}" for message in messages))


# What production (DEBUG off) cannot run without, and why, one line each.
PRODUCTION_SETTINGS = {
    "SECRET_KEY": "SECRET_KEY must be set when DEBUG is off.",
    "ALLOWED_HOSTS": "ALLOWED_HOSTS must be set when DEBUG is off.",
    "SITE_URL": (
        "SITE_URL must be set when DEBUG is off (e.g. https://shop.example.com): links in e-mails, "
        "a guest's only way back to the order, would point to http://127.0.0.1:8000."
    ),
    "EMAIL_URL": (
        "EMAIL_URL (or EMAIL_HOST) must be set when DEBUG is off, or mail is printed and never sent; "
        "EMAIL_URL=consolemail:// prints it on purpose."
    ),
}


def missing_production_settings() -> list[str]:
    """The names of PRODUCTION_SETTINGS the environment leaves unset (the e-mail pair counts as one)."""
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL") if not env_str(name)]
    if not env_str("EMAIL_URL") and not env_str("EMAIL_HOST"):
        missing.append("EMAIL_URL")
    return missing


def site_url(name: str, *, default: str) -> str:
    """An absolute http(s) URL without a trailing slash, or the default when unset."""
    url = env_str(name, default)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        raise ConfigurationError(f"{name} is not a valid URL ({error}).") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise ConfigurationError(f"{name} must look like https://shop.example.com, not {url!r}.")
    return url.rstrip("/")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a boolean; use 1 or 0.")


def env_int(name: str, *, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, *, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(name: str, *, default: str) -> dict:
    """Parse a database URL and route it through django-prometheus' instrumented backends."""
    url = env_str(name, default)
    try:
        with warnings.catch_warnings():  # an unknown scheme warns; the check below says more
            warnings.simplefilter("ignore")
            config = _env.db_url_config(url)
    except Exception as error:  # the parser raises several types; all mean a bad URL
        raise ConfigurationError(f"{name} is not a valid database URL ({error}).") from None
    engine = config.get("ENGINE", "")
    instrumented = {
        "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
        "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
    }
    if engine not in instrumented:
        raise ConfigurationError(f"{name} must be a postgres:// or sqlite:// URL, not {url!r}.")
    if not config.get("NAME"):
        raise ConfigurationError(f"{name} has no database name.")
    config["ENGINE"] = instrumented[engine]
    return config


def redis_url(name: str, *, default: str = "") -> str:
    """Return a Redis URL after checking its shape, or the default when unset."""
    url = env_str(name, default)
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        raise ConfigurationError(f"{name} is not a valid URL ({error}).") from None
    if parts.scheme not in {"redis", "rediss", "unix"} or not (parts.hostname or parts.path):
        raise ConfigurationError(f"{name} must look like redis://host:6379/0, not {url!r}.")
    return url


def email_config(*, default_backend: str) -> dict:
    """Outgoing mail from EMAIL_URL, or from the EMAIL_HOST family, or the console."""
    url = env_str("EMAIL_URL")
    if url:
        try:
            config = _env.email_url_config(url)
        except Exception as error:
            raise ConfigurationError(f"EMAIL_URL is not a valid mail URL ({error}).") from None
        return {key: value for key, value in config.items() if value not in (None, "")}
    host = env_str("EMAIL_HOST")
    if not host:
        return {"EMAIL_BACKEND": default_backend}
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": host,
        "EMAIL_PORT": env_int("EMAIL_PORT", default=587),
        "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER"),
        "EMAIL_HOST_PASSWORD": env_str("EMAIL_HOST_PASSWORD"),
        "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", default=True),
    }
