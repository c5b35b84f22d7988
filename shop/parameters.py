"""The query parameters each cached catalogue read understands (SPEC §17 list parameters).

Cached pages and API list bodies are keyed by their URL. Anything else in the query (`utm_*`,
`fbclid`, a crawler's junk) would make an entry of its own, fill Redis and force a full render
each time, so such a read first drops what it does not understand: to the view, its templates
(links keep only these parameters) and the cache key alike, the request is then the URL of the
parameters it understands, in one order (the filter form's, the page last) and without empty
values, which mean the same as none. The request log keeps the path only, so nothing is lost
there.
"""

from urllib.parse import urlencode

from django.http import QueryDict

LIST_FILTERS = ("q", "category", "min_price", "max_price", "in_stock")
LIST_PAGE = (*LIST_FILTERS, "sort", "page")
LIST_API = (*LIST_FILTERS, "ordering", "page", "page_size", "format")
PRODUCT_PAGE = ("reviews_page",)


def keep_understood_parameters(request, names: tuple[str, ...]) -> None:
    """Leave only `names` in the request's query string (and request.GET), in that order."""
    query = urlencode([(name, value) for name in names for value in request.GET.getlist(name) if value])
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)
