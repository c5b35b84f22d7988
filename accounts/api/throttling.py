"""The API's door to the per-client limits of accounts.throttling: the same counters as the pages."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from ..throttling import over_rate_limit


class SignupThrottle(BaseThrottle):
    """Sign-ups per client, counted together with the sign-up page's (ACCOUNT_RATE_LIMITS["signup"])."""

    scope = "signup"

    def allow_request(self, request, view):
        return request.method != "POST" or not over_rate_limit(self.scope, request)

    def wait(self):
        return settings.ACCOUNT_RATE_LIMITS[self.scope][1]
