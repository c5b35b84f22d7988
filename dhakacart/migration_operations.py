"""Migration operations that keep hot tables (orders, products, carts, users) serving.

A plain AddField with a CHECK, AddIndex or RemoveIndex holds an ACCESS EXCLUSIVE lock on the
table while PostgreSQL scans or builds: every checkout queues behind it. These do the same to
the schema without that lock (deploy/README.md, "Migrations on hot tables"):

- indexes are built and dropped CONCURRENTLY (the migration must be `atomic = False`);
- a column's CHECK is added NOT VALID and then validated, which scans under a lock that lets
  reads and writes through;
- each short ACCESS EXCLUSIVE step waits at most LOCK_TIMEOUT for its lock and is retried with
  back-off, so it never queues the shop behind a long transaction.

On other databases (SQLite under `make run`) they are the ordinary operations.
`dhakacart/tests/test_migration_safety.py` refuses new migrations that lock hot tables for long.
"""

import copy
import time

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import OperationalError, migrations, transaction

LOCK_TIMEOUT = "2s"
# The short steps only change the catalogue of the table; a long one is waiting, not working.
STATEMENT_TIMEOUT = "15s"
ATTEMPTS = 8
LOCK_NOT_AVAILABLE = "55P03"


def _is_postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def with_lock_retries(schema_editor, step) -> None:
    """Run step() in a transaction that gives up its lock wait after LOCK_TIMEOUT; retry."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                schema_editor.execute(f"SET LOCAL statement_timeout = '{STATEMENT_TIMEOUT}'")
                step()
            return
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE or attempt == ATTEMPTS:
                raise
            time.sleep(min(2**attempt, 30) / 10)


class AddIndexConcurrentlyOnPostgreSQL(AddIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if _is_postgresql(schema_editor):
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if _is_postgresql(schema_editor):
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


class RemoveIndexConcurrentlyOnPostgreSQL(RemoveIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if _is_postgresql(schema_editor):
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return migrations.RemoveIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if _is_postgresql(schema_editor):
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return migrations.RemoveIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


class AddFieldWithCheckNotValid(migrations.AddField):
    """AddField whose column CHECK (a positive integer's) is added NOT VALID, then validated.

    The constraint gets PostgreSQL's own name for an inline column check, so the schema is the
    one a plain AddField makes.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not _is_postgresql(schema_editor):
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        check = field.db_parameters(connection=schema_editor.connection)["check"]
        without_check = copy.copy(field)
        without_check.db_check = lambda connection: None
        table, column = model._meta.db_table, field.column
        name = f"{table}_{column}_check"[:63]
        quote = schema_editor.quote_name

        with_lock_retries(schema_editor, lambda: schema_editor.add_field(model, without_check))
        with_lock_retries(
            schema_editor,
            lambda: schema_editor.execute(
                f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} CHECK ({check}) NOT VALID"
            ),
        )
        # Scans the table under SHARE UPDATE EXCLUSIVE: orders keep being written meanwhile.
        schema_editor.execute(f"ALTER TABLE {quote(table)} VALIDATE CONSTRAINT {quote(name)}")


class CreateModelReferencingHotTables(migrations.CreateModel):
    """CreateModel whose foreign keys to busy tables never queue the shop behind them.

    Adding a foreign key takes a SHARE ROW EXCLUSIVE lock on the table it points to (users,
    vouchers): waiting for it behind a long transaction would block every write there. So the
    table is created first, then each reference is added NOT VALID under lock retries and
    validated afterwards, which needs no lock that stops writes. The new table is empty, so
    both are instant; the schema is the one a plain CreateModel makes. The migration must be
    `atomic = False`.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not _is_postgresql(schema_editor):
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.name)
        before = len(schema_editor.deferred_sql)
        schema_editor.create_model(model)
        created = schema_editor.deferred_sql[before:]
        references = [sql for sql in created if getattr(sql, "template", None) == schema_editor.sql_create_fk]
        schema_editor.deferred_sql[before:] = [sql for sql in created if sql not in references]
        table = schema_editor.quote_name(model._meta.db_table)
        for reference in references:
            statement = f"{reference} NOT VALID"
            with_lock_retries(schema_editor, lambda statement=statement: schema_editor.execute(statement))
            schema_editor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {reference.parts['name']}")


class AddFieldWithLockRetries(migrations.AddField):
    """AddField for a column PostgreSQL adds without a scan (nullable, or NOT NULL with a constant
    default: PostgreSQL 11+ stores the default in the catalogue), whose short ACCESS EXCLUSIVE
    lock waits at most LOCK_TIMEOUT and is retried, so a long transaction never queues the shop
    behind it. Not for columns with a CHECK or a reference (AddFieldWithCheckNotValid)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not _is_postgresql(schema_editor):
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        with_lock_retries(
            schema_editor,
            lambda: super(AddFieldWithLockRetries, self).database_forwards(
                app_label, schema_editor, from_state, to_state
            ),
        )
