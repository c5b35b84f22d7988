from django.urls import path

from . import views

urlpatterns = [
    path("orders/<order_number:number>/pay/", views.OrderPayApi.as_view(), name="order_pay"),
]
