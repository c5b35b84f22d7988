from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.database, deploy=True)
def production_database_is_not_sqlite(app_configs, **kwargs):
    """The embedded SQLite default is for `make run`; a deployment needs DATABASE_URL."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return [
            Warning(
                "The database is the embedded SQLite file.",
                hint="Set DATABASE_URL to the production PostgreSQL database.",
                id="dhakacart.W001",
            )
        ]
    return []
