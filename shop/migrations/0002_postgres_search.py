"""Search indexes for PostgreSQL: trigram (near-miss and substring) and full-text.

They are PostgreSQL features, so on SQLite (the embedded `make run` database) this migration
does nothing and search falls back to a plain case-insensitive match.
"""

from django.db import migrations

# Each index matches one branch of shop.search.search_products() exactly, so PostgreSQL can
# answer the whole OR from indexes: near-misses (`%>` on the column), substrings (Django's
# icontains is `UPPER(col::text) LIKE`), and the full-text document.
FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
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
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_catalogue")]

    operations = [migrations.RunPython(_run_on_postgresql(FORWARD), _run_on_postgresql(BACKWARD))]
