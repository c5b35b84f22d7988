"""How django-axes counts failed sign-ins (see AXES_* in settings) and how a lockout is shown,
and the per-client limit on sign-ups and password-reset requests."""

import logging

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import render

from dhakacart.clients import client_ip_address

logger = logging.getLogger(__name__)


class LoginThrottleBackend(AxesStandaloneBackend):
    """axes' lockout check for every sign-in that comes with its request.

    Every door (the sign-in page, the admin, the API's logins) passes the request. Only test
    code calls authenticate() without one (Client.login); axes can neither check nor count
    such a call, so it is let through to ModelBackend instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class LoginLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with two limits instead of one.

    An account is refused at one client address after AXES_FAILURE_LIMIT failures there: five
    typos lock that shopper out of that address, not everyone behind the same carrier NAT. The
    address as a whole is refused only at LOGIN_FAILURE_LIMIT_PER_ADDRESS failures, whatever
    accounts were tried (credential stuffing from one place). Both windows are AXES_COOLOFF_TIME.
    """

    def get_failures(self, request, credentials=None) -> int:
        """The failures axes compares with AXES_FAILURE_LIMIT (to check, and after each failure to lock)."""
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        )
        totals = recent.aggregate(
            from_address=Coalesce(Sum("failures_since_start"), 0),
            for_account=Coalesce(
                Sum("failures_since_start", filter=Q(username=get_client_username(request, credentials))), 0
            ),
        )
        if totals["from_address"] >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS:
            return max(totals["for_account"], settings.AXES_FAILURE_LIMIT)
        return totals["for_account"]


# The width of axes' username column; a longer typed "e-mail" is cut rather than failing the insert.
_USERNAME_COLUMN_LENGTH = 255


def attempted_email(request, credentials) -> str:
    """The account an attempt counts against, spelled as it is stored, so case tricks don't reset it.

    Django's authenticate() takes the login name as `username` or as the model's `email` field.
    """
    source = credentials if credentials else request.POST
    typed = source.get("username") or source.get("email") or ""
    return str(typed).strip().lower()[:_USERNAME_COLUMN_LENGTH]


def locked_out_response(request, original_response, credentials):
    """The page a refused sign-in gets: 429, what happened, how long to wait, and a way forward."""
    cool_off_seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": cool_off_seconds // 60},
        status=429,
    )
    response["Retry-After"] = str(cool_off_seconds)
    return response


def over_rate_limit(scope: str, request) -> bool:
    """Count this request against its client's budget for `scope` (ACCOUNT_RATE_LIMITS); True when over.

    A fixed window per client address, counted in the shared cache: every pod sees the same
    count, and it expires by itself. Sign-ups and reset requests are throttled against volume
    (account spam, mail bombing) rather than guessing, so while Redis is down the limit is not
    applied (the cache answers None) instead of refusing every shopper; sign-in throttling,
    where guessing is the threat, is counted in the database (AXES_*).
    """
    limit, window = settings.ACCOUNT_RATE_LIMITS[scope]
    key = f"rate:{scope}:{client_ip_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr: this request opens the next one
        cache.add(key, 1, timeout=window)
        count = 1
    if count is None:
        return False
    if count > limit:
        logger.warning("rate limit of %s reached for a client", scope, extra={"scope": scope})
        return True
    return False
