from dhakacart.exceptions import DomainError


class CodeLimitReached(DomainError):
    """Too many codes asked for this number or from this address; `extra["retry_after"]` seconds."""

    code = "code_limit"


class InvalidCode(DomainError):
    """Wrong, used up or expired: one answer for all, so a guesser learns nothing."""

    code = "invalid_code"
