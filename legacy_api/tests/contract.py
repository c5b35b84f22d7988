"""The first DhakaCart React client, written down once: the requests its `fetch` calls send and the
shapes of the answers it parses (keys and JSON types), per path (SPEC §8 and §17).

Its calls, from its source:
    fetch(`${API}/products`)                          fetch(`${API}/products/${id}`)
    fetch(`${API}/products/category/${category}`)     fetch(`${API}/categories`)
    fetch(`${API}/orders`, {method: "POST", headers: {"Content-Type": "application/json"},
                            body: JSON.stringify(order)})
    fetch(`${API}/orders/${id}?token=${token}`)
from http://localhost:3000, in a browser that sends its own Accept and Accept-Language.
"""

from datetime import datetime

ORIGIN = "http://localhost:3000"
BROWSER = {
    "HTTP_ORIGIN": ORIGIN,
    "HTTP_ACCEPT": "*/*",
    "HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9",  # the browser's, not the client's Bangla UI
}
POST_JSON = {**BROWSER, "content_type": "application/json"}


class Number:
    """A JSON number: int or float in Python, never a bool or a string."""

    @staticmethod
    def check(value) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)


class Timestamp:
    """An ISO 8601 string."""

    @staticmethod
    def check(value) -> bool:
        if not isinstance(value, str):
            return False
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
        return True


class Open(dict):
    """An object that must have these keys and may have more (SPEC §17: extra keys inside objects)."""


PRODUCT = {
    "id": int,
    "name": str,
    "description": str,
    "price": Number,
    "category": str,
    "stock": int,
    "image_url": str,
    "created_at": Timestamp,
    "updated_at": Timestamp,
}
ORDER = Open(
    {
        "id": int,
        "customer_name": str,
        "customer_email": str,
        "customer_phone": str,
        "delivery_address": str,
        "total_amount": Number,
        "status": str,
        "created_at": Timestamp,
        "number": str,
        "token": str,
    }
)
ORDER_ITEM = Open({"product_id": int, "quantity": int, "price": Number})
ERROR = {"error": str, "details": [str]}
CONFLICT = Open({"error": str, "details": [str]})

# The order the client builds from its cart: {product_id, quantity, price} per line, the items'
# total, no delivery fee. `{product_id}` and `{price}` are filled in by the test.
ORDER_BODY = {
    "customer_name": "Ayesha Rahman",
    "customer_email": "ayesha@example.com",
    "customer_phone": "01712345678",
    "delivery_address": "House 12, Road 5, Dhanmondi, Dhaka-1205",
    "items": [{"product_id": "{product_id}", "quantity": 2, "price": "{price}"}],
    "total_amount": "{total}",
}

# (what, method, path, body, status, shape) for every path and the failures the client shows.
CONTRACT = [
    ("products", "get", "/api/products", None, 200, {"source": str, "data": [PRODUCT]}),
    ("product", "get", "/api/products/{product_id}", None, 200, {"source": str, "data": PRODUCT}),
    ("category", "get", "/api/products/category/{category}", None, 200, {"data": [PRODUCT]}),
    ("categories", "get", "/api/categories", None, 200, {"data": [str]}),
    ("place order", "post", "/api/orders", ORDER_BODY, 201, {"message": str, "order": ORDER}),
    (
        "see order",
        "get",
        "/api/orders/{order_id}?token={token}",
        None,
        200,
        {"order": ORDER, "items": [ORDER_ITEM]},
    ),
    ("unknown product", "get", "/api/products/999999", None, 404, ERROR),
    ("unknown order", "get", "/api/orders/999999", None, 404, ERROR),
    ("unknown path", "get", "/api/nothing-here", None, 404, ERROR),
    ("wrong method", "delete", "/api/products", None, 405, ERROR),
    ("bad body", "post", "/api/orders", {"customer_name": ""}, 400, ERROR),
    ("changed price", "post", "/api/orders", {**ORDER_BODY, "total_amount": 1}, 409, CONFLICT),
]


def fill(template, values: dict):
    """The template with "{name}" placeholders replaced: a whole-value placeholder keeps the value's type."""
    if isinstance(template, dict):
        return {key: fill(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [fill(item, values) for item in template]
    if isinstance(template, str):
        if template.startswith("{") and template.endswith("}") and template[1:-1] in values:
            return values[template[1:-1]]
        return template.format(**values)
    return template


def shape_errors(value, shape, where: str = "$") -> list[str]:
    """Every way `value` differs from `shape`, as readable lines (empty when it fits)."""
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {value!r}"]
        missing = set(shape) - set(value)
        extra = set() if isinstance(shape, Open) else set(value) - set(shape)
        problems = [f"{where}: missing {sorted(missing)}"] if missing else []
        problems += [f"{where}: unexpected {sorted(extra)}"] if extra else []
        for key in set(shape) & set(value):
            problems += shape_errors(value[key], shape[key], f"{where}.{key}")
        return problems
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{where}: expected an array, got {value!r}"]
        return [problem for item in value for problem in shape_errors(item, shape[0], f"{where}[]")]
    if shape in (Number, Timestamp):
        return [] if shape.check(value) else [f"{where}: expected {shape.__name__}, got {value!r}"]
    if shape is int and isinstance(value, bool):
        return [f"{where}: expected int, got {value!r}"]
    return [] if isinstance(value, shape) else [f"{where}: expected {shape.__name__}, got {value!r}"]
