"""API v1 doors to the cart and its promo code: a signed-in shopper's (the same cart the pages
show), or, without credentials, an app guest's, reached with the Cart-Token header.

Every guest answer carries a fresh Cart-Token (valid 30 days from then), so a cart used at least
once a month never expires. A signed-in client's cart is its account's; a Cart-Token it sends
is left alone here (signing in is what merges it: checkout.signals).
"""

from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ..cart import DatabaseCart, GuestDatabaseCart
from ..guest_carts import open_guest_cart
from ..pricing import price_cart
from ..selectors import get_cart_summary
from ..services import (
    add_to_cart,
    apply_voucher_to_cart,
    remove_from_cart,
    remove_voucher_from_cart,
    update_cart_quantity,
)
from ..tokens import CART_TOKEN_HEADER, issue_cart_token
from .serializers import CartItemInput, CartOutput, CartQuantityInput

CART_TOKEN_PARAMETER = OpenApiParameter(
    CART_TOKEN_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Without credentials: the guest cart's token from the last cart answer. Leave it out to "
    "start a new cart. 401 cart_token_invalid or cart_token_expired, 404 cart_ordered or cart_merged: "
    "drop it and start a new cart.",
)
CART_TOKEN_RESPONSE_HEADER = OpenApiParameter(
    CART_TOKEN_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=True,
    description="Guests only: the cart's token, valid 30 days. Keep it and send it with the next request.",
)


def shopper_cart(request) -> DatabaseCart | GuestDatabaseCart:
    """The cart a request reaches: its account's, or the guest cart of its Cart-Token (a new one
    without). Raises CartTokenInvalid, CartTokenExpired, CartOrdered or CartMerged."""
    if request.user.is_authenticated:
        return DatabaseCart(request.user)
    return open_guest_cart(request.headers.get(CART_TOKEN_HEADER))


def cart_response(request, cart, status_code=status.HTTP_200_OK) -> Response:
    user = request.user if request.user.is_authenticated else None
    summary = get_cart_summary(cart)
    pricing = price_cart(summary, voucher_code=cart.voucher_code(), user=user)
    body = CartOutput({"summary": summary, "pricing": pricing}, context={"request": request}).data
    response = Response(body, status=status_code)
    patch_vary_headers(response, [CART_TOKEN_HEADER])
    if isinstance(cart, GuestDatabaseCart):
        response[CART_TOKEN_HEADER] = issue_cart_token(cart.key)
    return response


def cart_schema(**kwargs):
    return extend_schema(parameters=[CART_TOKEN_PARAMETER, CART_TOKEN_RESPONSE_HEADER], **kwargs)


class CartApi(APIView):
    """The cart: a signed-in shopper's on every device, or a guest's by its Cart-Token."""

    @cart_schema(responses={200: CartOutput})
    def get(self, request):
        return cart_response(request, shopper_cart(request))


class CartItemsApi(APIView):
    @cart_schema(
        request=CartItemInput,
        responses={201: CartOutput},
        examples=[
            OpenApiExample("Two of a product", value={"product_id": 1, "quantity": 2}, request_only=True)
        ],
    )
    def post(self, request):
        data = CartItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        cart = shopper_cart(request)
        add_to_cart(cart, **data.validated_data)
        return cart_response(request, cart, status.HTTP_201_CREATED)


class CartItemApi(APIView):
    @cart_schema(request=CartQuantityInput, responses={200: CartOutput})
    def patch(self, request, product_id):
        data = CartQuantityInput(data=request.data)
        data.is_valid(raise_exception=True)
        cart = shopper_cart(request)
        update_cart_quantity(cart, product_id=product_id, **data.validated_data)
        return cart_response(request, cart)

    @cart_schema(request=None, responses={200: CartOutput})
    def delete(self, request, product_id):
        cart = shopper_cart(request)
        remove_from_cart(cart, product_id=product_id)
        return cart_response(request, cart)


class VoucherInput(serializers.Serializer):
    code = serializers.CharField(max_length=32, help_text="Case-insensitive, e.g. EID10.")


class CartVoucherApi(APIView):
    @cart_schema(
        request=VoucherInput,
        responses={200: CartOutput},
        summary="Apply a promo code to the cart (404 voucher_unknown, 409 with the reason it does not apply)",
    )
    def post(self, request):
        data = VoucherInput(data=request.data)
        data.is_valid(raise_exception=True)
        cart = shopper_cart(request)
        user = request.user if request.user.is_authenticated else None
        apply_voucher_to_cart(cart, code=data.validated_data["code"], user=user)
        return cart_response(request, cart)

    @cart_schema(request=None, responses={200: CartOutput}, summary="Remove the cart's promo code")
    def delete(self, request):
        cart = shopper_cart(request)
        remove_voucher_from_cart(cart)
        return cart_response(request, cart)
