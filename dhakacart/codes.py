"""Random codes people read out over the phone: order numbers, single-use promo codes."""

import secrets

# No 0/O, 1/I/L or U: each character is unmistakable when spoken or handwritten.
READABLE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def readable_code(length: int) -> str:
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))
