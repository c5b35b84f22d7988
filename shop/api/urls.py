from django.urls import path

from . import views

urlpatterns = [
    path("categories/", views.CategoryListApi.as_view(), name="categories"),
    path("products/", views.ProductListApi.as_view(), name="products"),
    path("products/<id:pk>/", views.ProductDetailApi.as_view(), name="product"),
    path("cart/", views.CartApi.as_view(), name="cart"),
    path("cart/items/", views.CartItemsApi.as_view(), name="cart_items"),
    path("cart/items/<id:product_id>/", views.CartItemApi.as_view(), name="cart_item"),
]
