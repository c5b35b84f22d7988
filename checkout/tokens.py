"""Cart-Token: how an app without a sign-in keeps a cart (SPEC §7), as a header, with no cookie.

A token is the guest cart's random key, signed with SECRET_KEY (django.core.signing, a salt of
its own) together with the time it was issued. It is valid for CART_TOKEN_MAX_AGE after that
time, and every cart answer issues a fresh one, so it lasts 30 days from its last use. The key
is random rather than the row's id, so a token says nothing about how many carts there are.
"""

import uuid
from datetime import timedelta

from django.core import signing
from django.utils.translation import gettext as _

from .exceptions import CartTokenExpired, CartTokenInvalid

CART_TOKEN_HEADER = "Cart-Token"  # noqa: S105 - a header name, not a secret
CART_TOKEN_MAX_AGE = timedelta(days=30)
_SALT = "checkout.cart-token"
# A real token is 32 hex digits, a timestamp and a signature: about 80 characters.
_LONGEST = 200


def issue_cart_token(key: uuid.UUID) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(key.hex)


def read_cart_token(token: str) -> uuid.UUID:
    """The cart key a token carries. Raises CartTokenExpired (older than 30 days since issued)
    or CartTokenInvalid (not a token this shop signed)."""
    if not token or len(token) > _LONGEST or not token.isascii():
        raise CartTokenInvalid(_("This Cart-Token is not valid. Start a new cart without it."))
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=CART_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise CartTokenExpired(
            _("This cart was last used over 30 days ago and has expired. Start a new cart without its token.")
        ) from None
    except signing.BadSignature:
        raise CartTokenInvalid(_("This Cart-Token is not valid. Start a new cart without it.")) from None
    try:
        return uuid.UUID(hex=value)
    except ValueError:  # signed by us, so never in practice; still no 500
        raise CartTokenInvalid(_("This Cart-Token is not valid. Start a new cart without it.")) from None


def cart_key_of_token(token: str | None) -> uuid.UUID | None:
    """The key of a valid token, or None (for counting requests, where a bad token is no token)."""
    if not token:
        return None
    try:
        return read_cart_token(token)
    except (CartTokenInvalid, CartTokenExpired):
        return None
