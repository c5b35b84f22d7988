"""API v1 doors to reviews: the product page's rule (a delivered order with the product) and services."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from shop.selectors import get_product_by_id

from ..models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Review
from ..selectors import list_published_reviews
from ..services import create_review


class ReviewInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True, default="")


class ReviewOutput(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    verified_purchase = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "rating", "title", "text", "author", "verified_purchase", "created_at", "updated_at"]

    def get_author(self, review) -> str:
        """The first name only, as the product page shows it."""
        return review.user.get_short_name() if review.user.full_name else _("A DhakaCart shopper")

    def get_verified_purchase(self, review) -> bool:
        return True  # only shoppers with a delivered order of the product can review it


class ProductReviewsApi(generics.ListAPIView):
    """Published reviews of a sellable product, newest first; signed-in buyers add theirs with POST."""

    serializer_class = ReviewOutput
    filter_backends: list = []

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "POST" else []

    def product(self):
        product = get_product_by_id(self.kwargs["pk"])
        if product is None:
            raise Http404(_("No such product."))
        return product

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no product
            return Review.objects.none()
        return list_published_reviews(product_id=self.product().pk)

    @extend_schema(
        request=ReviewInput,
        responses={201: ReviewOutput},
        summary="Review a product you received (403 review_not_allowed, 409 already_reviewed)",
    )
    def post(self, request, pk):
        data = ReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = create_review(user=request.user, product_id=self.product().pk, **data.validated_data)
        return Response(ReviewOutput(review).data, status=status.HTTP_201_CREATED)
