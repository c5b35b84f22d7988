"""Rules for postal addresses in Bangladesh, shared by saved addresses and orders."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_postcode = RegexValidator(
    r"^[0-9]{4}$", message=_("A postcode has four digits, e.g. 1207."), code="invalid_postcode"
)
