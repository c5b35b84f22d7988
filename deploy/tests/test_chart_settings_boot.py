"""The rendered chart's configuration boots the production settings.

The ConfigMap and Secret of the rendered chart (default and production values, placeholder
secrets) are the whole environment of `manage.py check --deploy --fail-level WARNING`, run as
its own process: a value the settings refuse (a float where an integer belongs, a missing
SITE_URL or mail setting) fails here instead of in the cluster.
"""

import base64
import re
import subprocess
import sys

import pytest

from .contract import ROOT
from .test_helm_chart import PRODUCTION, one, render

PLACEHOLDERS = {
    "SECRET_KEY": "placeholder-secret-key-" + "x" * 50,
    "DATABASE_URL": "postgres://dhakacart_app:placeholder@db.invalid:5432/dhakacart",
    "REDIS_URL": "rediss://:placeholder@redis.invalid:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:placeholder@smtp.invalid:587",
    "METRICS_TOKEN": "placeholder-metrics-token",
}
# What Secrets Manager holds for the External Secrets Operator's template.
REMOTE = {
    "db_username": "dhakacart_app",
    "db_password": "pla/ce:holder@",
    "db_host": "proxy.invalid",
    "db_port": "5432",
    "db_dbname": "dhakacart",
    **{key: value for key, value in PLACEHOLDERS.items() if key != "DATABASE_URL"},
}
ESO_FIELD = re.compile(r"\{\{\s*\.(\w+)\s*(\|\s*urlquery\s*)?\}\}")


def chart_made_secret(objects) -> dict[str, str]:
    secret = one(objects, "Secret")
    return {key: base64.b64decode(value).decode() for key, value in secret["data"].items()}


def operator_made_secret(objects) -> dict[str, str]:
    """The Secret the External Secrets Operator would write, from its template and REMOTE."""
    from urllib.parse import quote

    def field(match):
        value = REMOTE[match.group(1)]
        return quote(value, safe="") if match.group(2) else value

    template = one(objects, "ExternalSecret")["spec"]["target"]["template"]["data"]
    return {key: ESO_FIELD.sub(field, text) for key, text in template.items()}


def default_environment() -> dict[str, str]:
    secrets = {
        "databaseUrl": PLACEHOLDERS["DATABASE_URL"],
        "redisUrl": PLACEHOLDERS["REDIS_URL"],
        "emailUrl": PLACEHOLDERS["EMAIL_URL"],
        "metricsToken": PLACEHOLDERS["METRICS_TOKEN"],
    }
    objects = render({"secrets": secrets})
    return {**one(objects, "ConfigMap")["data"], **chart_made_secret(objects)}


def production_environment() -> dict[str, str]:
    objects = render(PRODUCTION)
    assert not [o for o in objects if o["kind"] == "Secret"]
    return {**one(objects, "ConfigMap")["data"], **operator_made_secret(objects)}


ENVIRONMENTS = {"default": default_environment, "production": production_environment}


@pytest.mark.parametrize("build", ENVIRONMENTS.values(), ids=ENVIRONMENTS.keys())
def test_the_rendered_configuration_passes_the_production_check(build):
    env = build()

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,  # exactly the rendered variables, nothing of the test run's
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("build", ENVIRONMENTS.values(), ids=ENVIRONMENTS.keys())
def test_the_rendered_configuration_sets_what_production_settings_require(build):
    env = build()

    assert env["DEBUG"] == "0"
    assert env["SITE_URL"].startswith("https://")
    assert env["EMAIL_URL"]
    assert env["SECURE_HSTS_SECONDS"].isdigit()
    assert env["DATABASE_URL"].startswith("postgres://")


def test_the_database_url_the_operator_builds_keeps_a_password_with_url_characters_intact():
    env = production_environment()

    script = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "d = s.DATABASES['default']; print(json.dumps([d['USER'], d['PASSWORD'], d['HOST'], d['NAME'],"
        " d['OPTIONS'].get('sslmode')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "dhakacart.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        '["dhakacart_app", "pla/ce:holder@", "proxy.invalid", "dhakacart", "verify-full"]'
    )
