from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("products/<slug:slug>/review/", views.review_save, name="save"),
    path("products/<slug:slug>/review/delete/", views.review_delete, name="delete"),
]
