from django.urls import path

from . import views

app_name = "wishlist"

urlpatterns = [
    path("accounts/wishlist/", views.WishlistView.as_view(), name="list"),
    path("wishlist/add/", views.wishlist_add, name="add"),
    path("wishlist/remove/", views.wishlist_remove, name="remove"),
    path("wishlist/move-to-cart/", views.wishlist_move_to_cart, name="move_to_cart"),
    path("wishlist/alert/", views.wishlist_alert, name="alert"),
]
