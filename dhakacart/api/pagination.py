from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`{count, next, previous, results}`; `page_size` lets a client ask for up to 100 at once."""

    page_size = 24
    page_size_query_param = "page_size"
    max_page_size = 100
