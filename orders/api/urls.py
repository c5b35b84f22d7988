from django.urls import path

from . import views

urlpatterns = [
    path("orders/", views.OrderListCreateApi.as_view(), name="orders"),
    path("orders/<order_number:number>/", views.OrderDetailApi.as_view(), name="order"),
    path("orders/<order_number:number>/cancel/", views.OrderCancelApi.as_view(), name="order_cancel"),
]
