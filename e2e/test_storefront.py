"""The storefront on a 390 px phone: compact header, buying from the list, the checkout summary,
accessibility (axe-core) on every shopper page in both languages, and the page-weight budget."""

import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

# serialized_rollback: the flush after each test would drop the rows the migrations made.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
BUDGET_BYTES = 150 * 1024


@pytest.fixture
def catalogue(make_category, make_product):
    fish = make_category(name="Fish & Meat", name_bn="মাছ ও মাংস", slug="fish-meat")
    return {
        "rice": make_product(
            name="Miniket Rice 5kg", name_bn="মিনিকেট চাল ৫ কেজি", price=Decimal("420.00"), stock=40
        ),
        "hilsa": make_product(
            name="Padma Hilsa 1kg",
            name_bn="পদ্মার ইলিশ ১ কেজি",
            category=fish,
            price=Decimal("2200.00"),
            compare_at_price=Decimal("2400.00"),
            stock=3,
        ),
        "oats": make_product(
            name="Rolled Oats 500g", name_bn="ওটস ৫০০ গ্রাম", price=Decimal("260.00"), stock=0
        ),
    }


@pytest.fixture
def phone(browser, live_server):
    """A fresh phone-sized browser context per call; `javascript=False` for the no-script journeys."""
    contexts = []

    def open_page(*, javascript: bool = True, bypass_csp: bool = False):
        context = browser.new_context(
            viewport=PHONE, base_url=live_server.url, java_script_enabled=javascript, bypass_csp=bypass_csp
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("prefix", ["", "/bn"])
def test_the_header_is_one_compact_row_on_a_phone(phone, catalogue, prefix):
    page = phone()
    page.goto(f"{prefix}/products/")

    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120
    for part in (".brand", "#site-search", ".cart-link", ".account-menu summary"):
        box = page.locator(part).bounding_box()
        assert box["y"] + box["height"] <= header["y"] + header["height"], part
        assert box["x"] + box["width"] <= PHONE["width"], part


def test_the_account_menu_opens_without_javascript(phone, catalogue):
    page = phone(javascript=False)
    page.goto("/")

    page.click(".account-menu summary")
    page.click(".account-menu-items >> text=Sign in")

    assert page.url.endswith("/accounts/login/")


def test_a_guest_adds_from_the_list_without_javascript_and_stays_on_the_list(phone, catalogue):
    page = phone(javascript=False)
    page.goto("/products/?sort=price")

    page.click(f"#product-{catalogue['rice'].pk} .card-add-button")

    assert urlparse(page.url).path == "/products/" and "sort=price" in page.url
    assert "Added to your cart." in page.locator(".messages").inner_text()
    assert page.locator(".cart-count").inner_text() == "1"
    assert page.locator(f"#product-{catalogue['oats'].pk} .card-add-button").is_disabled()


def test_a_shopper_adds_from_the_bangla_list_with_javascript_without_leaving_it(phone, catalogue):
    page = phone()
    page.goto("/bn/products/")
    page.evaluate("window.stillTheSamePage = true")

    page.click(f"#product-{catalogue['hilsa'].pk} .card-add-button")

    expect(page.locator(".cart-count")).to_have_text("১")
    expect(page.locator(".toast")).to_contain_text("আপনার কার্টে যোগ করা হয়েছে।")
    assert urlparse(page.url).path == "/bn/products/"
    assert page.evaluate("window.stillTheSamePage") is True


def start_checkout(page, catalogue, prefix=""):
    page.goto(f"{prefix}/products/{catalogue['rice'].slug}/")
    page.fill("input[name=quantity]", "2")
    page.click("form.add-to-cart button")
    page.goto(f"{prefix}/checkout/")


def test_the_checkout_summary_comes_before_the_button_and_follows_the_chosen_zone(phone, catalogue):
    page = phone()
    start_checkout(page, catalogue)

    summary = page.locator(".order-summary").bounding_box()
    button = page.locator("button.place-order").bounding_box()
    assert summary["y"] < button["y"]
    assert page.locator(".summary-total-amount").inner_text() == "৳900.00"
    assert page.locator(".update-total").count() == 0  # the script updates it in place

    page.check("input[value=outside_dhaka]")

    assert page.locator(".summary-zone").inner_text() == "Outside Dhaka"
    assert page.locator(".summary-total-amount").inner_text() == "৳960.00"


def test_without_javascript_update_total_shows_the_chosen_zones_total_and_keeps_the_entries(phone, catalogue):
    page = phone(javascript=False)
    start_checkout(page, catalogue, prefix="/bn")
    page.fill("input[name=customer_name]", "Ayesha Rahman")

    page.check("input[value=outside_dhaka]")
    page.click(".update-total")

    assert page.locator(".summary-total-amount").inner_text() == "৳৯৬০.০০"
    assert page.input_value("input[name=customer_name]") == "Ayesha Rahman"
    assert page.is_checked("input[value=outside_dhaka]")
    summary = page.locator(".order-summary").bounding_box()
    assert summary["y"] < page.locator("button.place-order").bounding_box()["y"]


def axe_problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical") or violation["id"] == "heading-order"
    ]


@pytest.mark.parametrize("prefix", ["", "/bn"])
def test_no_serious_accessibility_problem_or_heading_skip_on_any_shopper_page(
    phone, catalogue, place, prefix
):
    order = place({catalogue["rice"]: 1}, language=prefix.strip("/") or "en")
    page = phone(bypass_csp=True)  # the test injects axe-core; the shop's own pages never inline script
    pages = {
        "home": "/",
        "list": "/products/",
        "category": f"/category/{catalogue['hilsa'].category.slug}/",
        "detail": f"/products/{catalogue['hilsa'].slug}/",
        "sign-in": "/accounts/login/",
        "sign-up": "/accounts/signup/",
        "phone sign-in": "/accounts/phone/",
        "confirmation": f"/orders/{order.token}/",
    }
    problems = {}
    for name, path in pages.items():
        page.goto(f"{prefix}{path}")
        problems[name] = axe_problems(page)
    page.goto(f"{prefix}/products/{catalogue['rice'].slug}/")
    page.click("form.add-to-cart button")
    problems["cart"] = axe_problems(page)
    page.goto(f"{prefix}/checkout/")
    problems["checkout"] = axe_problems(page)

    assert {name: found for name, found in problems.items() if found} == {}, json.dumps(problems, indent=1)


@pytest.fixture
def demo_catalogue(db):
    # Into the media folder the live server serves; seed_demo only draws what is missing.
    call_command("seed_demo", verbosity=0)


@pytest.mark.parametrize("path", ["/", "/products/", "/bn/", "/bn/products/"])
def test_home_and_list_load_under_150_kb_on_a_phone_with_no_third_party_request(phone, demo_catalogue, path):
    page = phone()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))

    page.goto(path, wait_until="networkidle")

    sizes = {request.url: request.sizes() for request in loaded}
    total = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes.values())
    images = [url for url in sizes if "/media/" in url]
    assert images, "the first screen shows product images"
    assert all(url.endswith(".webp") for url in images)
    assert total < BUDGET_BYTES, (
        f"{total} bytes: {sorted(sizes, key=lambda url: -sizes[url]['responseBodySize'])}"
    )
    assert {urlparse(url).netloc for url in sizes} == {urlparse(page.url).netloc}
