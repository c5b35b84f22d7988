import pytest
from django.core.exceptions import ValidationError

from dhakacart.phone import PhoneField, normalize_phone


@pytest.mark.parametrize(
    "spelling",
    [
        "01712345678",
        "+8801712345678",
        "8801712345678",
        "017-1234-5678",
        "+880 1712 345678",
        "০১৭১২৩৪৫৬৭৮",
        "+৮৮০১৭১২৩৪৫৬৭৮",
    ],
)
def test_every_accepted_spelling_is_stored_in_one_form(spelling):
    assert normalize_phone(spelling) == "+8801712345678"


@pytest.mark.parametrize(
    "wrong",
    ["", "0171234567", "017123456789", "01212345678", "+8811712345678", "phone", "01712345678" * 100, None],
)
def test_anything_else_is_refused_with_a_clear_message(wrong):
    with pytest.raises(ValidationError) as caught:
        normalize_phone(wrong)

    assert caught.value.code == "invalid_phone"
    assert "01712345678" in str(caught.value.messages[0])


def test_the_form_field_cleans_to_the_stored_form():
    assert PhoneField().clean("019-8765-4321") == "+8801987654321"
    assert PhoneField(required=False).clean("") == ""
