from rest_framework import serializers

from dhakacart.api.fields import PhoneSerializerField

from ..forms import clean_code


class CodeRequestInput(serializers.Serializer):
    phone = PhoneSerializerField()


class CodeRequestOutput(serializers.Serializer):
    expires_in = serializers.IntegerField(help_text="Seconds the code is valid.")


class CodeVerifyInput(serializers.Serializer):
    phone = PhoneSerializerField()
    code = serializers.CharField(max_length=20, help_text="The 6 digits of the SMS.")

    def validate_code(self, value):
        try:
            return clean_code(value)
        except Exception as error:  # the form's ValidationError, as DRF's
            raise serializers.ValidationError(error.messages) from None
