from django.urls import path

from . import views

urlpatterns = [path("cart/voucher/", views.CartVoucherApi.as_view(), name="cart_voucher")]
