"""Products get a Bangla description, and the full-text index (PostgreSQL only, see 0002) covers it
with the same weight as the English one, matching shop.search.search_vector()."""

from django.db import migrations, models


def _fts_index(*columns: str) -> str:
    document = " ||\n        ".join(
        f"setweight(to_tsvector('simple'::regconfig, COALESCE({column}, '')), '{weight}')"
        for column, weight in columns
    )
    return f"CREATE INDEX shop_product_search_fts ON shop_product USING gin ((\n        {document}\n    ))"


BEFORE = (("name", "A"), ("name_bn", "A"), ("sku", "A"), ("description", "C"))
AFTER = (*BEFORE, ("description_bn", "C"))


def _replace_index(columns):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS shop_product_search_fts")
        schema_editor.execute(_fts_index(*columns))

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0007_image_upload_checks"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="description_bn",
            field=models.TextField(
                blank=True,
                help_text="Shown on Bangla pages; empty shows the English one.",
                verbose_name="description in Bangla",
            ),
        ),
        migrations.RunPython(_replace_index(AFTER), _replace_index(BEFORE)),
    ]
