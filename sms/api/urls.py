from django.urls import path

from . import views

urlpatterns = [
    path("auth/otp/request/", views.CodeRequestApi.as_view(), name="otp_request"),
    path("auth/otp/verify/", views.CodeVerifyApi.as_view(), name="otp_verify"),
]
