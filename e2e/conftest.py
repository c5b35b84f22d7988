"""Browser tests: Playwright driving the system Chromium against Django's live server."""

import os

import pytest
from playwright.sync_api import sync_playwright

from .chromium import CHROMIUM, FLAGS


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in the test thread, while the test still talks
    # to the database synchronously (fixtures, assertions): Django allows that only when told.
    # Set only while the browser runs, so no other test or subprocess inherits it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
