from django.urls import path

from . import views

urlpatterns = [path("products/<id:pk>/reviews/", views.ProductReviewsApi.as_view(), name="product_reviews")]
