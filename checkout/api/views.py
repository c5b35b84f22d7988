"""API v1 doors to a signed-in shopper's cart (the same cart the pages show) and its promo code."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..cart import DatabaseCart
from ..pricing import price_cart
from ..selectors import get_cart_summary
from ..services import (
    add_to_cart,
    apply_voucher_to_cart,
    remove_from_cart,
    remove_voucher_from_cart,
    update_cart_quantity,
)
from .serializers import CartItemInput, CartOutput, CartQuantityInput


def cart_response(request, status_code=status.HTTP_200_OK) -> Response:
    cart = DatabaseCart(request.user)
    summary = get_cart_summary(cart)
    pricing = price_cart(summary, voucher_code=cart.voucher_code(), user=request.user)
    body = CartOutput({"summary": summary, "pricing": pricing}, context={"request": request}).data
    return Response(body, status=status_code)


class CartApi(APIView):
    """The signed-in shopper's cart: the same one the pages show on every device."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=CartOutput)
    def get(self, request):
        return cart_response(request)


class CartItemsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=CartItemInput, responses={201: CartOutput})
    def post(self, request):
        data = CartItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        add_to_cart(DatabaseCart(request.user), **data.validated_data)
        return cart_response(request, status.HTTP_201_CREATED)


class CartItemApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=CartQuantityInput, responses=CartOutput)
    def patch(self, request, product_id):
        data = CartQuantityInput(data=request.data)
        data.is_valid(raise_exception=True)
        update_cart_quantity(DatabaseCart(request.user), product_id=product_id, **data.validated_data)
        return cart_response(request)

    @extend_schema(request=None, responses={200: CartOutput})
    def delete(self, request, product_id):
        remove_from_cart(DatabaseCart(request.user), product_id=product_id)
        return cart_response(request)


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
