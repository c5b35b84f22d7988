"""API v1 doors to the signed-in shopper's wishlist: the same services as the wishlist page."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.api.serializers import MAX_ID, ProductOutput

from ..exceptions import NotInWishlist
from ..models import WishlistItem
from ..selectors import list_wishlist
from ..services import remove_from_wishlist, save_to_wishlist, set_back_in_stock_alert


class WishlistInput(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    notify_when_back = serializers.BooleanField(
        required=False, help_text="E-mail me when it is back; on by default for a sold-out product."
    )


class WishlistItemOutput(serializers.ModelSerializer):
    product = ProductOutput()
    price_dropped = serializers.BooleanField(help_text="The price is below the one when saved.")

    class Meta:
        model = WishlistItem
        fields = ["product", "price_when_saved", "price_dropped", "notify_when_back", "created_at"]


class WishlistApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=WishlistItemOutput(many=True), summary="My saved products, newest first")
    def get(self, request):
        items = list_wishlist(user=request.user)
        return Response(WishlistItemOutput(items, many=True, context={"request": request}).data)

    @extend_schema(
        request=WishlistInput,
        responses={201: WishlistItemOutput, 200: WishlistItemOutput},
        summary="Save a product (201; 200 when it was already saved)",
    )
    def post(self, request):
        data = WishlistInput(data=request.data)
        data.is_valid(raise_exception=True)
        product_id, language = data.validated_data["product_id"], get_language() or "en"
        item, created = save_to_wishlist(user=request.user, product_id=product_id, language=language)
        if "notify_when_back" in data.validated_data:
            item = set_back_in_stock_alert(
                user=request.user,
                product_id=product_id,
                notify=data.validated_data["notify_when_back"],
                language=language,
            )
        body = WishlistItemOutput(item, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class WishlistItemApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None}, summary="Take a product off the wishlist")
    def delete(self, request, product_id):
        if not remove_from_wishlist(user=request.user, product_id=product_id):
            raise NotInWishlist(_("That product is not in your wishlist."))
        return Response(status=status.HTTP_204_NO_CONTENT)
