"""API v1 doors to the catalogue and to a signed-in shopper's cart (the same cart the pages show)."""

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from checkout.pricing import price_cart
from dhakacart.api.conditional import CatalogueETagMixin

from ..cache import cached_read
from ..cart import DatabaseCart
from ..filters import ProductApiFilter
from ..models import Product, stock_state
from ..parameters import LIST_API, keep_understood_parameters
from ..selectors import current_stock, get_cart_summary, get_product_by_id, list_categories, live_stock
from ..services import add_to_cart, remove_from_cart, update_cart_quantity
from .serializers import CartItemInput, CartOutput, CartQuantityInput, CategoryOutput, ProductOutput


class CategoryListApi(CatalogueETagMixin, generics.ListAPIView):
    """Active categories in display order (not paginated)."""

    serializer_class = CategoryOutput
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return list_categories()


class ProductListApi(CatalogueETagMixin, generics.ListAPIView):
    """Sellable products, filtered and sorted as on the list page, paginated.

    Each page's body is cached under the catalogue version (shop.cache) with its stock levels
    read live, as the pages do; parameters it does not understand are dropped first, so they
    share the body (and the next/previous links) of those it does (shop.parameters).
    """

    serializer_class = ProductOutput
    filterset_class = ProductApiFilter

    def dispatch(self, request, *args, **kwargs):
        keep_understood_parameters(request, LIST_API)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Product.objects.active().select_related("category")

    def list(self, request, *args, **kwargs):
        page = cached_read(
            "api_product_page",
            {"url": request.build_absolute_uri(), "language": get_language()},
            lambda: super(ProductListApi, self).list(request, *args, **kwargs).data,
        )
        rows = page["results"]
        levels = current_stock([row["id"] for row in rows])
        for row in rows:
            row["stock"] = levels.get(row["id"], 0)
            row["stock_state"] = stock_state(row["stock"])
        return Response(page)


class ProductDetailApi(CatalogueETagMixin, generics.RetrieveAPIView):
    serializer_class = ProductOutput

    def get_object(self):
        product = get_product_by_id(self.kwargs["pk"])
        if product is None:
            raise Http404(_("No such product."))
        return live_stock([product])[0]


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
