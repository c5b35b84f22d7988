"""The Cart-Token's format (SPEC §7), shared by checkout, which issues and reads it, and API v1's
throttles, which count a guest app per token.

A token is a guest cart's random key signed with SECRET_KEY (django.core.signing, a salt of its
own) together with the time it was issued; it is valid MAX_AGE after that time.
"""

import uuid
from datetime import timedelta

from django.core import signing

HEADER = "Cart-Token"  # noqa: S105 - a header's name, not a secret
MAX_AGE = timedelta(days=30)
_SALT = "checkout.cart-token"
# A real token is 32 hex digits, a timestamp and a signature: about 80 characters.
_LONGEST = 200


def sign_cart_key(key: uuid.UUID) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(key.hex)


def unsign_cart_token(token: str) -> uuid.UUID:
    """The key a token carries. Raises signing.SignatureExpired (issued over MAX_AGE ago) or
    signing.BadSignature (anything this shop did not sign)."""
    if not token or len(token) > _LONGEST or not token.isascii():
        raise signing.BadSignature("not a Cart-Token")
    value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=MAX_AGE)
    try:
        return uuid.UUID(hex=value)
    except ValueError:  # signed by us, so never in practice; still no 500
        raise signing.BadSignature("not a cart key") from None


def cart_key_of_token(token: str | None) -> uuid.UUID | None:
    """The key of a valid token, or None (no token, a forged or an expired one)."""
    if not token:
        return None
    try:
        return unsign_cart_token(token)
    except signing.BadSignature:
        return None


def cart_key_of_request(request) -> uuid.UUID | None:
    """The key of the request's valid Cart-Token, or None (no token, a forged or an expired one)."""
    return cart_key_of_token(request.headers.get(HEADER))
