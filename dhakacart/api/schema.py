"""The OpenAPI document's shared parts: the one error shape, on every operation that can answer it,
and the Accept-Language header every operation follows."""

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string", "example": "out_of_stock"},
                "message": {"type": "string", "example": "Only 2 of Miniket Rice 5kg left."},
                "fields": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "Per-field messages for invalid input; details for conflicts "
                    "(the short lines of out_of_stock, the current prices of price_changed).",
                },
            },
        }
    },
}
EVERY_REQUEST = {
    "400": "Invalid input or query parameters (`fields` names each problem).",
    "401": "Not signed in, or the token is not valid (a Cart-Token: cart_token_invalid, cart_token_expired).",
    "403": "Not allowed (for a browser session: the CSRF token is missing).",
    "404": "No such thing, or not yours (a Cart-Token whose cart is gone: cart_ordered, cart_merged).",
    "405": "Method not allowed.",
    "406": "The Accept header asks for something other than JSON.",
    "429": "Too many requests: wait for the seconds in Retry-After.",
    "503": "service_unavailable: the shop cannot reach its database; try again after Retry-After. "
    "payment_gateway_unavailable: the payment service did not answer; try again in a moment.",
}
CHANGES = {
    "409": "Conflict with the shop's state: out_of_stock, price_changed, product_unavailable, "
    "invalid_transition, email_taken, payment_not_possible (the order is not awaiting payment).",
    "415": "The body is not JSON.",
}
ORDER_PLACEMENT = {"422": "This Idempotency-Key was already used with a different body."}
CONDITIONAL = {"304": "Not modified since the ETag sent in If-None-Match."}
ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "example": "bn"},
    "description": "`bn` for Bangla messages (counts and amounts in a message in Bangla digits), anything "
    "else for English. Error codes, field names, JSON numbers and amounts never change with it.",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: document the error answers every operation can give."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            extra = dict(EVERY_REQUEST)
            if method in ("post", "put", "patch", "delete"):
                extra.update(CHANGES)
            if method == "post" and path.endswith("/orders/"):
                extra.update(ORDER_PLACEMENT)
            parameters = operation.setdefault("parameters", [])
            if not any(parameter.get("name") == "Accept-Language" for parameter in parameters):
                parameters.append(ACCEPT_LANGUAGE)
            responses = operation.setdefault("responses", {})
            for status, description in extra.items():
                responses.setdefault(status, {"description": description, "content": reference})
            if method == "get" and ("/products/" in path or "/categories/" in path):
                responses.setdefault("304", {"description": CONDITIONAL["304"]})
    return result
