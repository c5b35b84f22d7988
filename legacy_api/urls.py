"""SPEC §8's paths, without a trailing slash (the old clients never send one)."""

from django.urls import path

from . import views

app_name = "legacy_api"

urlpatterns = [
    path("products", views.ProductListApi.as_view(), name="products"),
    path("products/category/<path:name>", views.CategoryProductsApi.as_view(), name="category_products"),
    path("products/<str:product_id>", views.ProductDetailApi.as_view(), name="product"),
    path("categories", views.CategoryListApi.as_view(), name="categories"),
    path("orders", views.OrderCreateApi.as_view(), name="orders"),
    path("orders/<str:order_id>", views.OrderDetailApi.as_view(), name="order"),
]
