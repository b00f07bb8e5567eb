"""Opening the database: URL rewriting, SQLite pragmas, and the schema check against the migrations.

``open_engine`` is the one way in. It rewrites plain ``postgresql://`` URLs to the psycopg 3 driver
the project installs; on SQLite it turns on WAL, a busy timeout and foreign keys, and begins every
write transaction with ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout instead of one
of them failing with "database is locked" when it upgrades a read lock. A database with no tables
at all is migrated on first use; one behind the code's migrations is refused with the command that
upgrades it. ``reader(engine)`` gives read-only connections that never queue behind writers.

Alembic is configured in code (no alembic.ini): the scripts ship inside the package, so
``quotes db upgrade`` works after a plain ``pip install .`` from any directory.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# The code's schema revision: the single head of db/migrations/versions (test_one_migration_head checks
# it). A constant, so that opening a database does not import Alembic (a quarter of a second of every
# command's start-up); Alembic is imported only to migrate.
SCHEMA_REVISION = "0006"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 60_000  # writers queue this long before SQLite gives up on a lock
DEFERRED_OPTION = "quotes_sqlite_deferred"  # execution option: a read-only transaction (see reader())

log = logging.getLogger(__name__)

# The URL of the database this process opened last, for an error that surfaces later (a refused write)
# to name it (see db.errors and tracker.cli): a command opens one database.
_last_url: str | URL | None = None


def last_url() -> str | URL | None:
    return _last_url


class SchemaOutOfDateError(RuntimeError):
    """The database's schema revision is not the code's: it needs ``quotes db upgrade``."""


def database_url(url: str | URL) -> URL:
    """Parse ``url``; plain PostgreSQL URLs get the psycopg 3 driver. (The default URL is a setting of
    the tracker: QUOTES_DATABASE_URL.)"""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _is_readonly_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.query.get("mode") == "ro"


def _is_memory_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _install_sqlite_pragmas(engine: Engine, *, readonly: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so we can say BEGIN IMMEDIATE ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            _set_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred BEGIN that later writes fails at once (SQLITE_BUSY, no wait) when another
        # writer got there first; IMMEDIATE takes the write lock up front and waits on busy_timeout.
        # Pure readers (``reader()``) need no lock at all in WAL mode and say so.
        deferred = readonly or conn.get_execution_options().get(DEFERRED_OPTION, False)
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def _set_wal(cursor: Any) -> None:
    """WAL mode, waiting out another process that holds the file: switching the journal mode needs a
    lock that SQLite does not wait for with busy_timeout (two processes opening one fresh file race)."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def reader(engine: Engine) -> Connection:
    """A connection for reading only: on SQLite its transactions take no write lock, so it neither
    waits for writers nor makes them wait (WAL). Use as ``with reader(engine) as conn: ...``.

    Plain ``engine.connect()`` is safe for reads too, but on SQLite it queues behind writers.
    """
    return engine.connect().execution_options(**{DEFERRED_OPTION: True})


def create_raw_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine with the backend settings but no schema check (migrations and tools use it).

    A SQLite file's directory must exist: a mistyped path is an error, not a new directory."""
    global _last_url  # noqa: PLW0603 - see _last_url
    _last_url = url
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite":
        if _is_memory_sqlite(parsed):
            kwargs.setdefault("poolclass", StaticPool)
            kwargs.setdefault("connect_args", {"check_same_thread": False})
        elif parsed.database and not parsed.query.get("uri"):
            _require_directory(parsed)
        engine = create_engine(parsed, **kwargs)
        _install_sqlite_pragmas(engine, readonly=_is_readonly_sqlite(parsed))
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


def _require_directory(url: URL) -> None:
    from db.errors import DatabaseUnavailable, shown

    directory = Path(url.database or "").expanduser().parent
    if not directory.is_dir():
        raise DatabaseUnavailable(f"{shown(url)}: the directory {directory} does not exist: "
                                  f"create it first (mkdir -p {directory}) or correct the path")


def missing_sqlite_file(url: str | URL) -> Path | None:
    """The file a SQLite URL names when there is no such file (opening it would create one), else None."""
    parsed = database_url(url)
    if parsed.get_backend_name() != "sqlite" or _is_memory_sqlite(parsed):
        return None
    path = parsed.database or ""
    if parsed.query.get("uri"):
        from urllib.parse import unquote

        path = unquote(path.removeprefix("file:"))
    file = Path(path).expanduser()
    return None if file.is_file() else file


def alembic_config(connection: Connection | None = None, url: str | URL | None = None) -> Config:
    """Alembic's configuration, built in code: script location inside the installed package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        rendered = database_url(url).render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The code's schema revision (the single head of db/migrations/versions)."""
    return SCHEMA_REVISION


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (Alembic's version table), or None when it was never migrated."""
    with reader(engine) as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(versions) > 1:
        raise RuntimeError(f"the database has {len(versions)} schema heads ({', '.join(versions)}); expected one")
    return versions[0] if versions else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` (default: the code's head)."""
    from alembic import command

    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)
        conn.commit()


def _has_tables(engine: Engine) -> bool:
    with reader(engine) as conn:
        return bool(inspect(conn).get_table_names())


def _upgrade_command(engine: Engine) -> str:
    shown = engine.url.render_as_string(hide_password=True)
    return f"quotes db upgrade --db {shown}"


def check_schema(engine: Engine) -> None:
    """Raise SchemaOutOfDateError unless the database is at the code's head revision."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        raise SchemaOutOfDateError(
            "the database has tables but no schema revision (not created by quotes?); "
            f"to bring it under migrations run: {_upgrade_command(engine)}"
        )
    known = {script.revision for script in _script_directory().walk_revisions()}
    if current not in known:
        raise SchemaOutOfDateError(
            f"the database is at schema revision {current}, newer than this code ({head}): "
            "upgrade the quote-tracker package"
        )
    raise SchemaOutOfDateError(
        f"the database is at schema revision {current}, behind this code's {head}; "
        f"run: {_upgrade_command(engine)}"
    )


def open_engine(url: str | URL, *, check: bool = True, create: bool = True) -> Engine:
    """Open the quote database at ``url``.

    A database with no tables (a fresh SQLite file, an empty PostgreSQL database) is migrated
    to the head revision, unless ``create`` is False (read-only commands): then it raises
    db.errors.DatabaseUnavailable, as does a SQLite file that does not exist, which is not created.
    With ``check``, a database at another revision raises SchemaOutOfDateError naming ``quotes db upgrade``.
    """
    from db.errors import DatabaseUnavailable, shown

    if not create and missing_sqlite_file(url) is not None:
        raise DatabaseUnavailable(f"{shown(database_url(url))}: no such database file: correct the path, "
                                  "or store something first (quotes ingest, quotes crawl)")
    engine = create_raw_engine(url)
    parsed = engine.url
    if not create and not _has_tables(engine):
        engine.dispose()
        raise DatabaseUnavailable(f"{shown(parsed)}: the database is empty (no quote tables): store something "
                                  "first (quotes ingest, quotes crawl) or correct --db")
    if not _is_readonly_sqlite(parsed) and not _has_tables(engine):
        log.info("creating the quote database schema in %s", parsed.render_as_string(hide_password=True))
        upgrade(engine)
    if check:
        check_schema(engine)
    return engine
