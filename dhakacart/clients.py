"""Who is asking: the client address that limits and lockouts count per."""

import ipaddress

from django.conf import settings


def client_ip_address(request) -> str | None:
    """The address failures and requests are counted per.

    Only behind our own ingress (TRUST_PROXY_HEADERS) does the first X-Forwarded-For hop name the
    shopper; anywhere else anyone can write that header, so the socket's peer address counts.
    """
    if settings.TRUST_PROXY_HEADERS:
        forwarded = _valid_ip(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip())
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
