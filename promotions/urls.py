from django.urls import path

from . import views

app_name = "promotions"

urlpatterns = [
    path("cart/voucher/", views.cart_voucher_apply, name="cart_voucher_apply"),
    path("cart/voucher/remove/", views.cart_voucher_remove, name="cart_voucher_remove"),
]
