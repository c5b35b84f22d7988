"""Refresh tokens for the apps that end with the password, and with signing out.

Every refresh token carries a `generation` claim: an HMAC of the account's password hash and its
`token_generation` counter. A refresh is honoured only while the claim matches the account now.
Changing or resetting the password, whichever way (page, e-mailed link, admin, manage.py: a new
salt changes the hash even for the same password), and POST auth/logout/ (which bumps the
counter) thereby end every refresh token issued before, in one place and with no list of tokens
to keep or sweep. A rotated token keeps the claim of the one it replaces, so a refresh that races
a sign-out still hands out a dead token. simplejwt's blacklist stays for what it does well:
refusing a refresh token used a second time after rotation.

Access tokens are not checked (that would cost every API request): they live at most
SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] (15 minutes). Refresh tokens issued before the claim existed
have none and are refused: those apps sign in once more.
"""

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken

from .models import User

GENERATION_CLAIM = "generation"
SIGN_IN_ENDED = _(
    "This sign-in has ended: the password was changed or the account signed out. Please sign in again."
)


def token_generation_of(user: User) -> str:
    return salted_hmac(
        "accounts.tokens.generation", f"{user.password}:{user.token_generation}", algorithm="sha256"
    ).hexdigest()


class AccountRefreshToken(RefreshToken):
    """simplejwt's refresh token (outstanding list, blacklist) stamped with the account's generation."""

    @classmethod
    def for_user(cls, user: User) -> "AccountRefreshToken":
        token = super().for_user(user)
        token[GENERATION_CLAIM] = token_generation_of(user)
        return token


def get_user_for_refresh_token(raw: str) -> User:
    """The active account a refresh token still speaks for.

    Raises TokenError when the token is malformed, forged, expired, not a refresh token, already
    used (blacklisted), or issued before the account's password changed or it signed out.
    """
    token = RefreshToken(raw)
    user = User.objects.filter(pk=token.get(api_settings.USER_ID_CLAIM), is_active=True).first()
    if user is None or not constant_time_compare(token.get(GENERATION_CLAIM, ""), token_generation_of(user)):
        raise TokenError(SIGN_IN_ENDED)
    return user
