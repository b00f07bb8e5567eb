"""Database errors as one line for the person at the keyboard: the URL (password masked), what is
wrong, and what to do, instead of a 150-line traceback.

``explain(exc, url)`` reads SQLAlchemy's and the drivers' (sqlite3, psycopg) messages; the command line
(tracker/cli.py) prints it and exits with status 2.
"""

from __future__ import annotations

import re
from typing import Any

# (pattern in the driver's message, what is wrong: what to do). First match wins.
_CAUSES: tuple[tuple[str, str], ...] = (
    (r"connection refused|connect\(\) failed|could not connect", "nothing answers at that host and port: "
     "start PostgreSQL there or correct the host/port in --db (or QUOTES_DATABASE_URL)"),
    (r"could not translate host name|name or service not known|nodename nor servname|"
     r"failed to resolve|temporary failure in name resolution", "unknown host: correct the host in --db "
     "(or QUOTES_DATABASE_URL)"),
    (r'database "[^"]*" does not exist', "no such PostgreSQL database: create it (createdb NAME) "
     "or correct the name in --db"),
    (r"password authentication failed|no password supplied|role \"[^\"]*\" does not exist",
     "the server refused these credentials: correct the user/password in --db"),
    (r"permission denied|must be owner|insufficient privilege|readonly database|read-only",
     "this connection may only read (a read-only role or file): use a role or file that can write"),
    (r"file is not a database|file is encrypted", "this file is not an SQLite database: point --db at the "
     "quote database (or a new file name)"),
    (r"unable to open database file", "SQLite cannot open or create the file: check that its directory "
     "exists and is writable"),
    (r"disk i/o error|database or disk is full", "the disk failed or is full: free space and retry"),
)


class DatabaseUnavailable(RuntimeError):
    """A database that cannot be used as asked; ``str()`` is the one line to show."""


def shown(url: Any) -> str:
    """``url`` as text with its password masked (also when it does not parse as a URL)."""
    render = getattr(url, "render_as_string", None)
    text = render(hide_password=True) if render else str(url)
    if render and url.get_backend_name() == "sqlite" and url.query.get("uri"):
        from urllib.parse import unquote  # a read-only SQLite URI: show the file as the user named it

        text = "sqlite:///" + unquote((url.database or "").removeprefix("file:"))
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", text)


def explain(exc: BaseException, url: Any) -> str:
    """One line: ``URL: what is wrong: what to do``."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    where = shown(url) if url is not None else "the database"
    if isinstance(exc, DatabaseUnavailable):
        return str(exc)
    if isinstance(exc, NoSuchModuleError | ArgumentError):
        return (f"{where}: not a database URL this program can open: use sqlite:///PATH or "
                "postgresql://USER@HOST/DATABASE")
    message = str(getattr(exc, "orig", None) or exc)
    for pattern, advice in _CAUSES:
        if re.search(pattern, message, re.IGNORECASE):
            return f"{where}: {advice}"
    first = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    return f"{where}: {first}"
