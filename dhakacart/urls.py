from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from shop.sitemaps import SITEMAPS
from shop.views import robots_txt

from . import converters, health, views  # noqa: F401  (converters registers <id:…>)

urlpatterns = [
    path("health", health.health, name="health"),
    path("ready", health.ready, name="ready"),
    path("metrics", health.metrics, name="metrics"),
    path("api/v1/", include("dhakacart.api.urls")),
    # The first DhakaCart clients' paths, after v1 so /api/v1/… never reaches them.
    path("api/", include("legacy_api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The gateways post and redirect here from outside; never language-prefixed.
    path("payments/", include("payments.urls")),
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Local media is served by the app itself (one machine); production uses the bucket.
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
]

urlpatterns += i18n_patterns(
    path("", include("shop.urls")),
    path("", include("orders.urls")),
    path("", include("checkout.urls")),
    path("", include("reviews.urls")),
    path("", include("wishlist.urls")),
    path("accounts/phone/", include("sms.urls")),
    path("accounts/", include("accounts.urls")),
    path("pages/", include("pages.urls")),
    prefix_default_language=False,
)

handler404 = "dhakacart.views.page_not_found"
handler500 = "dhakacart.views.server_error"
