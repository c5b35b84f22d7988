from django.urls import path

from . import account_views, views

app_name = "orders"

urlpatterns = [
    path("checkout/", views.CheckoutView.as_view(), name="checkout"),
    path("orders/<public_token:token>/", views.OrderConfirmationView.as_view(), name="confirmation"),
    path("accounts/orders/", account_views.OrderHistoryView.as_view(), name="history"),
    path("accounts/orders/<order_number:number>/", account_views.OrderDetailView.as_view(), name="detail"),
    path(
        "accounts/orders/<order_number:number>/cancel/",
        account_views.OrderCancelView.as_view(),
        name="cancel",
    ),
]
