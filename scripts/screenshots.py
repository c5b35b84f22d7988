"""Take screenshots of pages of a running shop at phone and desktop widths.

Usage: python scripts/screenshots.py http://127.0.0.1:8000 name=/path/ [name=/path/ ...]
Writes docs/screenshots/<name>-390.png and <name>-1280.png with the system Chromium.
Sign in first by passing `--login email:password` (the login form is filled in once).
`--journey slug,slug` adds those products to the cart, then shoots the cart, the filled-in
checkout and the confirmation of the order it places (cart, checkout, confirmation).
`--language bn` takes the journey through the Bangla pages (files named cart-bn-390.png, ...);
`--widths 390` shoots the phone width only.
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from e2e.chromium import CHROMIUM, FLAGS  # noqa: E402 - after the project root is importable

WIDTHS = {390: 844, 1280: 900}
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("pages", nargs="+", help="name=/path/")
    parser.add_argument("--login", help="email:password to sign in with first")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--journey", help="comma-separated product slugs to buy")
    parser.add_argument("--language", choices=["en", "bn"], default="en")
    parser.add_argument("--widths", help="comma-separated widths (default: 390,1280)")
    args = parser.parse_args()
    widths = (
        {int(width): WIDTHS.get(int(width), 900) for width in args.widths.split(",")}
        if args.widths
        else WIDTHS
    )
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width, height in widths.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            if args.login:
                email, password = args.login.split(":", 1)
                page.goto(f"{args.base_url}/accounts/login/")
                page.fill("input[name=username]", email)
                page.fill("input[name=password]", password)
                page.click("main form button[type=submit]")
            for spec in args.pages:
                name, path = spec.split("=", 1)
                page.goto(f"{args.base_url}{path}")
                shoot(page, f"{name}-{width}", full_page=args.full_page)
            if args.journey:
                checkout_journey(page, args.base_url, args.journey.split(","), width, args.language)
            context.close()
        browser.close()


def shoot(page, name: str, *, full_page: bool = False) -> None:
    # Lazy images below the fold load only when scrolled to; load them all first.
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUT / f"{name}.png", full_page=full_page)


def checkout_journey(page, base_url: str, slugs: list[str], width: int, language: str) -> None:
    prefix, suffix = ("/bn", "-bn") if language == "bn" else ("", "")
    for quantity, slug in enumerate(slugs, start=1):
        page.goto(f"{base_url}{prefix}/products/{slug}/")
        page.fill("input[name=quantity]", str(quantity))
        page.click("form.add-to-cart button[type=submit]")
    page.goto(f"{base_url}{prefix}/cart/")
    shoot(page, f"cart{suffix}-{width}", full_page=True)
    page.goto(f"{base_url}{prefix}/checkout/")
    page.fill("input[name=customer_name]", "Ayesha Rahman")
    page.fill("input[name=phone]", "01712345678")
    page.fill("input[name=email]", "ayesha@example.com")
    page.fill("input[name=address_line]", "House 12, Road 5")
    page.fill("input[name=area]", "Agrabad")
    page.fill("input[name=city]", "Chattogram")
    page.fill("input[name=postcode]", "4100")
    page.check("input[value=outside_dhaka]")  # the zone the city is in: the order refuses any other
    shoot(page, f"checkout{suffix}-{width}", full_page=True)
    page.click("form.checkout-form button.place-order")
    shoot(page, f"confirmation{suffix}-{width}", full_page=True)


if __name__ == "__main__":
    main()
