"""Deploy checks (`manage.py check --deploy`): what production needs, one clear line each."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .env import PRODUCTION_SETTINGS

# A stable id per production setting, so a pipeline can silence or grep one.
_PRODUCTION_SETTING_IDS = {
    "SECRET_KEY": "dhakacart.E001",
    "ALLOWED_HOSTS": "dhakacart.E002",
    "SITE_URL": "dhakacart.E003",
    "EMAIL_URL": "dhakacart.E004",
}


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


@register(Tags.security, deploy=True)
def production_settings_are_set(app_configs, **kwargs):
    """Every variable production refuses to start without. With DEBUG off a missing one already
    stopped start-up (naming them all); under DEBUG this lists what a deployment would lack."""
    return [
        Error(PRODUCTION_SETTINGS[name], id=_PRODUCTION_SETTING_IDS[name])
        for name in settings.MISSING_PRODUCTION_SETTINGS
    ]


@register(deploy=True)
def media_urls_are_stable(app_configs, **kwargs):
    """Images straight from a private bucket get presigned URLs that change on every page, so no
    phone or CDN can cache them; a CDN domain in front of the bucket serves them unsigned."""
    if settings.AWS_STORAGE_BUCKET_NAME and not settings.AWS_S3_CUSTOM_DOMAIN:
        return [
            Warning(
                "AWS_STORAGE_BUCKET_NAME is set without AWS_S3_CUSTOM_DOMAIN: every image URL is "
                "signed anew on each page, so no browser or CDN can cache it.",
                hint="Set AWS_S3_CUSTOM_DOMAIN to the CDN domain that serves the bucket.",
                id="dhakacart.W002",
            )
        ]
    return []
