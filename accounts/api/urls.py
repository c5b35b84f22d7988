from django.urls import path

from . import views

urlpatterns = [
    path("auth/register/", views.RegisterApi.as_view(), name="register"),
    path("auth/token/", views.TokenApi.as_view(), name="token"),
    path("auth/token/refresh/", views.TokenRefreshApi.as_view(), name="token_refresh"),
    path("auth/logout/", views.LogoutApi.as_view(), name="logout"),
    path("auth/me/", views.MeApi.as_view(), name="me"),
]
