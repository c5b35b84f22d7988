"""Imports between apps point one way (STYLE.md, "Homes and layers").

The kernel (`dhakacart/`) imports no app outside the modules that wire apps together; an app
imports only apps below it:

    legacy_api → promotions, reviews, wishlist, pages, sms → orders → checkout → shop, accounts → dhakacart

An import that points back up is listed in BACK_EDGES with the module that makes it, until it
is removed; a new one fails here, and so does a listed one that has gone (so the list stays true).
Imports inside functions count: they hide a circle, they do not break it.
"""

import ast
from collections import defaultdict

from .helpers import ROOT

RANK = {
    "dhakacart": 0,
    "accounts": 1,
    "shop": 1,
    "checkout": 2,
    "orders": 3,
    "promotions": 4,
    "reviews": 4,
    "wishlist": 4,
    "pages": 4,
    "sms": 4,
    "legacy_api": 5,
}
# The kernel's modules that wire the apps together (URLconfs, settings) may name them.
WIRING = {"dhakacart/urls.py", "dhakacart/api/urls.py", "dhakacart/settings.py"}

# Promo codes are priced and redeemed inside checkout's pricing and place_order's transaction by
# calling promotions directly; the way out is a registry of price adjustments that promotions
# fills in its AppConfig.ready, and order signals for redeeming and giving a use back.
BACK_EDGES: dict[tuple[str, str], set[str]] = {
    ("checkout", "promotions"): {"checkout/pricing.py", "checkout/services.py", "checkout/views.py"},
    ("orders", "promotions"): {
        "orders/models.py",
        "orders/services/lifecycle.py",
        "orders/services/placement.py",
    },
}


def app_imports() -> dict[tuple[str, str], set[str]]:
    """(importing app, imported app) → the modules that make that import (tests and migrations aside)."""
    found = defaultdict(set)
    for app in RANK:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if {"tests", "migrations"} & set(relative.parts) or str(relative) in WIRING:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    imported = name.partition(".")[0]
                    if imported in RANK and imported != app:
                        found[(app, imported)].add(str(relative))
    return found


def test_every_import_between_apps_points_down_or_is_a_listed_exception():
    back = {edge: modules for edge, modules in app_imports().items() if RANK[edge[0]] <= RANK[edge[1]]}

    assert back == BACK_EDGES
