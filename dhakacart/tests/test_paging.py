import pytest

from dhakacart.paging import page_number


@pytest.mark.parametrize(
    ("raw", "number"),
    [("1", 1), ("12", 12), (" 3 ", 3), ("২", 2), ("১২", 12), ("999999", 999999)],
)
def test_a_page_number_in_any_decimal_digits_is_read(raw, number):
    assert page_number(raw) == number


@pytest.mark.parametrize("raw", [None, "", "0", "-1", "1.5", "abc", "²", "①", "1²", "1000000", "১০০০০০০"])
def test_what_is_not_a_page_number_gives_none(raw):
    assert page_number(raw) is None
