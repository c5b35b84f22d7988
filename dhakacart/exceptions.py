"""The base of every business-rule error: a message for people and a code for programs."""


class DomainError(Exception):
    """Raised by services; HTML views show `message`, the APIs render `code`, `message`, `extra`."""

    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.extra = extra or {}

    def __str__(self):
        return str(self.message)
