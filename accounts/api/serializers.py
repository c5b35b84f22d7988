from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer

from dhakacart.api.fields import PhoneSerializerField

from ..models import User
from ..tokens import AccountRefreshToken, get_user_for_refresh_token


class RegisterInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    full_name = serializers.CharField(max_length=150)
    phone = PhoneSerializerField()
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)


class MeOutput(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "phone"]


class MeInput(serializers.Serializer):
    full_name = serializers.CharField(max_length=150, required=False)
    phone = PhoneSerializerField(required=False)


class RegisterOutput(serializers.Serializer):
    user = MeOutput()
    access = serializers.CharField()
    refresh = serializers.CharField()


class TokenInput(TokenObtainPairSerializer):
    """`email` and `password` → `access` and `refresh`; the sign-in goes through the lockout (axes)."""

    token_class = AccountRefreshToken


class TokenPairOutput(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class TokenRefreshInput(TokenRefreshSerializer):
    """`refresh` → a new `access` and `refresh`, while the sign-in has not ended (accounts.tokens)."""

    def validate(self, attrs):
        get_user_for_refresh_token(attrs["refresh"])  # TokenError: 401 token_not_valid
        return super().validate(attrs)


class LogoutInput(serializers.Serializer):
    """The refresh token of the sign-in to end; it ends every sign-in of its account."""

    refresh = serializers.CharField()

    def validate(self, attrs) -> dict:
        """{"user": the account to sign out}."""
        try:
            user = get_user_for_refresh_token(attrs["refresh"])
        except TokenError:
            raise serializers.ValidationError(
                {"refresh": _("This is not the refresh token of a current sign-in.")}
            ) from None
        signed_in = self.context["request"].user
        if signed_in.is_authenticated and signed_in.pk != user.pk:
            raise serializers.ValidationError(
                {"refresh": _("This refresh token belongs to another account.")}
            )
        return {"user": user}
