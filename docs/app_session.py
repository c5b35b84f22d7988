"""A whole app session against a running DhakaCart, with nothing but HTTP calls (Python's stdlib).

    python docs/app_session.py http://127.0.0.1:8000 --language bn

It does what a mobile app does on API v1, and checks each answer as the app would rely on it:

1. browse: the categories and the cheapest product in stock;
2. guest cart: add two lines without credentials, keeping the Cart-Token each answer carries;
3. sign up with that Cart-Token: the guest cart becomes the new account's cart, once;
4. order the cart with an Idempotency-Key (a retry returns the same order), then read it back;
5. a second guest orders its cart as a guest order, and reads it with the order's token;
6. a refused request, to see the error shape and its message in the chosen language.

It needs a catalogue with at least two products in stock (`make run` loads the demo one) and makes
a new account each run. It exits 0 when every step answered as expected, 1 with the step that did not.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request
import uuid

BENGALI = range(0x0980, 0x0A00)


class Api:
    """API v1 as an app sees it: JSON in and out, and the headers it keeps between calls."""

    def __init__(self, base_url: str, language: str):
        self.base = base_url.rstrip("/") + "/api/v1/"
        self.language = language
        self.access = ""
        self.cart_token = ""

    def call(self, method: str, path: str, body=None, headers=None) -> tuple[int, dict, dict]:
        sent = {"Accept": "application/json", "Accept-Language": self.language, **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/json"
        if self.access:
            sent["Authorization"] = f"Bearer {self.access}"
        elif self.cart_token:
            sent["Cart-Token"] = self.cart_token
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the shop's own URL
                status, answer_headers, raw = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, raw = error.code, dict(error.headers), error.read()
        if answer_headers.get("Cart-Token"):
            self.cart_token = answer_headers["Cart-Token"]  # a fresh one each time: keep the latest
        return status, answer_headers, json.loads(raw) if raw else {}


def expect(step: str, condition: bool, detail="") -> None:
    if not condition:
        raise SystemExit(f"FAILED at {step}: {detail}")
    sys.stdout.write(f"ok  {step}\n")


def play(base_url: str, language: str) -> dict:
    """Play the session; returns what it made (the account's e-mail and both order numbers)."""
    app = Api(base_url, language)

    status, _, categories = app.call("GET", "categories/")
    expect("browse: categories", status == 200 and len(categories) > 0, categories)
    status, _, page = app.call("GET", "products/?in_stock=1&ordering=price&page_size=2")
    expect("browse: two products in stock", status == 200 and len(page["results"]) == 2, page)
    first, second = page["results"]

    status, _, cart = app.call("POST", "cart/items/", {"product_id": first["id"], "quantity": 1})
    expect("guest cart: first line, and a Cart-Token", status == 201 and app.cart_token != "", cart)
    status, _, cart = app.call("POST", "cart/items/", {"product_id": second["id"], "quantity": 1})
    expect("guest cart: second line on the same cart", status == 201 and cart["unit_count"] == 2, cart)

    email = f"app-{uuid.uuid4().hex[:12]}@example.com"
    account = {
        "email": email,
        "full_name": "Nadia Islam",
        "phone": "01812345678",
        "password": "a-Strong-passw0rd",
    }
    status, _, signed_up = app.call("POST", "auth/register/", account)
    expect("sign up with the Cart-Token", status == 201 and signed_up["access"], signed_up)
    guest_token, app.access = app.cart_token, signed_up["access"]
    status, headers, cart = app.call("GET", "cart/")
    lines = {line["product"]["id"]: line["quantity"] for line in cart.get("lines", [])}
    expect("the guest cart merged into the account's", lines == {first["id"]: 1, second["id"]: 1}, cart)
    expect("a member's cart answer has no Cart-Token", "Cart-Token" not in headers, headers)
    status, _, signed_in = app.call(
        "POST",
        "auth/token/",
        {"email": email, "password": account["password"]},
        headers={"Cart-Token": guest_token},
    )
    expect("sign in with e-mail and password", status == 200 and signed_in["access"], signed_in)
    app.access = signed_in["access"]
    status, _, cart = app.call("GET", "cart/")
    expect("signing in again with that token merges nothing more", cart["unit_count"] == 2, cart)

    delivery = {"address_line": "House 12, Road 5", "area": "Dhanmondi", "city": "Dhaka"}
    key = {"Idempotency-Key": f"first-order-{uuid.uuid4().hex}"}
    status, _, order = app.call("POST", "orders/", delivery, headers=key)
    expect("order the cart", status == 201 and len(order["items"]) == 2, order)
    status, _, retried = app.call("POST", "orders/", delivery, headers=key)
    expect(
        "a retry with the same key is the same order", status == 200 and retried["number"] == order["number"]
    )
    status, _, seen = app.call("GET", f"orders/{order['number']}/")
    expect(
        "read the order", status == 200 and seen["status"] == "pending" and seen["total"] == order["total"]
    )
    status, _, cart = app.call("GET", "cart/")
    expect("the ordered lines left the cart", cart["unit_count"] == 0, cart)

    guest = Api(base_url, language)
    status, _, cart = guest.call("POST", "cart/items/", {"product_id": first["id"], "quantity": 1})
    expect("another guest's cart", status == 201 and guest.cart_token, cart)
    contact = {
        "customer_name": "Ayesha Rahman",
        "customer_email": "ayesha@example.com",
        "customer_phone": "01712345678",
        **delivery,
    }
    status, _, guest_order = guest.call("POST", "orders/", contact)
    expect(
        "the guest orders its cart with the Cart-Token", status == 201 and guest_order["token"], guest_order
    )
    status, _, seen = Api(base_url, language).call(
        "GET", f"orders/{guest_order['number']}/?token={guest_order['token']}"
    )
    expect(
        "the guest reads its order with the order's token",
        status == 200 and seen["number"] == guest_order["number"],
    )
    status, _, closed = guest.call("GET", "cart/")
    expect(
        "the ordered guest cart is closed",
        status == 404 and closed["error"]["code"] == "cart_ordered",
        closed,
    )

    status, headers, refused = Api(base_url, language).call(
        "POST", "cart/items/", {"product_id": first["id"], "quantity": 100}
    )
    error = refused.get("error", {})
    expect(
        "a refusal has the one error shape", status == 400 and error.get("code") == "invalid_input", refused
    )
    expect("the answer is in the language asked for", headers.get("Content-Language") == language, headers)
    message = error["fields"]["quantity"][0]
    in_bangla = any(ord(character) in BENGALI for character in message)
    expect("its message is in that language", in_bangla == (language == "bn"), message)
    return {"email": email, "orders": [order["number"], guest_order["number"]]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--language", default="en", choices=["en", "bn"])
    arguments = parser.parse_args(argv)
    made = play(arguments.base_url, arguments.language)
    sys.stdout.write(json.dumps(made) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
