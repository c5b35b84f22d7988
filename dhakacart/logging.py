"""One JSON object per log line, each carrying the id of the request it belongs to."""

import contextvars
import logging
import os
import re
import time

from django.utils.functional import empty
from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
request_logger = logging.getLogger("dhakacart.request")

# An incoming id is echoed back into headers and logs, so only a short, plain token is taken.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

REDACTED = "[redacted]"
# A path segment ends at a slash, query, quote or space, and at a backslash (JSON escapes).
_SEGMENT = r"[^/?#\s\"'\\]+"
# Secrets that travel in URLs: a guest's order token (/orders/<token>/, not a signed-in
# shopper's /accounts/orders/<number>/ nor a legacy /api/orders/<id>), a password-reset token
# (/password/reset/<uid>/<token>/; "set-password" is Django's own step), and ?token=.
_SECRETS_IN_URLS = (
    re.compile(rf"(?<!/accounts)(/orders/)(?!\d+(?:[/?#\s\"']|$))(?!{re.escape(REDACTED)}){_SEGMENT}"),
    re.compile(rf"(/password/reset/{_SEGMENT}/)(?!set-password\b)(?!{re.escape(REDACTED)}){_SEGMENT}"),
    re.compile(r"([?&](?:token|access_token)=)[^&#\s\"'\\]+"),
)


def redact(text: str) -> str:
    """The text with every order or password-reset token in a URL replaced by [redacted]."""
    # Each pattern needs one of these; most lines have none, and looking is far cheaper.
    if "/orders/" not in text and "/password/reset/" not in text and "token=" not in text:
        return text
    for pattern in _SECRETS_IN_URLS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Redacts tokens from a record's message and its `path` (our request lines, gunicorn's lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is logging's problem to report, not ours
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        path = getattr(record, "path", None)
        if isinstance(path, str):
            record.path = redact(path)
        return True


class JsonFormatter(_BaseJsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", False)
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s", *args, **kwargs)

    def format(self, record: logging.LogRecord) -> str:
        """The JSON line with tokens redacted from every field (Django adds the request to extras)."""
        return redact(super().format(record))

    def formatTime(self, record, datefmt=None):  # noqa: N802 - logging's own name
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + (
            f".{int(record.msecs):03d}Z"
        )


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get() or None
        return True


def incoming_request_id(value: str | None) -> str:
    if value and _SAFE_REQUEST_ID.match(value):
        return value
    return os.urandom(16).hex()  # 32 hex digits, as a uuid4's


class RequestLogMiddleware:
    """Give every request an id (X-Request-ID in and out) and write one log line for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # META, not request.headers: that builds a dict of every header, which little else needs.
        request_id = incoming_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            self._log(request, response.status_code, started)
            return response
        finally:
            request_id_var.reset(token)

    @staticmethod
    def _log(request, status: int, started: float) -> None:
        level = logging.ERROR if status >= 500 else logging.INFO
        if not request_logger.isEnabledFor(level):
            return
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        method, path = request.method, redact(request.path)
        # The record made directly: Logger.log would first walk the stack for the caller's file
        # and line, which the JSON line does not show.
        record = request_logger.makeRecord(
            request_logger.name,
            level,
            __file__,
            0,
            "%s %s %s",
            (method, path, status),
            None,
            extra={
                "method": method,
                "path": path,
                "status": status,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
            },
        )
        request_logger.handle(record)


def _user_id(request) -> int | None:
    """The signed-in user's id, without loading a session or a user nothing else needed."""
    user = getattr(request, "user", None)
    if user is None:
        return None
    if getattr(user, "_wrapped", None) is empty:  # AuthenticationMiddleware's lazy user, unread
        session = getattr(request, "session", None)
        if session is None or session.session_key is None:  # no session cookie: nobody signed in
            return None
    return user.pk if user.is_authenticated else None
