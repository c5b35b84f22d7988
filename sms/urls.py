from django.urls import path

from . import views

app_name = "sms"

urlpatterns = [
    path("", views.PhoneView.as_view(), name="phone"),
    path("code/", views.CodeView.as_view(), name="code"),
]
