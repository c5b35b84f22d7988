"""API v1 door to the signed-in cart's promo code: the same services as the cart page's form."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from checkout.services import apply_voucher_to_cart, remove_voucher_from_cart
from shop.api.serializers import CartOutput
from shop.api.views import cart_response
from shop.cart import DatabaseCart


class VoucherInput(serializers.Serializer):
    code = serializers.CharField(max_length=32, help_text="Case-insensitive, e.g. EID10.")


class CartVoucherApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=VoucherInput,
        responses={200: CartOutput},
        summary="Apply a promo code to the cart (404 voucher_unknown, 409 with the reason it does not apply)",
    )
    def post(self, request):
        data = VoucherInput(data=request.data)
        data.is_valid(raise_exception=True)
        apply_voucher_to_cart(DatabaseCart(request.user), code=data.validated_data["code"], user=request.user)
        return cart_response(request)

    @extend_schema(request=None, responses={200: CartOutput}, summary="Remove the cart's promo code")
    def delete(self, request):
        remove_voucher_from_cart(DatabaseCart(request.user))
        return cart_response(request)
