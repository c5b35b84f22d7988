"""The legacy `/api/` doors: parse, call the catalogue cache or place_order, answer in the old shapes.

CSRF: these are cross-origin JSON calls (APIView is csrf_exempt, and the session is read without
DRF's CSRF check). A browser can only send an `application/json` body cross-origin after a CORS
preflight, which only CORS_ALLOWED_ORIGINS pass; a plain HTML form cannot send JSON, and the
parser refuses anything else with 415.
"""

from django.http import HttpResponse
from django.utils import translation
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.authentication import JWTAuthentication

from dhakacart.api.throttling import AnonymousThrottle, OrderThrottle, UserThrottle
from orders.models import Order
from orders.selectors import get_order_for_viewer
from orders.services import scoped_idempotency_key
from shop.selectors import list_categories

from . import errors
from .catalogue import encoded_legacy_products, get_legacy_product, list_legacy_products_in_category
from .serializers import LegacyOrderInput, LegacyOrderItemOutput, LegacyOrderOutput
from .services import place_legacy_order

MAX_ID_DIGITS = 18  # ids that fit a bigint; anything longer is simply unknown


class SessionWithoutCsrf(SessionAuthentication):
    """The browser session identifies an order's owner; see the module docstring on CSRF."""

    def enforce_csrf(self, request):
        return None


class JsonWhateverAccepted(DefaultContentNegotiation):
    """The old service answered JSON to every Accept header; so does this one (never a 406)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class LegacyApi(APIView):
    schema = None  # not part of API v1's OpenAPI document (SPEC §8 is its contract)
    authentication_classes: list = []
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonWhateverAccepted

    def get_exception_handler(self):
        return errors.exception_handler

    def dispatch(self, request, *args, **kwargs):
        # The old client's interface is Bangla: every sentence it may show is Bangla.
        with translation.override("bn"):
            return super().dispatch(request, *args, **kwargs)


def with_absolute_image(request, row: dict) -> dict:
    return {**row, "image_url": request.build_absolute_uri(row["image_url"])}


class ProductListApi(LegacyApi):
    def get(self, request):
        """Every product in one body: bytes encoded once per host and stored (see .catalogue)."""
        body, source = encoded_legacy_products(request.build_absolute_uri)
        return HttpResponse(
            b'{"source":"%s","data":%s}' % (source.encode(), body), content_type="application/json"
        )


class ProductDetailApi(LegacyApi):
    def get(self, request, product_id: str):
        row, source = (None, None)
        if product_id.isascii() and product_id.isdigit() and len(product_id) <= MAX_ID_DIGITS:
            row, source = get_legacy_product(int(product_id))
        if row is None:
            raise errors.ProductNotFound()
        return Response({"source": source, "data": with_absolute_image(request, row)})


class CategoryProductsApi(LegacyApi):
    def get(self, request, name: str):
        rows, _source = list_legacy_products_in_category(name)
        return Response({"data": [with_absolute_image(request, row) for row in rows]})


class CategoryListApi(LegacyApi):
    def get(self, request):
        return Response({"data": [category.name for category in list_categories()]})


class OrderCreateApi(LegacyApi):
    authentication_classes = [JWTAuthentication, SessionWithoutCsrf]
    throttle_classes = [AnonymousThrottle, UserThrottle, OrderThrottle]

    def post(self, request):
        data = LegacyOrderInput(data=request.data)
        data.validate_or_raise()
        key = request.headers.get("Idempotency-Key")
        if key is not None:
            key = scoped_idempotency_key(key, door="legacy", user=request.user)
        order = place_legacy_order(
            lines=data.lines(),
            total_amount=data.total_sent,
            customer=data.customer(),
            user=request.user,
            idempotency_key=key,
            request_hash=data.request_hash(request.user),
        )
        # A repeat gets the first order's reply again, 201 included: the old client knows no other.
        return Response(
            {"message": "Order placed successfully", "order": LegacyOrderOutput(order).data},
            status=status.HTTP_201_CREATED,
        )


class OrderDetailApi(LegacyApi):
    """Staff, the owner (session or JWT) or `?token=`; anyone else the 404 of an unknown id."""

    authentication_classes = [JWTAuthentication, SessionWithoutCsrf]

    def get(self, request, order_id: str):
        order = None
        if order_id.isascii() and order_id.isdigit() and len(order_id) <= MAX_ID_DIGITS:
            number = Order.objects.filter(pk=int(order_id)).values_list("number", flat=True).first()
            if number is not None:
                order = get_order_for_viewer(
                    number=number, user=request.user, token=request.query_params.get("token", "")
                )
        if order is None:
            raise errors.OrderNotFound()
        return Response(
            {
                "order": LegacyOrderOutput(order).data,
                "items": LegacyOrderItemOutput(order.lines.all(), many=True).data,
            }
        )
