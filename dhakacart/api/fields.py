from django.core.exceptions import ValidationError
from rest_framework import serializers

from dhakacart.phone import normalize_phone


class PhoneSerializerField(serializers.CharField):
    """A Bangladeshi mobile number in any accepted spelling, cleaned to `+8801XXXXXXXXX`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", "01712345678, +8801712345678 or in Bangla digits.")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        try:
            return normalize_phone(text)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None
