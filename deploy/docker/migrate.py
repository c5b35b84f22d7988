"""Database migrations in the cluster: one at a time, and app pods that wait for them.

`python deploy/docker/migrate.py` (the migration Job) takes a PostgreSQL advisory lock before
`manage.py migrate --noinput`, so two Jobs (two upgrades close together, or a retried Job while
the first still runs) never migrate at once: the second waits for the lock, then finds nothing
left to do. The lock is held by a session of its own and goes when the process ends, however it
ends. Each migration statement waits for table locks at most as long as the Job's PGOPTIONS
lock_timeout says, so a migration never queues every request of the shop behind it.

`python deploy/docker/migrate.py --wait` (the app pods' init container) returns once every
migration of this image is applied, so new code never starts against the old schema.
"""

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# One number for "DhakaCart migrations" in pg_advisory_lock's keyspace.
LOCK_KEY = 7_164_934_901
logger = logging.getLogger("dhakacart.migrate")


class MigrationLockTimeout(Exception):
    """Another migration held the lock for longer than we were willing to wait."""


def setup() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhakacart.settings")
    import django

    django.setup()


def migrate(*, lock_wait: str) -> None:
    """Run every pending migration while holding the migration lock."""
    from django.core.management import call_command
    from django.db import OperationalError, connections

    lock = connections.create_connection("default")
    try:
        with lock.cursor() as cursor:
            # Waiting for another Job's migrations is expected; only this wait is long.
            cursor.execute("SELECT set_config('lock_timeout', %s, false)", [lock_wait])
            try:
                cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
            except OperationalError as error:
                raise MigrationLockTimeout(
                    f"another migration still holds the lock after {lock_wait}; nothing was migrated"
                ) from error
        logger.info("migration lock taken")
        call_command("migrate", interactive=False)
    finally:
        lock.close()  # ends the session, which releases the lock


def pending_migrations() -> list[str]:
    """Migrations of this code not yet applied to the database, as "app.name"."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def wait_for_migrations(*, poll_seconds: float) -> None:
    from django.db import DatabaseError, connection

    while True:
        try:
            pending = pending_migrations()
        except DatabaseError as error:
            logger.warning("database not answering yet: %s", error)
            pending = None
        if pending == []:
            logger.info("every migration is applied")
            return
        if pending:
            logger.info("waiting for %d migrations, first %s", len(pending), pending[0])
        connection.close()
        time.sleep(poll_seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wait", action="store_true", help="wait until every migration is applied")
    parser.add_argument("--poll-seconds", type=float, default=3.0)
    parser.add_argument(
        "--lock-wait",
        default=os.environ.get("MIGRATION_LOCK_WAIT", "10min"),
        help="how long to wait for another Job's migrations (a PostgreSQL interval)",
    )
    args = parser.parse_args(argv)
    setup()
    if args.wait:
        wait_for_migrations(poll_seconds=args.poll_seconds)
        return 0
    try:
        migrate(lock_wait=args.lock_wait)
    except MigrationLockTimeout as error:
        logger.error("%s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
