from django.urls import path

from . import views

urlpatterns = [
    path("wishlist/", views.WishlistApi.as_view(), name="wishlist"),
    path("wishlist/<id:product_id>/", views.WishlistItemApi.as_view(), name="wishlist_item"),
]
