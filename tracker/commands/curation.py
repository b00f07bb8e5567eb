"""``quotes mentions reassign|reject`` and ``quotes corrections list|undo`` (``quotes people rename``
is in research.py with the other people commands): hand corrections, recorded and undoable.

Wiring only: the work is in db.corrections. Every correction records who (``--by``, default the
``QUOTES_CURATOR`` setting, else the login name), when, and why (``--reason``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import typer

from tracker.commands.research import JSON_OPTION, change_database, open_database
from tracker.options import Curator, Database, Reason, resolve
from tracker.settings import login_name

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

T = TypeVar("T")

MENTION_ARGUMENT = typer.Argument(..., help="Mention id (`quotes export mentions`: mention_id).")

mentions_app = typer.Typer(help="Correct one mention: reassign it to a person, or reject it.", no_args_is_help=True)
corrections_app = typer.Typer(help="Hand corrections: list them, undo one.", no_args_is_help=True)


def curator(by: str | None) -> str:
    """Who a correction is recorded as: ``--by``, else the ``curator`` setting, else the login name."""
    return (resolve(curator=by).curator or login_name()).strip() or "unknown"


def apply_correction(db: str | None, correct: Callable[[Engine], T]) -> T:
    """Run one correction on the (writable) database; one refused is one line and exit 1."""
    from db.corrections import CorrectionError

    return change_database(db, correct, CorrectionError)


def echo_correction(correction: int, what: str) -> None:
    typer.echo(f"correction {correction}: {what} (undo: quotes corrections undo {correction})")


@mentions_app.command("reassign")
def mentions_reassign(
    mention: int = MENTION_ARGUMENT,
    to: str = typer.Option(..., "--to", help="The person who said it (name, alias or Wikidata QID)."),
    new: bool = typer.Option(False, "--new", help="Create the person when no one has that name."),
    by: Curator = None,
    reason: Reason = None,
    db: Database = None,
) -> None:
    """File one mention under another person; it holds through any re-attribution."""
    from db.corrections import reassign_mention

    correction = apply_correction(db, lambda engine: reassign_mention(
        engine, mention, to, author=curator(by), reason=reason, create=new))
    echo_correction(correction, f"mention {mention} is now {to!r}'s")


@mentions_app.command("reject")
def mentions_reject(
    mention: int = MENTION_ARGUMENT,
    by: Curator = None,
    reason: Reason = None,
    db: Database = None,
) -> None:
    """Mark one mention as not a quotation: it leaves views, exports and the report (kept in the record)."""
    from db.corrections import reject_mention

    correction = apply_correction(db, lambda engine: reject_mention(engine, mention, author=curator(by), reason=reason))
    echo_correction(correction, f"mention {mention} rejected")


@corrections_app.command("list")
def corrections_list(
    all_: bool = typer.Option(False, "--all", help="Also the corrections that were undone."),
    as_json: bool = JSON_OPTION,
    db: Database = None,
) -> None:
    """Hand corrections, oldest first: what, who, when, why."""
    from db.corrections import iter_corrections

    with open_database(db, readonly=True) as engine:
        records = list(iter_corrections(engine, include_undone=all_))
    for record in records:
        if as_json:
            typer.echo(json.dumps(record.to_dict(), default=str, ensure_ascii=False))
            continue
        undone = f"  [undone {record.undone_at:%Y-%m-%d} by {record.undone_by}]" if record.undone_at else ""
        why = f" — {record.reason}" if record.reason else ""
        typer.echo(f"#{record.id} {record.kind}: {record.summary} ({record.author}, "
                   f"{record.created_at:%Y-%m-%d %H:%M}){why}{undone}")
    if not records:
        typer.echo("no corrections", err=True)


@corrections_app.command("undo")
def corrections_undo(
    correction: int = typer.Argument(..., help="Correction id (`quotes corrections list`)."),
    by: Curator = None,
    db: Database = None,
) -> None:
    """Reverse one correction; it stays listed (`list --all`) as undone."""
    from db.corrections import undo_correction

    record = apply_correction(db, lambda engine: undo_correction(engine, correction, author=curator(by)))
    typer.echo(f"undid correction {record.id}: {record.summary}")


def register(app: typer.Typer) -> None:
    app.add_typer(mentions_app, name="mentions")
    app.add_typer(corrections_app, name="corrections")
