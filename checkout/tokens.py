"""Cart-Token: how an app without a sign-in keeps a cart, as a header, with no cookie.

The format lives in the kernel (dhakacart.cart_tokens), as API v1's throttles count guests per
token. Every cart answer issues a fresh token, so a cart lasts 30 days from its last use. The key
is random rather than the row's id, so a token says nothing about how many carts there are.
"""

import uuid

from django.core import signing
from django.utils.translation import gettext as _

from dhakacart.cart_tokens import HEADER, MAX_AGE, sign_cart_key, unsign_cart_token

from .exceptions import CartTokenExpired, CartTokenInvalid

CART_TOKEN_HEADER = HEADER
CART_TOKEN_MAX_AGE = MAX_AGE


def issue_cart_token(key: uuid.UUID) -> str:
    return sign_cart_key(key)


def read_cart_token(token: str) -> uuid.UUID:
    """The cart key a token carries. Raises CartTokenExpired (issued over 30 days ago) or
    CartTokenInvalid (not a token this shop signed)."""
    try:
        return unsign_cart_token(token)
    except signing.SignatureExpired:
        raise CartTokenExpired(
            _("This cart was last used over 30 days ago and has expired. Start a new cart without its token.")
        ) from None
    except signing.BadSignature:
        raise CartTokenInvalid(_("This Cart-Token is not valid. Start a new cart without it.")) from None
