"""Migrations never lock the shop's hot tables for long, and the first one needs no superuser.

Every migration written after the first production install is read as the SQL it runs on
PostgreSQL (as `sqlmigrate` shows it). A statement on a hot table that builds or drops an index
without CONCURRENTLY, validates a constraint while adding it, or rewrites or scans the table
under its ACCESS EXCLUSIVE lock is refused: use dhakacart/migration_operations.py
(deploy/README.md, "Migrations on hot tables").
"""

import importlib
import re

import pytest
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

from dhakacart.migration_operations import LOCK_TIMEOUT

# Every checkout, cart change and sign-in writes these.
HOT_TABLES = (
    "orders_order",
    "orders_orderitem",
    "orders_orderstatuschange",
    "shop_product",
    "shop_cart",
    "shop_cartitem",
    "accounts_user",
    "django_session",
    "promotions_voucher",
)
# Written before the first production install, on empty tables: nothing there to lock out.
# orders 0005 is not here: it was rewritten in the safe form and is checked like a new one.
BEFORE_PRODUCTION = {
    ("accounts", "0001_initial"),
    ("accounts", "0002_address"),
    ("accounts", "0003_postcode_rule"),
    ("orders", "0001_orders"),
    ("orders", "0002_order_managers_group"),
    ("orders", "0003_postcode_rule"),
    ("orders", "0004_order_voucher_snapshot"),
    ("shop", "0001_catalogue"),
    ("shop", "0002_postgres_search"),
    ("shop", "0003_catalogue_managers_group"),
    ("shop", "0004_saved_carts"),
    ("shop", "0005_cart_voucher_code"),
    ("shop", "0006_product_rating_and_reviews_count"),
    ("shop", "0007_image_upload_checks"),
    ("promotions", "0001_vouchers"),
    ("promotions", "0002_order_managers_run_vouchers"),
    ("reviews", "0001_reviews"),
    ("reviews", "0002_review_moderators_group"),
    ("wishlist", "0001_wishlist_and_restocks"),
    ("pages", "0001_info_pages"),
}
SHOP_APPS = {
    "accounts",
    "checkout",
    "orders",
    "payments",
    "shop",
    "sms",
    "promotions",
    "reviews",
    "wishlist",
    "pages",
}
LONG_LOCKS = {
    "an index built without CONCURRENTLY": re.compile(r"^CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)"),
    "an index dropped without CONCURRENTLY": re.compile(r"^DROP INDEX (?!CONCURRENTLY)"),
    "a CHECK or foreign key validated while it is added": re.compile(
        r"ADD CONSTRAINT .* (CHECK|FOREIGN KEY) .*(?<!NOT VALID)$"
    ),
    "a UNIQUE constraint built under the table lock": re.compile(r"ADD CONSTRAINT \S+ UNIQUE \("),
    "a column CHECK or reference checked under the table lock": re.compile(
        r"ADD COLUMN .*( CHECK \(| REFERENCES )"
    ),
    "a column type change (a table rewrite)": re.compile(r"ALTER COLUMN \S+ TYPE "),
    "NOT NULL set on a filled column (a table scan)": re.compile(r"ALTER COLUMN \S+ SET NOT NULL"),
}


def statements_of(loader: MigrationLoader, key: tuple[str, str]) -> list[str]:
    """The SQL `sqlmigrate` prints, collected on a connection of its own: concurrent index
    operations refuse to be collected inside the test's transaction."""
    migration = loader.graph.nodes[key]
    state = loader.project_state(key, at_end=False)
    collector = connections.create_connection("default")
    try:
        with collector.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
            migration.apply(state, editor, collect_sql=True)
    finally:
        collector.close()
    return [" ".join(sql.split()).rstrip(";") for sql in editor.collected_sql if not sql.startswith("--")]


def long_locks(statements: list[str]) -> list[tuple[str, str]]:
    found = []
    for statement in statements:
        if not any(re.search(rf'"{table}(_\w*)?"', statement) for table in HOT_TABLES):
            continue
        found.extend((why, statement) for why, pattern in LONG_LOCKS.items() if pattern.search(statement))
    return found


@pytest.mark.django_db
def test_no_migration_after_the_first_install_locks_a_hot_table_for_long():
    loader = MigrationLoader(connection)
    ours = [key for key in loader.graph.nodes if key[0] in SHOP_APPS]

    refused = {
        key: found
        for key in sorted(set(ours) - BEFORE_PRODUCTION)
        if (found := long_locks(statements_of(loader, key)))
    }

    assert refused == {}


@pytest.mark.django_db
def test_the_check_refuses_the_plain_form_orders_0005_used_to_have():
    plain = [
        'DROP INDEX IF EXISTS "orders_order_unsent"',
        'ALTER TABLE "orders_order" ADD COLUMN "confirmation_attempts" smallint DEFAULT 0 NOT NULL '
        'CHECK ("confirmation_attempts" >= 0)',
        'CREATE INDEX "orders_order_confirmation_due" ON "orders_order" ("confirmation_next_attempt_at")',
    ]

    reasons = [why for why, _ in long_locks(plain)]

    assert reasons == [
        "an index dropped without CONCURRENTLY",
        "a column CHECK or reference checked under the table lock",
        "an index built without CONCURRENTLY",
    ]


@pytest.mark.django_db
def test_orders_0005_adds_its_check_not_valid_and_builds_its_indexes_concurrently_with_a_short_lock_wait():
    loader = MigrationLoader(connection)

    statements = statements_of(loader, ("orders", "0005_confirmation_delivery_state"))

    assert not loader.graph.nodes[("orders", "0005_confirmation_delivery_state")].atomic
    assert 'DROP INDEX CONCURRENTLY IF EXISTS "orders_order_unsent"' in statements
    assert (
        'ALTER TABLE "orders_order" ADD CONSTRAINT "orders_order_confirmation_attempts_check" '
        'CHECK ("confirmation_attempts" >= 0) NOT VALID'
    ) in statements
    assert (
        'ALTER TABLE "orders_order" VALIDATE CONSTRAINT "orders_order_confirmation_attempts_check"'
    ) in statements
    assert [
        s for s in statements if s.startswith('CREATE INDEX CONCURRENTLY "orders_order_confirmation_due"')
    ]
    assert f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'" in statements
    assert LOCK_TIMEOUT in ("1s", "2s")


def become_a_role_like_the_apps(cursor) -> None:
    """The production app role's database rights (deploy/README.md), for this transaction."""
    database = connection.settings_dict["NAME"]
    cursor.execute("CREATE ROLE dhakacart_app_probe NOLOGIN")
    cursor.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO dhakacart_app_probe')
    cursor.execute("SET LOCAL ROLE dhakacart_app_probe")


@pytest.mark.django_db
def test_the_search_migration_skips_an_existing_trigram_extension_for_a_role_that_may_not_create_one():
    search = importlib.import_module("shop.migrations.0002_postgres_search")
    with connection.cursor() as cursor:
        become_a_role_like_the_apps(cursor)

    search.ensure_trigram_extension(connection)  # exists already: nothing to do, nothing refused

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone() == ("dhakacart_app_probe",)


@pytest.mark.django_db
def test_without_the_extension_the_search_migration_says_which_one_time_step_is_missing():
    search = importlib.import_module("shop.migrations.0002_postgres_search")
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION pg_trgm CASCADE")  # the test's transaction puts it back
        become_a_role_like_the_apps(cursor)

    with pytest.raises(search.TrigramExtensionMissing, match=r"CREATE EXTENSION IF NOT EXISTS pg_trgm"):
        search.ensure_trigram_extension(connection)
