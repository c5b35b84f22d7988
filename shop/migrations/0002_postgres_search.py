"""Search indexes for PostgreSQL: trigram (near-miss and substring) and full-text.

They are PostgreSQL features, so on SQLite (the embedded `make run` database) this migration
does nothing and search falls back to a plain case-insensitive match.

The pg_trgm extension is created once by the database's master user before the first install
(deploy/README.md, "One-time database setup"): the app's role may not create extensions. This
migration only checks that it is there, and creates it itself only where it may (a development
or test database, as a superuser).
"""

from django.db import ProgrammingError, migrations

TRIGRAM_MISSING = (
    "The pg_trgm extension is missing and this database role may not create it. As the master "
    "user, run once: CREATE EXTENSION IF NOT EXISTS pg_trgm; (deploy/README.md, "
    '"One-time database setup"), then migrate again.'
)


class TrigramExtensionMissing(RuntimeError):
    pass


def ensure_trigram_extension(connection) -> None:
    """Skip when pg_trgm exists; else create it, or say how when the role may not."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone():
            return
        try:
            cursor.execute("CREATE EXTENSION pg_trgm")
        except ProgrammingError as error:
            raise TrigramExtensionMissing(TRIGRAM_MISSING) from error


# Each index matches one branch of shop.search.search_products() exactly, so PostgreSQL can
# answer the whole OR from indexes: near-misses (`%>` on the column), substrings (Django's
# icontains is `UPPER(col::text) LIKE`), and the full-text document.
FORWARD = [
    "CREATE INDEX IF NOT EXISTS shop_product_name_trgm ON shop_product USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS shop_product_name_bn_trgm ON shop_product USING gin (name_bn gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS shop_product_name_upper_trgm ON shop_product USING gin (UPPER(name::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS shop_product_name_bn_upper_trgm ON shop_product "
    "USING gin (UPPER(name_bn::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS shop_product_sku_upper_trgm ON shop_product USING gin (UPPER(sku::text) gin_trgm_ops)",
    # Must match shop.search.search_vector() exactly for the planner to use it.
    """CREATE INDEX IF NOT EXISTS shop_product_search_fts ON shop_product USING gin ((
        setweight(to_tsvector('simple'::regconfig, COALESCE(name, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, COALESCE(name_bn, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, COALESCE(sku, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, COALESCE(description, '')), 'C')
    ))""",
]
BACKWARD = [
    "DROP INDEX IF EXISTS shop_product_search_fts",
    "DROP INDEX IF EXISTS shop_product_sku_upper_trgm",
    "DROP INDEX IF EXISTS shop_product_name_bn_upper_trgm",
    "DROP INDEX IF EXISTS shop_product_name_upper_trgm",
    "DROP INDEX IF EXISTS shop_product_name_bn_trgm",
    "DROP INDEX IF EXISTS shop_product_name_trgm",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        if statements is FORWARD:
            ensure_trigram_extension(schema_editor.connection)
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_catalogue")]

    operations = [migrations.RunPython(_run_on_postgresql(FORWARD), _run_on_postgresql(BACKWARD))]
