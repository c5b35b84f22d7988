from django.urls import path

from . import views

urlpatterns = [
    path("cart/", views.CartApi.as_view(), name="cart"),
    path("cart/items/", views.CartItemsApi.as_view(), name="cart_items"),
    path("cart/items/<id:product_id>/", views.CartItemApi.as_view(), name="cart_item"),
    path("cart/voucher/", views.CartVoucherApi.as_view(), name="cart_voucher"),
]
