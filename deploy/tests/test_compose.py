"""docker-compose.yml: the services, their processes and variables, and start-up order."""

import json
import os
import subprocess
import sys

import pytest
import yaml

from .contract import APP_VARIABLES, BEAT, MIGRATE, ROOT, WEB, WORKER, option, starts_with

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "web", "worker", "beat")


def test_the_stack_has_the_app_processes_a_database_redis_and_a_mail_catcher():
    assert set(SERVICES) == {"web", "worker", "beat", "migrate", "postgres", "redis", "mailpit"}
    assert SERVICES["postgres"]["image"].startswith("postgres:")
    assert SERVICES["redis"]["image"].startswith("redis:")
    assert SERVICES["mailpit"]["image"].startswith("axllent/mailpit:")
    for name in APP_SERVICES:
        assert SERVICES[name]["build"] == "."


def test_each_app_service_runs_its_process_of_the_operations_contract():
    assert SERVICES["web"]["command"] == WEB
    assert starts_with(SERVICES["worker"]["command"], WORKER)
    assert starts_with(SERVICES["beat"]["command"], BEAT)
    assert SERVICES["migrate"]["command"] == MIGRATE
    # beat's schedule file must be on the tmpfs: the root filesystem is read-only.
    assert option(SERVICES["beat"]["command"], "--schedule").startswith("/tmp/")
    assert "/tmp" in SERVICES["beat"]["tmpfs"]  # noqa: S108


def test_app_services_use_only_the_apps_variables_and_point_at_the_stacks_servers():
    for name in APP_SERVICES:
        env = SERVICES[name]["environment"]
        assert set(env) <= APP_VARIABLES, name
        assert env["DEBUG"] == "0"
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379/")
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert env["EMAIL_URL"] == "smtp://mailpit:1025"
        assert SERVICES[name]["read_only"] is True
    web = SERVICES["web"]["environment"]
    assert web["WEB_CONCURRENCY"] == "2"
    assert web["PROMETHEUS_MULTIPROC_DIR"] in SERVICES["web"]["tmpfs"]


def test_the_database_user_matches_the_apps_database_url():
    postgres = SERVICES["postgres"]["environment"]

    url = SERVICES["web"]["environment"]["DATABASE_URL"]
    expected = "postgres://{POSTGRES_USER}:{POSTGRES_PASSWORD}@postgres:5432/{POSTGRES_DB}".format(**postgres)
    assert url == expected


def test_the_compose_environment_loads_the_production_settings_it_names(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    env.update({key: str(value) for key, value in SERVICES["web"]["environment"].items()})
    # A tmpfs in the container; here, a directory of the test's own.
    env["PROMETHEUS_MULTIPROC_DIR"] = str(tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "dhakacart.settings"
    script = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.DEBUG, s.DATABASES['default']['HOST'], s.CACHES['default']['LOCATION'],"
        " s.CELERY_BROKER_URL, s.EMAIL_HOST, s.EMAIL_PORT, s.SECURE_SSL_REDIRECT]))"
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [
        False,
        "postgres",
        "redis://redis:6379/0",
        "redis://redis:6379/1",
        "mailpit",
        1025,
        False,
    ]


@pytest.mark.parametrize("name", ["postgres", "redis", "mailpit", "web", "worker"])
def test_long_running_services_have_health_checks(name):
    healthcheck = SERVICES[name]["healthcheck"]

    assert healthcheck["test"][0] in ("CMD", "CMD-SHELL")
    assert healthcheck["interval"] and healthcheck["retries"] >= 3


def test_migrations_run_once_on_a_healthy_database_before_the_app_starts():
    assert SERVICES["migrate"]["restart"] == "no"
    assert SERVICES["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in ("web", "worker", "beat"):
        depends = SERVICES[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}, name
        assert depends["redis"] == {"condition": "service_healthy"}, name


def test_data_lives_in_named_volumes():
    declared = set(COMPOSE["volumes"])

    for name, path in (("postgres", "/var/lib/postgresql/data"), ("redis", "/data"), ("mailpit", "/data")):
        (volume,) = SERVICES[name]["volumes"]
        source, target = volume.split(":")
        assert source in declared and target == path
    media = [v.split(":")[0] for v in SERVICES["web"]["volumes"]]
    assert media == ["media"] and "media" in declared


def test_ports_are_published_on_the_loopback_only():
    for service in SERVICES.values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:")


def test_links_in_e_mails_point_at_the_local_shop_and_mail_goes_to_mailpit():
    for name in APP_SERVICES:
        env = SERVICES[name]["environment"]
        assert env["SITE_URL"] == "http://localhost:8000", name
        assert env["EMAIL_URL"] == "smtp://mailpit:1025", name


def test_the_worker_serves_its_metrics_from_a_tmpfs_directory():
    worker = SERVICES["worker"]
    env = worker["environment"]

    assert env["PROMETHEUS_MULTIPROC_DIR"] in worker["tmpfs"]
    assert worker["ports"] == [
        f"127.0.0.1:{env['CELERY_WORKER_METRICS_PORT']}:{env['CELERY_WORKER_METRICS_PORT']}"
    ]
