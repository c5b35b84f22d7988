from django.urls import register_converter


class IdConverter:
    """A database id in a URL: at most 18 digits, so it always fits a bigint (longer is a plain 404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")


class OrderNumberConverter:
    """An order number as shoppers type it (`DC-7K3Q9P`); anything else is a plain 404."""

    regex = "[A-Za-z0-9-]{1,20}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value) -> str:
        return str(value)


register_converter(OrderNumberConverter, "order_number")


class PublicTokenConverter:
    """An order's public token (URL-safe base64); anything else, a NUL byte included, is a plain 404."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(PublicTokenConverter, "public_token")
