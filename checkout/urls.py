from django.urls import path

from . import views

app_name = "checkout"

urlpatterns = [
    path("cart/", views.CartView.as_view(), name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
    path("cart/voucher/", views.cart_voucher_apply, name="cart_voucher_apply"),
    path("cart/voucher/remove/", views.cart_voucher_remove, name="cart_voucher_remove"),
]
