"""Conditional GETs for catalogue reads: the ETag is a digest of the body the client would get.

Catalogue reads come from the cache (shop.cache) with their stock levels read live, so building
the body is cheap; hashing it makes the ETag exact whatever changed (a price, a name, a stock
level), and an app that polls with If-None-Match gets a 304 without the body until something it
would see really changed.
"""

import hashlib
import json

from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.response import Response


def body_etag(data) -> str:
    encoded = json.dumps(data, default=str, separators=(",", ":")).encode()
    return f'W/"{hashlib.sha1(encoded, usedforsecurity=False).hexdigest()[:24]}"'


class CatalogueETagMixin:
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code != status.HTTP_200_OK:
            return response
        etag = body_etag(response.data)
        wanted = parse_etags(request.headers.get("If-None-Match", ""))
        if etag in wanted or "*" in wanted:
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        response["ETag"] = etag
        response["Cache-Control"] = "no-cache"
        patch_vary_headers(response, ["Accept-Language", "Authorization", "Cookie"])
        return response
