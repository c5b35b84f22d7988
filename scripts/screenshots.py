"""Take screenshots of pages of a running shop at phone and desktop widths.

Usage: python scripts/screenshots.py http://127.0.0.1:8000 name=/path/ [name=/path/ ...]
Writes docs/screenshots/<name>-390.png and <name>-1280.png with the system Chromium.
Sign in first by passing `--login email:password` (the login form is filled in once).
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {390: 844, 1280: 900}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("pages", nargs="+", help="name=/path/")
    parser.add_argument("--login", help="email:password to sign in with first")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            if args.login:
                email, password = args.login.split(":", 1)
                page.goto(f"{args.base_url}/accounts/login/")
                page.fill("input[name=username]", email)
                page.fill("input[name=password]", password)
                page.click("form button[type=submit]:not(.link-button)")
            for spec in args.pages:
                name, path = spec.split("=", 1)
                page.goto(f"{args.base_url}{path}")
                page.screenshot(path=OUT / f"{name}-{width}.png", full_page=args.full_page)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
