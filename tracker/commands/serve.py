"""``quotes serve``: the SQLite quote database in Datasette, read-only, ready to explore.

Wiring only: the metadata (views, full-text search on quotations, facets by speaker, outlet and month,
canned queries from docs/schema.md) is built here and handed to Datasette, an optional extra
(``pip install ".[research]"``). Datasette reads SQLite through ``mode=ro`` connections; the database
is never created: a mistyped path is one line.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.options import Database, resolve

# Canned queries (docs/schema.md, "Example queries"); :named parameters become form fields in Datasette.
CANNED_QUERIES: dict[str, dict[str, str]] = {
    "person_quotations": {
        "title": "Everything a person said, most recent first",
        "sql": "SELECT said_on, first_seen, n_articles, text FROM quotations_with_speaker "
               "WHERE speaker = :speaker ORDER BY coalesce(said_on, '') DESC, first_seen DESC",
    },
    "person_per_month": {
        "title": "How much a person is quoted, month by month",
        "sql": "SELECT month, n_quotations, n_mentions FROM quotations_per_person_month "
               "WHERE speaker = :speaker ORDER BY month",
    },
    "most_repeated": {
        "title": "The most repeated quotations",
        "sql": "SELECT speaker, n_articles, outlets, text FROM quotations_with_speaker "
               "ORDER BY n_articles DESC, quote_id LIMIT 20",
    },
    "search": {
        "title": "Full-text search, best match first (FTS5 syntax)",
        "sql": "SELECT q.quote_id, q.speaker, q.said_on, q.n_articles, q.text FROM quotations_fts "
               "JOIN quotations_with_speaker q ON q.quote_id = quotations_fts.rowid "
               "WHERE quotations_fts MATCH :words ORDER BY rank",
    },
}


def metadata(name: str) -> dict[str, Any]:
    """Datasette metadata for the database called ``name`` (its file's stem)."""
    return {
        "title": "Quote tracker",
        "description": "Quotations, who said them, and the articles that carried them (read-only).",
        "databases": {name: {
            "tables": {
                "quotations_with_speaker": {"fts_table": "quotations_fts", "fts_pk": "rowid",
                                            "facets": ["speaker"], "sort_desc": "n_articles"},
                "mentions_with_article": {"facets": ["speaker", "outlet"]},
                "quotations_per_person_month": {"facets": ["speaker", "month"]},
            },
            "queries": CANNED_QUERIES,
        }},
    }


def _sqlite_file(db: str | None) -> Path:
    from db.engine import database_url
    from db.errors import DatabaseUnavailable, shown

    url = database_url(resolve(database_url=db).database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise DatabaseUnavailable(f"{shown(url)}: quotes serve opens a SQLite file (Datasette reads SQLite only); "
                                  "export from PostgreSQL or give --db sqlite:///PATH")
    path = Path(url.database).expanduser()
    if not path.is_file():
        raise DatabaseUnavailable(f"{shown(url)}: no such database file: correct the path, "
                                  "or store something first (quotes ingest, quotes crawl)")
    return path


def serve(
    db: Database = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: any free one).")] = 8001,
) -> None:
    """Explore the database in Datasette (read-only): views, search, facets, canned queries."""
    if find_spec("datasette") is None:
        typer.echo('error: Datasette is not installed: pip install ".[research]" (or pip install datasette)',
                   err=True)
        raise typer.Exit(2)
    path = _sqlite_file(db)
    with tempfile.TemporaryDirectory(prefix="quotes-serve-") as scratch:
        meta = Path(scratch) / "metadata.json"
        meta.write_text(json.dumps(metadata(path.stem), indent=2), encoding="utf-8")
        command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(meta),
                   "--host", host, "--port", str(port), "--setting", "default_facet_size", "20"]
        typer.echo(f"serving {path} read-only on http://{host}:{port}/ (Ctrl-C stops)", err=True)
        try:
            raise typer.Exit(subprocess.call(command))
        except KeyboardInterrupt:
            raise typer.Exit(0) from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
