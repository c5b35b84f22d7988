"""Faults with real servers (SPEC §13): the shop runs under gunicorn with the project's
gunicorn.conf.py and production settings, in its own processes, while its Redis stops and comes
back, while its database cannot be reached, and while it is told to stop mid-request.

Every test starts its own servers on spare local ports and stops them in its fixtures' teardown,
which also checks that no process of theirs is left. orders/tests/test_outages.py and
test_confirmation_delivery.py cover the broker and the mail server in-process.
"""

import os
import re
import signal
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from django.db import connection

from .servers import PRODUCTION, Browser, Gunicorn, RedisServer, collect_static, fetch, free_port, wait_for

APOLOGY = {"en": "Something went wrong on our side", "bn": "দুঃখিত, আমাদের দিকে একটি সমস্যা হয়েছে"}
# What an error page or body must never show: a traceback, the driver's words, where the database is.
LEAKS = ("Traceback", "OperationalError", "psycopg", "connection failed", "127.0.0.1:")


@pytest.fixture(scope="session")
def static_files():
    collect_static(
        {
            "PATH": os.environ["PATH"],
            **PRODUCTION,
            "SITE_URL": "http://127.0.0.1",
            "DATABASE_URL": f"postgres://nobody@127.0.0.1:{free_port()}/none",
        }
    )


@pytest.fixture
def redis_server(tmp_path):
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(directory)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def serve_shop(tmp_path, static_files):
    """Start the shop under gunicorn with these variables on top of the production ones."""
    started: list[Gunicorn] = []

    def serve(**env: str) -> Gunicorn:
        directory = tmp_path / f"shop-{len(started)}"
        directory.mkdir()
        shop = Gunicorn(directory, env)
        started.append(shop)
        shop.start()
        return shop

    yield serve
    for shop in started:
        shop.stop()


def database_url() -> str:
    """The test database, whose committed rows (transactional tests) gunicorn's workers see."""
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def add_to_cart(browser: Browser, shop: Gunicorn, product, quantity: int):
    page = browser.get(f"{shop.url}/products/{product.slug}/")
    form = {
        "csrfmiddlewaretoken": browser.csrf_token(page.text),
        "product_id": str(product.pk),
        "quantity": str(quantity),
    }
    return browser.post_form(f"{shop.url}/cart/add/", form, referer=f"{shop.url}/products/{product.slug}/")


def quantity_in_cart(html: str, product) -> int | None:
    match = re.search(rf'id="qty-{product.pk}"[^>]*\bvalue="(\d+)"', html)
    return int(match.group(1)) if match else None


# --- Redis stops while the shop runs -------------------------------------------------------------

# Committed rows, so gunicorn's workers see them. serialized_rollback: the flush after each test
# would drop the rows the migrations made, which later transactional tests restore and expect.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@committed
def test_with_redis_stopped_pages_the_cart_and_the_api_answer_from_the_database(
    redis_server, serve_shop, rice
):
    shop = serve_shop(DATABASE_URL=database_url(), REDIS_URL=redis_server.url)
    browser = Browser()
    assert browser.get(f"{shop.url}/products/").status == 200  # the catalogue is in the cache now

    redis_server.stop()
    home = browser.get(f"{shop.url}/")
    bangla_list = browser.get(f"{shop.url}/bn/products/")
    added = add_to_cart(browser, shop, rice, 2)
    cart = browser.get(f"{shop.url}/cart/")
    api = fetch(f"{shop.url}/api/v1/products/")

    assert (home.status, bangla_list.status) == (200, 200)
    assert rice.name_bn in bangla_list.text
    assert added.status == 200  # the redirect to the cart page, followed
    assert cart.status == 200
    assert quantity_in_cart(cart.text, rice) == 2  # the session went to PostgreSQL
    assert api.status == 200
    assert [product["name"] for product in api.json()["results"]] == [rice.name]


@committed
def test_ready_says_the_cache_is_degraded_while_redis_is_stopped_and_ok_once_it_is_back_on_its_port(
    redis_server, serve_shop, rice
):
    shop = serve_shop(DATABASE_URL=database_url(), REDIS_URL=redis_server.url)
    browser = Browser()
    add_to_cart(browser, shop, rice, 3)
    before = fetch(f"{shop.url}/ready")

    redis_server.stop()
    stopped = fetch(f"{shop.url}/ready")
    redis_server.start()  # the same port, and empty: it kept nothing on disk
    back = wait_for(
        lambda: (answer := fetch(f"{shop.url}/ready")).json()["status"] == "OK" and answer,
        "/ready to say OK again",
        seconds=10,
    )
    cart = browser.get(f"{shop.url}/cart/")

    assert before.status == 200 and before.json()["status"] == "OK"
    assert stopped.status == 200  # the pods stay in the Service: the shop serves without Redis
    assert stopped.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "failed"},
        "failed": ["cache"],
    }
    assert back.status == 200
    assert back.json() == {"status": "OK", "checks": {"database": "ok", "cache": "ok"}, "failed": []}
    assert quantity_in_cart(cart.text, rice) == 3  # a Redis restart loses no cart


