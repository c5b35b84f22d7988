"""API v1 throttles: per-scope rates from settings.API_THROTTLE_RATES, counted in the cache.

Many shoppers share one mobile-carrier address, so a guest is told apart by what is its own
wherever there is something: a guest app by its Cart-Token (dhakacart.cart_tokens, only a token
this shop signed), a signed-in shopper by the account, a sign-in by the account it is for. The
client address (the first X-Forwarded-For hop only behind our own ingress) is left for the rest,
and as a ceiling over every guest request, high enough for a carrier NAT: a token costs nothing
to get, so counting per token alone would be no limit at all. Rates are read per request, so an
environment override or a test's settings change applies at once.
"""

import hashlib

from django.conf import settings
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from dhakacart.cart_tokens import cart_key_of_request
from dhakacart.clients import client_ip_address


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]

    def get_ident(self, request):
        return client_ip_address(request) or "unknown"

    def client_key(self, request) -> str:
        return self.key_for(self.get_ident(request))

    def key_for(self, ident) -> str:
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _is_signed_in(request) -> bool:
    return bool(request.user and request.user.is_authenticated)


class _CartTokenThrottle(_SettingsRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        key = None if _is_signed_in(request) else cart_key_of_request(request)
        return None if key is None else self.key_for(f"cart:{key.hex}")


class _AddressCeilingThrottle(_SettingsRateThrottle):
    scope = "anon_address"

    def get_cache_key(self, request, view):
        return None if _is_signed_in(request) else self.client_key(request)


class AnonymousThrottle(BaseThrottle):
    """Guests: per Cart-Token (`anon`, SPEC §17: 120 a minute) when a valid one is sent, and every
    guest request per address against the carrier-NAT ceiling (`anon_address`: 1,200 a minute)."""

    def __init__(self):
        self.parts = [_CartTokenThrottle(), _AddressCeilingThrottle()]
        self.refused_by = None

    def allow_request(self, request, view):
        for part in self.parts:
            if not part.allow_request(request, view):
                self.refused_by = part
                return False
        return True

    def wait(self):
        return self.refused_by.wait() if self.refused_by else None


class UserThrottle(_SettingsRateThrottle):
    """Signed-in users, per account."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not _is_signed_in(request):
            return None
        return self.key_for(request.user.pk)


class OrderThrottle(_SettingsRateThrottle):
    """Order creation per client: the account, else the guest app's Cart-Token, else the address."""

    scope = "orders"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        if _is_signed_in(request):
            return self.key_for(f"user:{request.user.pk}")
        key = cart_key_of_request(request)
        return self.key_for(f"cart:{key.hex}") if key else self.client_key(request)


class LoginThrottle(_SettingsRateThrottle):
    """Sign-in, token refresh and sign-out attempts, per account at each client address: the account
    typed (`email`) or the sign-in of the refresh token sent, so shoppers behind one carrier
    address do not share ten tries a minute. Guessing across accounts from one address meets the
    lockout's own per-address limit (accounts.throttling). Sign-ups: accounts.api.throttling."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.key_for(f"{self.get_ident(request)}:{_account_of(request)}")


def _account_of(request) -> str:
    try:
        data = request.data
    except (ParseError, UnsupportedMediaType):  # the view answers those; count them together
        return ""
    if not isinstance(data, dict):
        return ""
    email, refresh = data.get("email"), data.get("refresh")
    if isinstance(email, str) and email:
        typed = email.strip().lower()[:254]
        return "email:" + hashlib.sha256(typed.encode()).hexdigest()[:32]
    if isinstance(refresh, str) and refresh:
        return "refresh:" + hashlib.sha256(refresh.encode()).hexdigest()[:32]
    return ""
