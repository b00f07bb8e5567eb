"""Read-only access for researchers: SQLite opened with ``mode=ro``, a PostgreSQL role with SELECT only.

``open_readonly`` is what the research commands (search, export, people list) use on SQLite, so a
long export never holds the write lock the crawler needs. ``grant_readonly`` backs
``quotes db grant-readonly ROLE``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from db.engine import database_url, open_engine

ROLE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class AccessError(ValueError):
    """A read-only access request that cannot be served (no such file, bad role name...)."""


def readonly_sqlite_url(path: str | Path) -> URL:
    """The SQLAlchemy URL opening the SQLite file at ``path`` read-only (``file:...?mode=ro``)."""
    resolved = Path(path).expanduser().resolve()
    if not resolved.is_file():
        raise AccessError(f"{resolved}: no such database file")
    # An SQLite URI: '?', '#', '%' and spaces in the path are percent-encoded (SQLite decodes them).
    # URL.create keeps the database part as given (make_url would decode it first).
    return URL.create("sqlite", database=f"file:{quote(str(resolved))}", query={"mode": "ro", "uri": "true"})


def readonly_url(url: str | URL) -> URL:
    """``url`` itself, except that a SQLite file URL becomes its read-only form."""
    parsed = database_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.query.get("mode") == "ro":
        return parsed
    if parsed.database in (None, "", ":memory:") or parsed.query.get("uri"):
        return parsed
    return readonly_sqlite_url(parsed.database)


def open_readonly(path: str | Path, *, check: bool = True) -> Engine:
    """An engine on the SQLite file at ``path`` that cannot write (``mode=ro``).

    Any INSERT/UPDATE/DELETE raises ``sqlite3.OperationalError: attempt to write a readonly
    database`` (wrapped by SQLAlchemy). With ``check``, a file behind the code's schema raises
    ``db.engine.SchemaOutOfDateError``.
    """
    return open_engine(readonly_sqlite_url(path), check=check)


def _quoted_role(engine: Engine, role: str) -> str:
    if not ROLE_RE.match(role):
        raise AccessError(f"{role!r} is not a plain role name (letters, digits, underscore; 63 at most)")
    return engine.dialect.identifier_preparer.quote(role)


def grant_readonly(engine: Engine, role: str, *, schema: str = "public") -> None:
    """Create (if needed) a PostgreSQL login role that can read every table and view, and write none.

    Covers the tables that exist now and, through default privileges, those later migrations add.
    The role gets no password here: set one with ``ALTER ROLE ... PASSWORD`` or rely on the
    server's authentication (pg_hba.conf). Idempotent.
    """
    if engine.dialect.name != "postgresql":
        raise AccessError(
            "grant-readonly is for PostgreSQL; open SQLite read-only with db.access.open_readonly "
            "(or `sqlite3 'file:quotes.db?mode=ro'`)"
        )
    quoted = _quoted_role(engine, role)
    quoted_schema = _quoted_role(engine, schema)
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}).first()
        database = engine.dialect.identifier_preparer.quote(
            conn.execute(text("SELECT current_database()")).scalar_one()
        )
        statements = [] if exists else [f"CREATE ROLE {quoted} LOGIN"]
        statements += [
            f"GRANT CONNECT ON DATABASE {database} TO {quoted}",
            f"GRANT USAGE ON SCHEMA {quoted_schema} TO {quoted}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {quoted_schema} TO {quoted}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {quoted_schema} GRANT SELECT ON TABLES TO {quoted}",
        ]
        for statement in statements:  # identifiers only, validated and quoted above
            conn.execute(text(statement))
