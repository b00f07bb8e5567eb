"""``quotes crawl`` (Scrapy crawls of news sources into the database) and ``quotes status``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.options import Database, help_for, resolve
from tracker.settings import scrapy_settings


def _parse_setting(text: str) -> tuple[str, Any]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise typer.BadParameter(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def crawl(
    source: Annotated[list[str] | None, typer.Option(
        "--source", help="Crawl this source of the sources file (repeatable).")] = None,
    all_sources: Annotated[bool, typer.Option("--all", help="Crawl every source of the sources file.")] = False,
    feed: Annotated[str | None, typer.Option(
        "--feed", metavar="URL", help="Crawl the articles of one RSS/Atom feed.")] = None,
    sitemap: Annotated[str | None, typer.Option(
        "--sitemap", metavar="URL", help="Crawl a sitemap, sitemap index or Google News sitemap.")] = None,
    site: Annotated[str | None, typer.Option(
        "--site", metavar="URL", help="Walk a site from this page, keeping pages that look like articles.")] = None,
    url_list: Annotated[Path | None, typer.Option(
        "--url-list", metavar="FILE", exists=True, dir_okay=False, help="Crawl the URLs of a file, one a line.")] = None,
    no_attribute: Annotated[bool, typer.Option(
        "--no-attribute", help="Store articles unattributed (`quotes attribute` does it later).")] = False,
    db: Database = None,
    max_pages: Annotated[int | None, typer.Option(
        "--max-pages", min=1, help="Stop after this many fetched pages.")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", metavar="SECONDS", min=1, help="Stop each crawl after this long (CLOSESPIDER_TIMEOUT).")] = None,
    sources_file: Annotated[Path | None, typer.Option(
        "--sources", metavar="FILE", exists=True, dir_okay=False,
        help=help_for("sources_file", "Sources file"))] = None,
    name: Annotated[str | None, typer.Option(
        "--name", help="Name the runs of a --feed/--sitemap/--site/--url-list crawl.")] = None,
    warc_dir: Annotated[Path | None, typer.Option(
        "--warc-dir", file_okay=False, help="Also archive every response as WARC (one .warc.gz per run) here.")] = None,
    setting: Annotated[list[str] | None, typer.Option(
        "--set", "-s", metavar="NAME=VALUE",
        help="Override a Scrapy setting (repeatable), e.g. -s DOWNLOAD_DELAY=0.")] = None,
) -> None:
    """Crawl news sources and store every new article (attributed unless --no-attribute).

    Exactly one of --source/--all/--feed/--sitemap/--site/--url-list. Articles already stored are
    not fetched again; feeds are polled with conditional GET. With QUOTES_REDIS_URL set, crawl
    processes on several machines share one frontier (scrapy-redis).
    """
    from crawler.run import CrawlOptions, run_crawls
    from crawler.sources import SourceError, adhoc_source, load_sources, read_url_list

    targets = [bool(source), all_sources, bool(feed), bool(sitemap), bool(site), url_list is not None]
    if sum(targets) != 1:
        raise typer.BadParameter("give exactly one of --source, --all, --feed, --sitemap, --site, --url-list")
    settings = resolve(database_url=db, sources_file=str(sources_file) if sources_file else None,
                       warc_dir=str(warc_dir) if warc_dir else None, crawl_attribute=False if no_attribute else None)
    try:
        if all_sources or source:
            known = load_sources(settings.sources_file)
            unknown = [s for s in source or [] if s not in known]
            if unknown:
                raise SourceError(f"unknown source(s) {', '.join(unknown)} (known: {', '.join(known)})")
            chosen = list(known.values()) if all_sources else [known[s] for s in source]
        else:
            urls = read_url_list(url_list) if url_list is not None else None
            chosen = [adhoc_source(feed=feed, sitemap=sitemap, site=site, urls=urls, name=name)]
    except (SourceError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc

    from tracker.console import LOG_EVERY_SECONDS, live_lines, stderr_is_terminal
    from tracker.services import crawl_services  # not at import: it loads the process-pool machinery

    with live_lines() as show:
        options = CrawlOptions(
            settings={**scrapy_settings(settings), **crawl_services()},
            max_pages=max_pages,
            timeout=timeout,
            redis_url=settings.redis_url,
            # -v / -vv of the `quotes` root command set the root logger's level; Scrapy logs at it.
            log_level=logging.getLevelName(logging.getLogger().getEffectiveLevel()),
            extra=dict(_parse_setting(s) for s in setting or []),
            # A live line per source on a terminal; off it, a line a minute (scheduled runs).
            progress=lambda source, line: show(source, line),
            progress_interval=0.5 if stderr_is_terminal() else LOG_EVERY_SECONDS,
        )
        results = run_crawls(chosen, options)
    _print_summary(results)
    raise typer.Exit(_exit_status(results))


def _exit_status(results: list[dict[str, Any]]) -> int:
    """0: every crawl did what it was asked; 2: no crawl could list or fetch anything (one line each
    says why); 1: anything between (docs/operations.md, "Exit status")."""
    from crawler.extensions import EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL, crawl_exit_status

    codes = []
    for r in results:
        code, why = crawl_exit_status(r)
        if code == EXIT_NOTHING:
            typer.echo(f"error: {r['source']}: nothing could be listed or fetched: {why}", err=True)
        codes.append(code)
    if codes and all(code == EXIT_NOTHING for code in codes):
        return EXIT_NOTHING
    return EXIT_OK if all(code == EXIT_OK for code in codes) else EXIT_PARTIAL


def _print_summary(results: list[dict[str, Any]]) -> None:
    from crawler.extensions import count_errors

    for r in results:
        blocked = len(r.get("quotes/blocked", []))
        typer.echo(
            f"{r['source']}: {r.get('response_received_count', 0)} pages, "
            f"{r.get('quotes/articles_stored', 0)} new articles, "
            f"{r.get('quotes/quotations_stored', 0)} quotations, "
            f"{r.get('quotes/skipped_seen', 0)} already stored, {blocked} blocked, "
            f"{count_errors(r)} errors ({r.get('finish_reason', 'unknown')})"
        )


def status(
    db: Database = None,
    per_source: Annotated[int, typer.Option(
        "--per-source", min=1, help="How many recent runs to show per source.")] = 5,
) -> None:
    """Show the last crawl runs per source and what failed (errors, blocked URLs, unfinished runs)."""
    from rich.console import Console
    from rich.table import Table

    from crawler.extensions import CLEAN_CLOSE_REASONS
    from db.crawlstate import recent_runs
    from db.engine import open_engine

    engine = open_engine(resolve(database_url=db).database_url, create=False)  # reads: never creates
    runs = recent_runs(engine, per_source=per_source)
    console = Console()
    if not console.is_terminal:  # piped or logged: do not squeeze the table into 80 columns
        console = Console(width=160)
    if not runs:
        console.print("No crawl runs recorded yet.")
        return
    table = Table(title="Recent crawl runs")
    for column in ("source", "started", "ended", "pages", "articles", "quotations", "errors", "close reason"):
        table.add_column(column, justify="right" if column in ("pages", "articles", "quotations", "errors") else "left")
    failures: list[str] = []
    for run in runs:
        reason = run.get("close_reason") or ("running or killed" if not run.get("finished_at") else "")
        errors = run.get("errors") or 0
        style = "red" if errors or reason not in CLEAN_CLOSE_REASONS else None
        table.add_row(str(run.get("source")), _when(run.get("started_at")), _when(run.get("finished_at")),
                      str(run.get("pages") or 0), str(run.get("articles") or 0), str(run.get("quotations") or 0),
                      str(errors), reason, style=style)
        for blocked in run.get("blocked") or []:
            failures.append(f"{run.get('source')}: blocked (HTTP {blocked.get('status')}) {blocked.get('url')}")
    console.print(table)
    if failures:
        console.print("[bold]Blocked[/bold]")
        for line in failures:
            console.print(f"  {line}", markup=False, highlight=False)


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if hasattr(value, "strftime") else (str(value) if value else "")


def register(app: typer.Typer) -> None:
    app.command("crawl")(crawl)
    app.command("status")(status)
