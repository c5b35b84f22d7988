from rest_framework import serializers
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer

from dhakacart.api.fields import PhoneSerializerField

from ..models import User


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
