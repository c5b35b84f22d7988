"""API v1 doors to orders: place (guest or signed in, with Idempotency-Key), list mine, see one, cancel."""

import contextlib
import hashlib
import json

from django.db import transaction
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from checkout.cart import DatabaseCart
from checkout.tokens import CART_TOKEN_HEADER
from dhakacart.api.throttling import AnonymousThrottle, OrderThrottle, UserThrottle
from dhakacart.cart_tokens import cart_key_of_token
from dhakacart.exceptions import DomainError

from ..exceptions import InvalidIdempotencyKey
from ..models import Order
from ..payments import payment_redirect_url, start_payment
from ..selectors import get_order_for_viewer, list_orders_for_user
from ..services import OrderLine, cancel_order_for, order_guest_cart, place_order, scoped_idempotency_key
from .serializers import OrderInput, OrderOutput

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Up to 100 of A-Z a-z 0-9 _ . : -. The same key and body again returns the first order "
    "(200); the same key with another body gives 422.",
)
DELIVERY = {"address_line": "House 12, Road 5", "area": "Dhanmondi", "city": "Dhaka"}
CONTACT = {
    "customer_name": "Ayesha Rahman",
    "customer_email": "ayesha@example.com",
    "customer_phone": "01712345678",
}
ORDER_EXAMPLES = [
    OpenApiExample("A signed-in shopper orders the cart", value=DELIVERY, request_only=True),
    OpenApiExample(
        "A guest orders the cart of its Cart-Token", value={**CONTACT, **DELIVERY}, request_only=True
    ),
    OpenApiExample(
        "A guest lists the items",
        value={**CONTACT, **DELIVERY, "items": [{"product_id": 1, "quantity": 2}]},
        request_only=True,
    ),
]
CART_TOKEN_PARAMETER = OpenApiParameter(
    CART_TOKEN_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="A guest that sends no `items` orders the cart of this token (its promo code too); "
    "the cart is then closed (cart_ordered).",
)
TOKEN_PARAMETER = OpenApiParameter(
    "token", OpenApiTypes.STR, OpenApiParameter.QUERY, description="The guest's order token."
)


def idempotency_key(request, cart_token: str = "") -> str | None:
    """The caller's key, scoped to the caller: two accounts can never reach each other's orders by
    key, nor two guest carts (a guest ordering its cart is told apart by the cart's token)."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    cart_key = cart_key_of_token(cart_token)  # not the token itself: each cart answer issues a new one
    door = f"api-cart-{cart_key.hex}" if cart_key else "api"
    try:
        return scoped_idempotency_key(key, door=door, user=request.user)
    except InvalidIdempotencyKey as error:
        raise serializers.ValidationError({"Idempotency-Key": [error.message]}) from error


def body_hash(request) -> str:
    return hashlib.sha256(json.dumps(request.data, sort_keys=True, default=str).encode()).hexdigest()


class OrderListCreateApi(generics.ListAPIView):
    serializer_class = OrderOutput
    throttle_classes = [AnonymousThrottle, UserThrottle, OrderThrottle]

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "GET" else []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Order.objects.none()
        return list_orders_for_user(self.request.user)

    @extend_schema(summary="My orders, newest first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=OrderInput,
        responses={201: OrderOutput, 200: OrderOutput},
        parameters=[IDEMPOTENCY_HEADER, CART_TOKEN_PARAMETER],
        examples=ORDER_EXAMPLES,
        summary="Place an order (201), or get the one this Idempotency-Key already made (200)",
    )
    def post(self, request):
        guest_cart_token = "" if request.user.is_authenticated else request.headers.get(CART_TOKEN_HEADER, "")
        data = OrderInput(data=request.data, context={"request": request, "cart_token": guest_cart_token})
        data.is_valid(raise_exception=True)
        common = {
            "customer": data.customer(),
            "user": request.user,
            "channel": "api",
            "language": get_language() or "en",
            "idempotency_key": idempotency_key(request, guest_cart_token if data.lines() is None else ""),
            "request_hash": body_hash(request),
            "shown": data.shown_total(),
        }
        lines, voucher_code = data.lines(), data.validated_data.get("voucher_code")
        if lines is None and guest_cart_token:  # a guest app orders its cart
            order = order_guest_cart(cart_token=guest_cart_token, voucher_code=voucher_code, **common)
            return order_response(request, order)
        if lines is None:  # no items: order the signed-in shopper's cart, with its code unless one is sent
            cart = DatabaseCart(request.user)
            lines = [OrderLine(product_id=pid, quantity=qty) for pid, qty in cart.quantities().items()]
            voucher_code = cart.voucher_code() if voucher_code is None else voucher_code
            with transaction.atomic():  # a saved cart changes with the order or not at all
                order = place_order(lines=lines, voucher_code=voucher_code or None, cart=cart, **common)
            return order_response(request, order)
        # Listed items touch no cart: place_order's own transaction is all they need.
        order = place_order(lines=lines, voucher_code=voucher_code or None, **common)
        return order_response(request, order)


def order_response(request, order) -> Response:
    if order.awaits_payment and payment_redirect_url(order) is None:
        # If the gateway is down the order stands: `payment` is null and orders/<number>/pay/ tries again.
        with contextlib.suppress(DomainError):
            start_payment(order=order)
    return Response(
        OrderOutput(order).data,
        status=status.HTTP_200_OK if order.replayed else status.HTTP_201_CREATED,
        headers={"Location": f"{request.path}{order.number}/"},
    )


def viewed_order(request, number):
    order = get_order_for_viewer(
        number=number, user=request.user, token=request.query_params.get("token", "")
    )
    if order is None:  # someone else's order looks exactly like no order
        raise Http404(_("No such order."))
    return order


class OrderDetailApi(APIView):
    @extend_schema(parameters=[TOKEN_PARAMETER], responses=OrderOutput)
    def get(self, request, number):
        return Response(OrderOutput(viewed_order(request, number)).data)


class OrderCancelApi(APIView):
    @extend_schema(
        parameters=[TOKEN_PARAMETER],
        request=None,
        responses=OrderOutput,
        summary="Cancel: customers while it is pending, staff until it is shipped",
    )
    def post(self, request, number):
        token = request.query_params.get("token", "")
        order = cancel_order_for(order=viewed_order(request, number), user=request.user, token=token)
        order = get_order_for_viewer(number=order.number, user=request.user, token=order.token)
        return Response(OrderOutput(order).data)
