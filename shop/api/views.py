"""API v1 doors to the catalogue."""

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import generics
from rest_framework.response import Response

from dhakacart.api.conditional import CatalogueETagMixin

from ..cache import cached_read
from ..filters import ProductApiFilter
from ..models import Product, stock_state
from ..parameters import LIST_API, keep_understood_parameters
from ..selectors import current_stock, get_product_by_id, list_categories, live_stock
from .serializers import CategoryOutput, ProductOutput


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