# --- PostgreSQL cannot be reached ------------------------------------------------------------------


@pytest.fixture
def shop_without_database(serve_shop):
    return serve_shop(DATABASE_URL=f"postgres://dhakacart@127.0.0.1:{free_port()}/dhakacart")


def test_with_the_database_unreachable_health_answers_and_ready_says_503(shop_without_database):
    health = fetch(f"{shop_without_database.url}/health")
    ready = fetch(f"{shop_without_database.url}/ready")

    assert health.status == 200 and health.json()["status"] == "OK"
    assert ready.status == 503
    assert ready.json() == {
        "status": "unavailable",
        "checks": {"database": "failed", "cache": "ok"},
        "failed": ["database"],
    }


@pytest.mark.parametrize(
    ("path", "headers", "language"),
    [
        ("/", {"Accept-Language": "en"}, "en"),
        ("/products/", {}, "en"),
        ("/bn/", {"Accept-Language": "bn"}, "bn"),
        ("/bn/products/", {}, "bn"),
    ],
)
def test_with_the_database_unreachable_a_page_is_the_friendly_error_page_in_the_shoppers_language(
    shop_without_database, path, headers, language
):
    page = fetch(f"{shop_without_database.url}{path}", headers)

    assert page.status == 500
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert page.headers["Content-Language"] == language
    assert f'<html lang="{language}">' in page.text
    assert f"<h1>{APOLOGY[language]}</h1>" in page.text
    assert APOLOGY["en" if language == "bn" else "bn"] not in page.text
    assert not [leak for leak in LEAKS if leak in page.text]


def test_with_the_database_unreachable_api_v1_answers_503_in_its_one_error_shape(shop_without_database):
    url = shop_without_database.url
    order = {
        "customer_name": "Ayesha Rahman",
        "customer_email": "ayesha@example.com",
        "customer_phone": "01712345678",
        "address_line": "House 12, Road 5",
        "area": "Dhanmondi",
        "city": "Dhaka",
        "items": [{"product_id": 1, "quantity": 1}],
    }

    answers = [
        fetch(f"{url}/api/v1/products/"),
        fetch(f"{url}/api/v1/categories/"),
        fetch(f"{url}/api/v1/orders/", method="POST", json_body=order),
    ]

    for answer in answers:
        assert answer.status == 503
        assert answer.headers["Content-Type"] == "application/json"
        assert answer.headers["Retry-After"] == "30"
        assert answer.json() == {
            "error": {
                "code": "service_unavailable",
                "message": "Something went wrong on our side. Please try again.",
                "fields": {},
            }
        }


def test_with_the_database_unreachable_the_legacy_api_answers_503_in_its_own_error_shape(
    shop_without_database,
):
    answer = fetch(f"{shop_without_database.url}/api/products")

    assert answer.status == 503
    assert answer.headers["Retry-After"] == "30"
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json() == {
        "error": "আমাদের দিকে একটি সমস্যা হয়েছে। অনুগ্রহ করে আবার চেষ্টা করুন।",
        "details": [],
    }


@pytest.mark.django_db
def test_the_openapi_document_tells_the_apps_every_operation_may_answer_503(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)

    operations = [
        operation
        for methods in document["paths"].values()
        for method, operation in methods.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]
    assert operations
    assert all("503" in operation["responses"] for operation in operations)


# --- gunicorn is told to stop mid-request ----------------------------------------------------------


def test_sigterm_during_a_slow_request_lets_it_finish_with_200_and_then_gunicorn_exits(serve_shop, tmp_path):
    hold = tmp_path / "slow"
    hold.mkdir()
    shop = serve_shop(
        DJANGO_SETTINGS_MODULE="dhakacart.tests.slow_settings",
        SLOW_VIEW_DIR=str(hold),
        DATABASE_URL=f"postgres://dhakacart@127.0.0.1:{free_port()}/dhakacart",
    )

    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(fetch, f"{shop.url}/slow/", timeout=60)
        wait_for(lambda: (hold / "started").exists(), "the slow request to start")
        shop.process.send_signal(signal.SIGTERM)
        wait_for(lambda: "Handling signal: term" in shop.log_text(), "gunicorn to take the signal")
        waited_for_the_request = shop.process.poll() is None
        (hold / "release").touch()
        answer = pending.result(timeout=60)
    exit_code = shop.process.wait(timeout=40)

    assert waited_for_the_request
    assert (answer.status, answer.text) == (200, "finished")
    assert exit_code == 0
    assert not shop.leftovers()
