"""``quotes report`` (the static HTML site) and ``quotes demo`` (the whole pipeline, offline)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from tracker import __version__
from tracker.options import Database, resolve

DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date_option(value: str | None) -> str | None:
    if value is not None and not DATE_PATTERN.match(value):
        raise typer.BadParameter(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def report(
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Directory to write the site into.")],
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", callback=_date_option,
        help="Only quotations said (else first seen) on or after DATE (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", callback=_date_option,
        help="Only quotations said (else first seen) on or before DATE (YYYY[-MM[-DD]]).")] = None,
    min_quotes: Annotated[int, typer.Option(
        "--min-quotes", min=1, help="List figures with at least this many quotations.")] = 1,
    outlet: Annotated[str | None, typer.Option(
        "--outlet", metavar="NAME", help="Only quotations carried by this outlet (its exact name).")] = None,
    db: Database = None,
    full: Annotated[bool, typer.Option(
        "--full", help="Rebuild every page (default: only pages whose data or templates changed).")] = False,
) -> None:
    """Write the static report site: every quotation per public figure over time.

    Works opened from disk (file://) and from any web server. A rerun rebuilds only the pages whose data
    changed; the new site replaces the old one in one step.
    """
    from db.engine import SchemaOutOfDateError, open_engine
    from db.reporting import ReportFilter
    from reports.site import build_site

    if since and until and since > until:
        raise typer.BadParameter("--since is after --until")
    try:
        engine = open_engine(resolve(database_url=db).database_url, create=False)  # reads: never creates
    except SchemaOutOfDateError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    stats = build_site(engine, out, version=__version__, full=full, background_cleanup=True,
                       report=ReportFilter(since=since, until=until, outlet=outlet, min_quotes=min_quotes))
    kind = "full build" if stats.full else "incremental, into the spare" if stats.in_place else "incremental"
    waited = f"; waited {stats.lock_wait:.1f} s for another build" if stats.lock_wait >= 0.05 else ""
    typer.echo(f"{stats.figures if stats.full else 'changed'} figure pages; {stats.quotations} quotations; "
               f"{stats.pages_rendered} files written, {stats.files_reused} reused ({kind}, "
               f"{stats.seconds:.2f} s{waited})", err=True)
    typer.echo(f"Open {(out.resolve() / 'index.html').as_uri()}")


def demo(
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Directory for the database and the site.")]
    = Path("demo-out"),
    keep_serving: Annotated[bool, typer.Option(
        "--serve", help="Keep serving the sample pages after the run (Ctrl-C stops).")] = False,
) -> None:
    """Run the whole pipeline offline on the bundled sample of news pages.

    Serves the sample on 127.0.0.1 with an RSS feed, crawls it with `quotes crawl --feed`, extracts and
    attributes, stores into a fresh SQLite database in OUT, writes the report to OUT/site and prints where
    to open it.
    """
    from tracker.demo import DemoError, run_demo

    try:
        result = run_demo(out, version=__version__, echo=lambda line: typer.echo(line, err=True),
                          keep_serving=keep_serving)
    except DemoError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Open {(result.site / 'index.html').resolve().as_uri()}")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
    app.command("demo")(demo)
