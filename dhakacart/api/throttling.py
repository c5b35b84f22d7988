"""API v1 throttles: per-scope rates from settings.API_THROTTLE_RATES, counted in the cache.

Clients are told apart by the address accounts.throttling trusts (the first X-Forwarded-For hop
only behind our own ingress), and signed-in users by their id. Rates are read per request, so
an environment override or a test's settings change applies at once.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from dhakacart.clients import client_ip_address


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]

    def get_ident(self, request):
        return client_ip_address(request) or "unknown"

    def client_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AnonymousThrottle(_SettingsRateThrottle):
    """Guests, per client address."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.client_key(request)


class UserThrottle(_SettingsRateThrottle):
    """Signed-in users, per account."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class OrderThrottle(_SettingsRateThrottle):
    """Order creation, per client address, whoever is signed in."""

    scope = "orders"

    def get_cache_key(self, request, view):
        return self.client_key(request) if request.method == "POST" else None


class LoginThrottle(_SettingsRateThrottle):
    """Sign-in and token refresh attempts, per client address (sign-ups: accounts.api.throttling)."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.client_key(request)
