"""Alembic environment, configured in code by db.engine.alembic_config (no alembic.ini needed).

Runs on the connection db.engine hands over (``config.attributes["connection"]``), else on the
``sqlalchemy.url`` option. SQLite uses batch mode (it cannot ALTER most things in place).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from db.models import Base

# Two processes may migrate one fresh PostgreSQL database at once; this lock makes the second wait
# and then find the work done. (An arbitrary constant, the same in every process.)
PG_MIGRATION_LOCK_KEY = 4_120_551_817

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs: object) -> None:
    context.configure(target_metadata=target_metadata, compare_type=True, **kwargs)


def _run_on(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    # SQLite's DDL is transactional, but Alembic assumes it is not and commits after each revision: two
    # processes creating one fresh file would then interleave their revisions (one adding a column the
    # other just added). One transaction for the whole upgrade (BEGIN IMMEDIATE, db.engine) makes the
    # second process wait and then find the work done.
    _configure(connection=connection, render_as_batch=sqlite, **({"transactional_ddl": True} if sqlite else {}))
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK_KEY})
        context.run_migrations()


def run_migrations_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    from db.engine import create_raw_engine

    engine = create_raw_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as conn:
            _run_on(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
