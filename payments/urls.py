from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("sslcommerz/success/", views.sslcommerz_return, {"outcome": "success"}, name="sslcommerz_success"),
    path("sslcommerz/fail/", views.sslcommerz_return, {"outcome": "fail"}, name="sslcommerz_fail"),
    path("sslcommerz/cancel/", views.sslcommerz_return, {"outcome": "cancel"}, name="sslcommerz_cancel"),
    path("sslcommerz/ipn/", views.sslcommerz_ipn, name="sslcommerz_ipn"),
    path("bkash/callback/", views.bkash_callback, name="bkash_callback"),
    path("pay/<public_token:token>/", views.pay_now, name="pay"),
]
