from django.urls import path

from . import views

urlpatterns = [
    path("categories/", views.CategoryListApi.as_view(), name="categories"),
    path("products/", views.ProductListApi.as_view(), name="products"),
    path("products/<id:pk>/", views.ProductDetailApi.as_view(), name="product"),
]
