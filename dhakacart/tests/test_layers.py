"""Imports between apps point one way (STYLE.md, "Homes and layers").

The kernel (`dhakacart/`) imports no app outside the modules that wire apps together; an app
imports only apps below it:

    legacy_api → payments, reviews, wishlist, pages, sms → orders → checkout → promotions → shop, accounts
    → dhakacart

Promotions sit below checkout, as a discount app does: checkout prices a cart with a voucher and
orders keep the voucher they used, while promotions keep their own record of uses (VoucherUse)
and never read an order.

orders reaches payments only through its registry (orders.payments) and signals (orders.signals).

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
    "promotions": 2,
    "checkout": 3,
    "orders": 4,
    "payments": 5,
    "reviews": 5,
    "wishlist": 5,
    "pages": 5,
    "legacy_api": 6,
}
# The kernel's modules that wire the apps together (URLconfs, settings) may name them.
WIRING = {"dhakacart/urls.py", "dhakacart/api/urls.py", "dhakacart/settings.py"}

# None left: a back-edge found later is listed here with the modules that make it, and the way out.
BACK_EDGES: dict[tuple[str, str], set[str]] = {}


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
