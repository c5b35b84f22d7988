"""/api/v1/: the mobile apps' door. Every business rule behind it is the pages' own service."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

app_name = "api_v1"

urlpatterns = [
    path("", include("shop.api.urls")),
    path("", include("accounts.api.urls")),
    path("", include("sms.api.urls")),
    path("", include("orders.api.urls")),
    path("", include("payments.api.urls")),
    path("", include("checkout.api.urls")),
    path("", include("reviews.api.urls")),
    path("", include("wishlist.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the docs run under our CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_v1:schema"), name="docs"),
]
