"""Conditional GETs for catalogue reads: the ETag is the catalogue version plus the exact request.

Any change a shopper could see (price, stock, names, activity) bumps the catalogue version
(shop.cache), so an app that polls with If-None-Match gets a 304, with no database work, until
something really changed.
"""

import hashlib

from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.response import Response

from shop.cache import catalogue_version


class CatalogueETagMixin:
    def catalogue_etag(self, request) -> str:
        digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()[:16]
        return f'W/"{catalogue_version()}-{digest}"'

    def get(self, request, *args, **kwargs):
        etag = self.catalogue_etag(request)
        wanted = parse_etags(request.headers.get("If-None-Match", ""))
        if etag in wanted or "*" in wanted:
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            response = super().get(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Cache-Control"] = "no-cache"
            patch_vary_headers(response, ["Accept-Language", "Authorization", "Cookie"])
        return response
