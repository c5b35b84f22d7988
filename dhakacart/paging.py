"""A page number from the query string: the one way every storefront list reads `?page=`."""

MAX_PAGE_DIGITS = 6


def page_number(raw: str | None) -> int | None:
    """`raw` as a page number from 1 to 999,999, or None when it is not one.

    Any script's decimal digits count, so a shopper who types `?page=২` gets page 2. Characters
    that `str.isdigit` accepts but `int` does not (`²`, `①`) are not page numbers: only
    `str.isdecimal` promises that `int` will read the text.
    """
    text = (raw or "").strip()
    if not text.isdecimal() or len(text) > MAX_PAGE_DIGITS:
        return None
    return int(text) or None
