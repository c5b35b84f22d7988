"""API v1: start a new payment attempt for an order awaiting payment."""

from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from dhakacart.api.throttling import AnonymousThrottle, OrderThrottle, UserThrottle
from orders.api.serializers import OrderOutput
from orders.api.views import TOKEN_PARAMETER, viewed_order
from orders.selectors import get_order_for_viewer

from ..services import start_payment


class OrderPayApi(APIView):
    throttle_classes = [AnonymousThrottle, UserThrottle, OrderThrottle]

    @extend_schema(
        parameters=[TOKEN_PARAMETER],
        request=None,
        responses={201: OrderOutput},
        summary="Start a new payment attempt: the order's `payment.redirect_url` is where to pay",
    )
    def post(self, request, number):
        token = request.query_params.get("token", "")
        order = viewed_order(request, number)
        owner = request.user.is_authenticated and order.user_id == request.user.pk
        if not (owner or (token and constant_time_compare(token, order.token))):
            # Staff may see the order, but only its shopper pays for it.
            raise PermissionDenied(_("Only the shopper who placed this order may pay for it."))
        start_payment(order=order)  # errors: the shared handler (409, 503)
        order = get_order_for_viewer(number=order.number, user=request.user, token=order.token)
        return Response(OrderOutput(order).data, status=status.HTTP_201_CREATED)
