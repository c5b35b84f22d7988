"""deploy/docker/migrate.py: one migration at a time, and app pods that wait for them."""

import importlib.util

import pytest
from django.db import connection, connections

from .contract import ROOT

SCRIPT = ROOT / "deploy" / "docker" / "migrate.py"


def load_script():
    spec = importlib.util.spec_from_file_location("deploy_migrate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


migrate_script = load_script()


@pytest.fixture
def lock_held_elsewhere(transactional_db):
    """Another Job's session holding the migration lock."""
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [migrate_script.LOCK_KEY])
    yield
    other.close()


def migration_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations")
        return cursor.fetchone()[0]


def test_a_second_migration_waits_for_the_lock_and_gives_up_without_migrating(lock_held_elsewhere):
    before = migration_rows()

    with pytest.raises(migrate_script.MigrationLockTimeout, match="another migration still holds the lock"):
        migrate_script.migrate(lock_wait="200ms")

    assert migration_rows() == before


@pytest.mark.django_db(transaction=True)
def test_with_the_lock_free_it_migrates_and_releases_the_lock():
    migrate_script.migrate(lock_wait="5s")

    assert migrate_script.pending_migrations() == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [migrate_script.LOCK_KEY])
        assert cursor.fetchone()[0] is True
        cursor.execute("SELECT pg_advisory_unlock(%s)", [migrate_script.LOCK_KEY])


@pytest.mark.django_db(transaction=True)
def test_pods_wait_until_every_migration_is_applied():
    assert migrate_script.pending_migrations() == []
    # Returns at once on a migrated database.
    migrate_script.wait_for_migrations(poll_seconds=0.1)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT app, name FROM django_migrations WHERE app = 'orders' ORDER BY id DESC LIMIT 1"
        )
        app, name = cursor.fetchone()
        cursor.execute("DELETE FROM django_migrations WHERE app = %s AND name = %s", [app, name])
    try:
        assert migrate_script.pending_migrations() == [f"{app}.{name}"]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, now())", [app, name]
            )
