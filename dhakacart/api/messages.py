"""API v1's messages in the shopper's language (SPEC §7): DRF's, simplejwt's and Django's own too.

Those libraries ship no Bangla. Their sentences are listed here with gettext_noop, so
`makemessages` keeps them in our catalogue (locale/bn) and their own gettext calls find the
translation. What they build without gettext, or fill with Latin digits, is put right as the
error is rendered (dhakacart.api.errors): a count in a Bangla sentence is written in Bangla digits.
Codes, field names and the numbers in the data never change with the language.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from dhakacart.money import bangla_digits

THIRD_PARTY_MESSAGES = [
    # rest_framework: fields, serializers, parsers, exceptions
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop("A valid integer is required."),
    gettext_noop("A valid number is required."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop("Ensure that there are no more than {max_decimal_places} decimal places."),
    gettext_noop("Ensure that there are no more than {max_digits} digits in total."),
    gettext_noop("Ensure that there are no more than {max_whole_digits} digits before the decimal point."),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop('Expected a dictionary of items but got type "{input_type}".'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("Invalid input."),
    gettext_noop("Invalid page."),
    gettext_noop("Malformed request."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Not found."),
    gettext_noop("Request was throttled."),
    gettext_noop("String value too large."),
    gettext_noop("This field may not be blank."),
    gettext_noop("This field may not be null."),
    gettext_noop("This list may not be empty."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("You do not have permission to perform this action."),
    # django: validators and password validators that DRF fields run
    gettext_noop("Null characters are not allowed."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    # rest_framework_simplejwt
    gettext_noop("Authorization header must contain two space-delimited values"),
    gettext_noop("Given token not valid for any token type"),
    gettext_noop("No active account found with the given credentials"),
    gettext_noop("Token is blacklisted"),
    gettext_noop("Token is expired"),
    gettext_noop("Token is invalid"),
    gettext_noop("Token is invalid or expired"),
    gettext_noop("Token has wrong type"),
    gettext_noop("User is inactive"),
    gettext_noop("User not found"),
]

# Validation codes whose sentence carries a count or a limit (and no name or typed value).
COUNTED = {
    "max_value",
    "min_value",
    "max_length",
    "min_length",
    "max_digits",
    "max_decimal_places",
    "max_whole_digits",
    "empty",
}


def field_message(detail) -> str:
    """One of DRF's validation sentences (an ErrorDetail) as the shopper reads it."""
    code = getattr(detail, "code", None)
    if code == "null" and str(detail) == "No data provided":  # DRF's one untranslated sentence
        return _("Send the data as a JSON object.")
    if code in COUNTED:
        return bangla_digits(str(detail))
    return str(detail)


def malformed_body_message() -> str:
    """For DRF's "JSON parse error - <the parser's own words>": the parser's words are English."""
    return _("The request body is not valid JSON.")
