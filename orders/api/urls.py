from django.urls import path

from . import views

urlpatterns = [
    path("orders/", views.OrderListCreateApi.as_view(), name="orders"),
    path("orders/<str:number>/", views.OrderDetailApi.as_view(), name="order"),
    path("orders/<str:number>/cancel/", views.OrderCancelApi.as_view(), name="order_cancel"),
]
