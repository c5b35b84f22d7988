"""What a newcomer sees first: `make run`'s embedded defaults, served as `make run` serves them.

The rest of the suite runs on PostgreSQL and Redis; a newcomer's first `make run` runs on a SQLite
file with the in-process cache and eager tasks. This module builds that configuration once
(migrate, seed_demo, ensure_dev_admin, `runserver`, the steps of the Makefile's `run` target, with
no DATABASE_URL/REDIS_URL/CELERY_BROKER_URL inherited) and walks what a newcomer opens first, each
page twice (the second answer comes from the page cache), in both languages, through a placed
order and a sign-in.
"""

import html.parser
import re
import subprocess
import sys

import pytest

from .helpers import run_python
from .servers import BIN, Browser, Server, fetch, free_port, wait_for

# One worker builds the configuration once and walks every page (`--dist loadgroup`, see the Makefile).
pytestmark = pytest.mark.xdist_group("embedded_default")

ADMIN_EMAIL = "admin@dhakacart.local"
ADMIN_PASSWORD = "dhakacart-admin"  # noqa: S105 - ensure_dev_admin's documented local login


class Runserver(Server):
    def __init__(self, directory, env):
        super().__init__(directory / "runserver.log")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env

    def start(self) -> None:
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"]
        process = self._spawn(command, env=self.env)
        wait_for(lambda: fetch(f"{self.url}/health").status == 200, "runserver", seconds=60, process=process)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory):
    """The shop as `make run` serves it, on a SQLite file of its own (not the checkout's var/)."""
    directory = tmp_path_factory.mktemp("make-run")
    env = {
        "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(directory),
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
    }
    for step in (["migrate", "--noinput"], ["seed_demo"], ["ensure_dev_admin"]):
        result = run_python("manage.py", *step, env=env, timeout=300)
        assert result.returncode == 0, f"manage.py {' '.join(step)}:\n{result.stderr[-3000:]}"
    server = Runserver(directory, {**env, "PYTHONUNBUFFERED": "1"})
    server.start()
    yield server
    server.stop()


def demo_product(shop) -> dict:
    """A product of the demo catalogue that is in stock, from the API a newcomer's client reads."""
    answer = fetch(f"{shop.url}/api/v1/products/?in_stock=1")
    assert answer.status == 200, answer.text[-2000:]
    return answer.json()["results"][0]


def open_twice(browser: Browser, url: str):
    """Open a page twice (the second one comes from the page cache) and return the second answer."""
    first = browser.get(url)
    assert first.status == 200, f"{url}: {first.status}\n{first.text[-3000:]}"
    second = browser.get(url)
    assert second.status == 200, f"{url} (cached): {second.status}\n{second.text[-3000:]}"
    return second


@pytest.mark.parametrize("language", ["", "/bn"])
def test_the_catalogue_pages_a_newcomer_opens_first_answer_in_both_languages(newcomer, language):
    browser = Browser()
    product = demo_product(newcomer)
    home = open_twice(browser, f"{newcomer.url}{language}/")
    listing = open_twice(browser, f"{newcomer.url}{language}/products/")
    search_word = product["name"].split()[0]
    search = open_twice(browser, f"{newcomer.url}{language}/products/?q={search_word}")
    detail = open_twice(browser, f"{newcomer.url}{language}/products/{product['slug']}/")
    sorted_page = open_twice(browser, f"{newcomer.url}{language}/products/?sort=price_asc&page=2")
    open_twice(browser, f"{newcomer.url}{language}/cart/")
    open_twice(browser, f"{newcomer.url}{language}/accounts/login/")

    assert "/products/" in home.text
    assert f"/products/{product['slug']}/" in listing.text
    assert f"/products/{product['slug']}/" in search.text
    assert 'name="product_id"' in detail.text  # the buy box is there
    assert "/products/" in sorted_page.text
    if language:
        assert 'lang="bn"' in home.text


def test_the_apis_a_newcomer_opens_first_answer(newcomer):
    product = demo_product(newcomer)
    for path in (
        "/api/v1/products/",
        f"/api/v1/products/{product['id']}/",
        "/api/v1/categories/",
        "/api/products",
        f"/api/products/{product['id']}",
        "/api/categories",
    ):
        for _ in range(2):  # the second answer comes from the cache
            answer = fetch(f"{newcomer.url}{path}")
            assert answer.status == 200, f"{path}: {answer.status}\n{answer.text[-3000:]}"
    assert fetch(f"{newcomer.url}/api/products/{product['id']}").json()["data"]["id"] == product["id"]


class _Forms(html.parser.HTMLParser):
    """Every form's named fields, as a browser would send them untouched."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = True
            self.forms.append({})
        elif self.inside and tag in ("input", "textarea", "select") and attrs.get("name"):
            if attrs.get("type") in ("radio", "checkbox") and "checked" not in attrs:
                return
            self.forms[-1].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def form_with(page_html: str, field: str) -> dict[str, str]:
    """The fields of the page's form that has `field`."""
    parser = _Forms()
    parser.feed(page_html)
    found = [form for form in parser.forms if field in form]
    assert found, f"no form with a {field} field"
    return found[0]


def test_a_guest_adds_to_the_cart_and_places_an_order(newcomer):
    browser = Browser()
    product = demo_product(newcomer)
    detail_url = f"{newcomer.url}/products/{product['slug']}/"
    detail = browser.get(detail_url)
    added = browser.post_form(
        f"{newcomer.url}/cart/add/",
        {
            "csrfmiddlewaretoken": browser.csrf_token(detail.text),
            "product_id": str(product["id"]),
            "quantity": "2",
        },
        referer=detail_url,
    )
    assert added.status == 200, added.text[-3000:]
    assert re.search(rf'id="qty-{product["id"]}"[^>]*\bvalue="2"', browser.get(f"{newcomer.url}/cart/").text)

    checkout_url = f"{newcomer.url}/checkout/"
    checkout = browser.get(checkout_url)
    assert checkout.status == 200, checkout.text[-3000:]
    form = form_with(checkout.text, "checkout_token")
    form.update(
        customer_name="Nusrat Jahan",
        email="nusrat@example.com",
        phone="01712345678",
        address_line="House 12, Road 5",
        area="Dhanmondi",
        city="Dhaka",
        delivery_zone="inside_dhaka",
        payment_method="cod",
    )
    placed = browser.post_form(checkout_url, form, referer=checkout_url)

    assert placed.status == 200, placed.text[-3000:]
    assert re.search(r"DC-[A-Z0-9]{6}", placed.text), placed.text[-3000:]
    orders = run_python(
        "manage.py",
        "shell",
        "-c",
        "from orders.models import Order; print(Order.objects.filter(email='nusrat@example.com').count())",
        env=newcomer.env,
    )
    assert orders.stdout.split()[-1] == "1", orders.stdout + orders.stderr[-2000:]


def test_the_printed_admin_login_signs_in(newcomer):
    browser = Browser()
    login_url = f"{newcomer.url}/accounts/login/"
    page = browser.get(login_url)
    form = form_with(page.text, "password")
    form.update(username=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    signed_in = browser.post_form(login_url, form, referer=login_url)

    assert signed_in.status == 200, signed_in.text[-3000:]
    profile = browser.get(f"{newcomer.url}/accounts/")
    assert profile.status == 200
    assert ADMIN_EMAIL in profile.text
