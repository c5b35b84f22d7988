"""API v1 accounts for mobile apps: register, JWT sign-in, refresh and sign-out, the profile."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from dhakacart.api.throttling import LoginThrottle
from dhakacart.money import fill_numbers

from ..services import end_app_sign_ins, register_user, update_profile
from ..signals import send_app_signed_in
from ..tokens import AccountRefreshToken
from .serializers import (
    LogoutInput,
    MeInput,
    MeOutput,
    RegisterInput,
    RegisterOutput,
    TokenInput,
    TokenPairOutput,
    TokenRefreshInput,
)
from .throttling import SignupThrottle


class SignInLocked(exceptions.Throttled):
    default_code = "login_locked"


def tokens_for(user) -> dict:
    refresh = AccountRefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


class RegisterApi(APIView):
    """Sign up; every attempt counts against the client's sign-up limit, shared with the sign-up page."""

    throttle_classes = [SignupThrottle]

    @extend_schema(request=RegisterInput, responses={201: RegisterOutput})
    def post(self, request):
        data = RegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = register_user(**data.validated_data)  # EmailAlreadyRegistered: 409 email_taken
        send_app_signed_in(request=request, user=user)  # a guest's Cart-Token cart comes along
        body = {"user": MeOutput(user).data, **tokens_for(user)}
        return Response(body, status=status.HTTP_201_CREATED)

    def throttled(self, request, wait):
        raise exceptions.Throttled(
            wait=wait,
            detail=fill_numbers(
                _("Too many attempts from your network. Please wait %(minutes)s minutes and try again."),
                minutes=int(wait) // 60,
            ),
        )


class TokenApi(TokenObtainPairView):
    """Sign in with e-mail and password, through the same lockout as the page (accounts.throttling).

    With a Cart-Token header, that guest cart merges into the account's (checkout.signals).
    """

    serializer_class = TokenInput
    throttle_classes = [LoginThrottle]

    @extend_schema(responses={200: TokenPairOutput})
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as error:
            raise InvalidToken(error.args[0]) from error
        except exceptions.AuthenticationFailed:
            if getattr(request, "axes_locked_out", False) or getattr(
                request._request, "axes_locked_out", False
            ):
                minutes = int(settings.AXES_COOLOFF_TIME.total_seconds()) // 60
                raise SignInLocked(
                    wait=settings.AXES_COOLOFF_TIME.total_seconds(),
                    detail=fill_numbers(
                        _("Too many failed sign-ins. Try again in %(minutes)s minutes."), minutes=minutes
                    ),
                ) from None
            raise
        send_app_signed_in(request=request, user=serializer.user)
        return Response(serializer.validated_data, status=status.HTTP_200_OK)


class TokenRefreshApi(TokenRefreshView):
    """A new access token (and a new refresh token: the old one is blacklisted).

    401 once the password changed or the account signed out since the token was issued.
    """

    serializer_class = TokenRefreshInput
    throttle_classes = [LoginThrottle]

    @extend_schema(responses={200: TokenPairOutput})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class LogoutApi(APIView):
    """Sign out of every app: each refresh token of the account issued so far stops working.

    The refresh token itself is the credential, so an app whose access token has run out signs out
    by sending only the refresh token; a client signed in as someone else is refused.
    """

    throttle_classes = [LoginThrottle]

    @extend_schema(request=LogoutInput, responses={204: None})
    def post(self, request):
        data = LogoutInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        end_app_sign_ins(user=data.validated_data["user"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeOutput)
    def get(self, request):
        return Response(MeOutput(request.user).data)

    @extend_schema(request=MeInput, responses=MeOutput)
    def patch(self, request):
        data = MeInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = update_profile(
            user=request.user,
            full_name=data.validated_data.get("full_name", request.user.full_name),
            phone=data.validated_data.get("phone"),
        )
        return Response(MeOutput(user).data)
