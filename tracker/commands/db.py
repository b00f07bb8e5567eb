"""``quotes db upgrade|current|grant-readonly|refold``, ``quotes ingest`` and ``quotes attribute``.

Wiring only: the work is in db.engine, db.ingest and db.attribute. Heavy imports stay inside the
command functions so ``quotes --help`` stays fast.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.options import BatchSize, Database, Lease, Processes, resolve

if TYPE_CHECKING:
    from sqlalchemy import Engine

db_app = typer.Typer(help="The quote database: migrations and access.", no_args_is_help=True)


def _url(db: str | None) -> str:
    return resolve(database_url=db).database_url


def _open(db: str | None) -> Engine:
    from db.engine import SchemaOutOfDateError, open_engine

    try:
        return open_engine(_url(db))
    except SchemaOutOfDateError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


@db_app.command("upgrade")
def upgrade_command(db: Database = None, revision: str = typer.Option("head", help="Target revision.")) -> None:
    """Create or migrate the database schema to the code's revision."""
    from db.engine import create_raw_engine, current_revision, upgrade

    engine = create_raw_engine(_url(db))
    try:
        before = current_revision(engine)
        upgrade(engine, revision)
        after = current_revision(engine)
    finally:
        engine.dispose()
    shown = engine.url.render_as_string(hide_password=True)
    if before == after:
        typer.echo(f"{shown}: already at {after}")
    else:
        typer.echo(f"{shown}: upgraded {before or '(empty)'} -> {after}")


@db_app.command("current")
def current_command(db: Database = None) -> None:
    """Show the database's schema revision and the code's."""
    from db.engine import create_raw_engine, current_revision, head_revision, missing_sqlite_file

    missing = missing_sqlite_file(_url(db))
    if missing is not None:  # asking must not create the file
        typer.echo(f"database: (none: no file {missing})  code: {head_revision()}  (needs `quotes db upgrade`)")
        raise typer.Exit(1)
    engine = create_raw_engine(_url(db))
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    head = head_revision()
    state = "up to date" if current == head else "needs `quotes db upgrade`"
    typer.echo(f"database: {current or '(none)'}  code: {head}  ({state})")
    if current != head:
        raise typer.Exit(1)


@db_app.command("grant-readonly")
def grant_readonly_command(role: str = typer.Argument(..., help="PostgreSQL role to create/grant."),
                           db: Database = None) -> None:
    """Create (if needed) a PostgreSQL role that can read every table and view, and write nothing."""
    from db.access import grant_readonly

    engine = _open(db)
    try:
        grant_readonly(engine, role)
    finally:
        engine.dispose()
    typer.echo(f"role {role} can now read the quote database")


@db_app.command("refold")
def refold_command(db: Database = None) -> None:
    """Split quotations an older folding rule merged wrongly (other speakers' words, a changed
    negation, number or name): each mention moves to its own speaker's statement; none is lost."""
    from db.refold import refold

    engine = _open(db)
    try:
        report = refold(engine)
    finally:
        engine.dispose()
    typer.echo(report.summary())


def _parse_day(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        day = datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=option) from exc
    return day if day.tzinfo else day.replace(tzinfo=timezone.utc)


def ingest_command(
    files: Annotated[list[Path], typer.Argument(
        help="JSON Lines (.jsonl/.json[.gz]) or WARC (.warc[.gz]) files.", exists=True, dir_okay=False)],
    db: Database = None,
    no_attribute: bool = typer.Option(False, "--no-attribute", help="Store only; `quotes attribute` later."),
    outlet: str | None = typer.Option(None, "--outlet", help="Outlet name for records that give none."),
) -> None:
    """Store articles from JSON Lines or WARC files (and attribute them). Re-ingesting adds nothing."""
    from crawler.extraction import extract_page
    from db.ingest import ingest_files
    from tracker import services
    from tracker.console import progress

    engine = _open(db)
    extractor = None if no_attribute else services.extractor(resolve().spacy_model)
    try:
        report = ingest_files(engine, files, extract_html=extract_page, extractor=extractor, outlet=outlet,
                              attribution_version=services.attribution_version(), progress=progress)
    finally:
        engine.dispose()
    typer.echo(report.summary())
    if report.errors:
        raise typer.Exit(2)


def attribute_command(
    db: Database = None,
    since: str | None = typer.Option(None, "--since", help="Only articles published on/after YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--until", help="Only articles published before YYYY-MM-DD."),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet's articles."),
    reprocess: bool = typer.Option(False, "--reprocess", help="Re-attribute articles already at this version."),
    processes: Processes = None,
    batch_size: BatchSize = None,
    lease: Lease = None,
) -> None:
    """Attribute stored articles with no attribution or an older attribution version.

    Several processes and machines can run this against one PostgreSQL database: each claims batches (a lease) so none overlap, and a killed worker's batch is picked up when its lease ends.
    """
    from db.attribute import AttributeOptions
    from tracker import services
    from tracker.console import progress_bar
    from tracker.workers import run_attribute

    settings = resolve(database_url=db, processes=processes, batch_size=batch_size, lease_seconds=lease)
    _open(settings.database_url).dispose()  # schema check (and first-use creation) before starting workers
    options = AttributeOptions(
        since=_parse_day(since, "--since"), until=_parse_day(until, "--until"), outlet=outlet, reprocess=reprocess,
        batch_size=settings.batch_size, lease_seconds=settings.lease_seconds, spacy_model=settings.spacy_model,
        version=services.attribution_version(),
    )
    report = run_attribute(settings.database_url, options, processes=settings.processes, progress=progress_bar)
    typer.echo(report.summary())
    if report.errors:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.command("ingest")(ingest_command)
    app.command("attribute")(attribute_command)
