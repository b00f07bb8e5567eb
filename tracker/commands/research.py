"""``quotes search``, ``quotes export`` and ``quotes people ...``: researcher access to the database.

Wiring only: the work is in db.search, db.queries, db.export and db.people. Reading commands open
SQLite read-only (``mode=ro``) so they never hold the lock the crawler writes under. Heavy
imports stay inside the command functions so ``quotes --help`` stays fast.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from tracker.options import Curator, Database, Reason, resolve

if TYPE_CHECKING:
    from sqlalchemy import Engine

T = TypeVar("T")

SPEAKER_OPTION = typer.Option(None, "--speaker", help="Only this person (name, alias or Wikidata QID).")
SINCE_OPTION = typer.Option(None, "--since", help="From this day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.")
UNTIL_OPTION = typer.Option(None, "--until", help="Up to this day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.")
JSON_OPTION = typer.Option(False, "--json", help="One JSON object per line instead of text.")
OUTPUT_OPTION = typer.Option(None, "--output", "-o", help="Write here instead of stdout.")
ALIASES_FILE_ARGUMENT = typer.Argument(
    ..., help="Aliases file: .toml ([[person]] name, qid, aliases) or .csv."
)
ALIAS_OPTION = typer.Option([], "--alias", help="A name of the new person (repeatable).")

people_app = typer.Typer(help="Curate people: list, import aliases, merge, split, rename.", no_args_is_help=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def parse_day(value: str | None, *, end: bool = False) -> date | None:
    """``2018`` / ``2018-07`` / ``2018-07-16`` -> a day: the first of the period, or with ``end`` the last."""
    if value is None:
        return None
    parts = value.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            return date(*numbers)
        if len(numbers) == 2:
            year, month = numbers
            if not end:
                return date(year, month, 1)
            next_month = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(next_month.toordinal() - 1)
        if len(numbers) == 1 and len(parts[0]) == 4:
            return date(numbers[0], 12, 31) if end else date(numbers[0], 1, 1)
    except ValueError:
        pass
    raise typer.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def _url(db: str | None) -> str:
    return resolve(database_url=db).database_url


def _open(url: str, *, readonly: bool) -> Engine:
    from db.access import readonly_url
    from db.engine import SchemaOutOfDateError, open_engine

    if not readonly:
        return open_engine(url)
    try:
        return open_engine(readonly_url(url), create=False)
    except SchemaOutOfDateError:
        # Re-check through the plain URL so the error names the `quotes db upgrade --db` to run
        # (not the read-only URI); never creating anything.
        return open_engine(url, create=False)


@contextmanager
def open_database(db: str | None, *, readonly: bool) -> Iterator[Engine]:
    """The engine for ``--db``; SQLite files opened read-only when only reading. Errors exit cleanly."""
    from db.access import AccessError
    from db.engine import SchemaOutOfDateError

    try:
        engine = _open(_url(db), readonly=readonly)
    except AccessError as exc:
        raise fail(f"{exc}: correct --db, or store something first (quotes ingest, quotes crawl)", code=2) from exc
    except SchemaOutOfDateError as exc:
        raise fail(str(exc)) from exc
    try:
        yield engine
    finally:
        engine.dispose()


def change_database(db: str | None, change: Callable[[Engine], T], refused: type[Exception]) -> T:
    """Run one change on the (writable) database: people's (``refused`` PeopleError) or a hand correction
    (CorrectionError); one it refuses is one line and exit 1."""
    with open_database(db, readonly=False) as engine:
        try:
            return change(engine)
        except refused as exc:
            raise fail(str(exc)) from exc


def _person_ids(engine: Engine, speaker: str | None) -> set[int] | None:
    from db.people import PeopleError, person_ids_for

    if speaker is None:
        return None
    try:
        return person_ids_for(engine, speaker)
    except PeopleError as exc:
        raise fail(str(exc)) from exc


# --- search -------------------------------------------------------------------------------------


def search_command(
    text: str = typer.Argument(..., help='Words to find, the same on SQLite and PostgreSQL: all words must match; "a phrase"; '
                                  'a OR b; -word or NOT word to exclude; prefix*. Common words (the, not) are ignored.'),
    speaker: str | None = SPEAKER_OPTION,
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many quotations."),
    as_json: bool = JSON_OPTION,
    db: Database = None,
) -> None:
    """Full-text search over quotations (their words and their speaker's name), best match first."""
    from db.search import SearchQueryError, search_quotations

    since_day, until_day = parse_day(since), parse_day(until, end=True)
    with open_database(db, readonly=True) as engine:
        person_ids = _person_ids(engine, speaker)
        try:
            hits = search_quotations(
                engine, text, person_ids=person_ids, since=since_day, until=until_day, limit=limit
            )
        except SearchQueryError as exc:
            raise fail(str(exc), code=2) from exc
    for hit in hits:
        if as_json:
            typer.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
            continue
        seen = hit.first_seen.date().isoformat() if hit.first_seen else "?"
        said = f"said {hit.said_on}, " if hit.said_on else ""
        typer.echo(f"[{hit.quote_id}] “{hit.text}” — {hit.speaker or 'unknown speaker'}")
        typer.echo(f"      {said}first seen {seen}, {hit.n_articles} article(s)")
    if not hits:
        typer.echo("no quotation matches", err=True)


# --- export -------------------------------------------------------------------------------------


@contextmanager
def _output(path: Path | None) -> Iterator[Any]:
    """stdout, or ``path`` written through a temporary file so a broken export leaves no half file.

    Only regular files go through the temporary file: /dev/null or a named pipe is written as is.
    """
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def export_command(
    kind: str = typer.Argument(..., help="quotes, mentions, articles or people."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv."),
    speaker: str | None = SPEAKER_OPTION,
    since: str | None = typer.Option(
        None, "--since", help="From this day (quotes, people: first seen; mentions, articles: published)."
    ),
    until: str | None = UNTIL_OPTION,
    output: Path | None = OUTPUT_OPTION,
    db: Database = None,
) -> None:
    """Stream quotes (with their mentions), mentions, articles or people as CSV or JSON Lines."""
    from db.export import EXPORT_KINDS, FORMATS, export

    if kind not in EXPORT_KINDS:
        raise typer.BadParameter(f"choose one of {', '.join(EXPORT_KINDS)}", param_hint="KIND")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    since_day, until_day = parse_day(since), parse_day(until, end=True)
    with open_database(db, readonly=True) as engine:
        person_ids = _person_ids(engine, speaker)
        with _output(output) as out:
            count = export(engine, kind, fmt, out, person_ids=person_ids, since=since_day, until=until_day)
    typer.echo(f"exported {count} {kind}" + (f" to {output}" if output else ""), err=True)


# --- people -------------------------------------------------------------------------------------


@people_app.command("list")
def people_list(
    merged: bool = typer.Option(False, "--merged", help="Also list people merged into others."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many people."),
    as_json: bool = JSON_OPTION,
    db: Database = None,
) -> None:
    """People by number of quotations, with their QID and aliases."""
    from db.people import iter_people

    with open_database(db, readonly=True) as engine:
        for index, person in enumerate(iter_people(engine, include_merged=merged)):
            if limit is not None and index >= limit:
                break
            if as_json:
                typer.echo(json.dumps(person.to_dict(), ensure_ascii=False))
                continue
            qid = f" ({person.wikidata_qid})" if person.wikidata_qid else ""
            merged_into = f" -> merged into {person.merged_into}" if person.merged_into else ""
            aliases = [alias for alias in person.aliases if alias != person.name]
            also = f"  aka {', '.join(aliases)}" if aliases else ""
            typer.echo(f"{person.name}{qid}: {person.n_quotations} quotations{merged_into}{also}")


@people_app.command("import")
def people_import(
    file: Path = ALIASES_FILE_ARGUMENT,
    db: Database = None,
) -> None:
    """Apply an aliases file: canonical names, Wikidata QIDs and aliases (all rows or none)."""
    from db.people import PeopleError, import_aliases

    result = change_database(db, lambda engine: import_aliases(engine, file), PeopleError)
    typer.echo(
        f"{result.people_created} people created, {result.people_updated} updated, "
        f"{result.aliases_added} aliases added, {result.people_merged} merged"
    )


@people_app.command("merge")
def people_merge(
    source: str = typer.Argument(..., help="The person to merge (keeps its row: `split` undoes it)."),
    target: str = typer.Argument(..., help="The person it is."),
    db: Database = None,
) -> None:
    """Merge SOURCE into TARGET: its mentions and quotations become TARGET's."""
    from db.people import PeopleError, merge_people

    result = change_database(db, lambda engine: merge_people(engine, source, target), PeopleError)
    typer.echo(
        f"merged {result.other!r} into {result.person!r}: {result.mentions_moved} mentions, "
        f"{result.quotations_touched} quotations"
    )


@people_app.command("split")
def people_split(
    person: str = typer.Argument(..., help="The person to split."),
    new_name: str = typer.Argument(
        ..., help="Who to split off (someone merged into PERSON: undoes the merge)."
    ),
    alias: list[str] = ALIAS_OPTION,
    db: Database = None,
) -> None:
    """Give NEW_NAME back the mentions of PERSON whose speaker reads as NEW_NAME or its aliases."""
    from db.people import PeopleError, split_person

    result = change_database(db, lambda engine: split_person(engine, person, new_name, alias), PeopleError)
    typer.echo(
        f"split {result.person!r} off {result.other!r}: {result.mentions_moved} mentions, "
        f"{result.quotations_touched} quotations"
    )


@people_app.command("rename")
def people_rename(
    name: str = typer.Argument(..., help="The person (name, alias or Wikidata QID)."),
    new_name: str = typer.Argument(..., help="Their name from now on (the old one stays an alias)."),
    by: Curator = None,
    reason: Reason = None,
    db: Database = None,
) -> None:
    """Rename a person, recorded as a hand correction (`quotes corrections undo ID` reverts it)."""
    from db.corrections import rename_person
    from tracker.commands.curation import apply_correction, curator, echo_correction

    correction = apply_correction(db, lambda engine: rename_person(
        engine, name, new_name, author=curator(by), reason=reason))
    echo_correction(correction, f"{name!r} is now {new_name!r}")


@people_app.command("timeline")
def people_timeline(
    name: str = typer.Argument(..., help="Name, alias or Wikidata QID."),
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    as_json: bool = JSON_OPTION,
    db: Database = None,
) -> None:
    """A person's quotations in time order (when said if known, else when first published)."""
    from db.queries import timeline

    with open_database(db, readonly=True) as engine:
        person_ids = _person_ids(engine, name)
        entries = timeline(
            engine, person_ids or set(), since=parse_day(since), until=parse_day(until, end=True)
        )
    for entry in entries:
        seen = entry.first_seen.date().isoformat() if entry.first_seen else None
        if as_json:
            record = {
                "quote_id": entry.quote_id,
                "text": entry.text,
                "said_on": entry.said_on,
                "first_seen": seen,
                "n_articles": entry.n_articles,
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            typer.echo(f"{entry.said_on or seen or '?':<10}  “{entry.text}”  ({entry.n_articles} article(s))")


def register(app: typer.Typer) -> None:
    app.command("search")(search_command)
    app.command("export")(export_command)
    app.add_typer(people_app, name="people")
