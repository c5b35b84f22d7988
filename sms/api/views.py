"""API v1 phone sign-in: ask for a code (202, the same answer for every number), then trade it for
the JWT pair of auth/token/. With a signed-in client, verifying adds the number to its account."""

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import TokenPairOutput
from accounts.api.views import tokens_for
from accounts.signals import send_app_signed_in
from dhakacart.clients import client_ip_address
from dhakacart.contact import sms_enabled

from ..services.signin import CODE_LIFETIME, request_code, verify_code
from .serializers import CodeRequestInput, CodeRequestOutput, CodeVerifyInput


class SmsRequiredApi(APIView):
    """Without SMS there is no code to send: 404, as for an operation that does not exist."""

    def initial(self, request, *args, **kwargs):
        if not sms_enabled():
            raise NotFound
        super().initial(request, *args, **kwargs)


class CodeRequestApi(SmsRequiredApi):
    """Send a sign-in code by SMS. 429 `code_limit` (with Retry-After) past a limit."""

    @extend_schema(request=CodeRequestInput, responses={202: CodeRequestOutput})
    def post(self, request):
        data = CodeRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        request_code(
            phone=data.validated_data["phone"],
            client_address=client_ip_address(request),
            language=get_language(),
        )
        return Response({"expires_in": int(CODE_LIFETIME.total_seconds())}, status=status.HTTP_202_ACCEPTED)


class CodeVerifyApi(SmsRequiredApi):
    """Trade a code for an access and refresh token (a new number makes an account). 400 `invalid_code`."""

    @extend_schema(request=CodeVerifyInput, responses={200: TokenPairOutput})
    def post(self, request):
        data = CodeVerifyInput(data=request.data)
        data.is_valid(raise_exception=True)
        signed_in = request.user if request.user.is_authenticated else None
        account = verify_code(**data.validated_data, user=signed_in)
        send_app_signed_in(request=request, user=account)
        return Response(tokens_for(account))
