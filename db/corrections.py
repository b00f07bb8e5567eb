"""Curation that sticks: hand corrections of people and mentions, recorded, undoable, re-applied.

Three corrections, each one row of ``corrections`` with who made it, when and why:

- **rename** a person (``quotes people rename``): the new name becomes the person's name and an
  alias; the old name stays an alias, so articles that use it still find the person;
- **reassign** a mention to another person (``quotes mentions reassign``): the mention moves to
  that person's quotation of those words (or a new one), since one quotation is one speaker's;
- **reject** a mention, not a quotation (``quotes mentions reject``): the mention row is removed,
  so views, exports, search and the report no longer see it, and its full content is kept in the
  correction (``details.mention``) so that undoing it puts it back.

Re-attribution replaces an article's mention rows, so a mention correction names its mention by
article and span, not by id. ``reapply_corrections`` runs in the same transaction as every
re-attribution (``db.store.replace_mentions``): it finds the new mention at that span (or the one
overlapping it most) and applies each active correction again. Mentions a correction applies to
carry its id (``mentions.correction_id``): exports and the report show them "corrected by hand".
``undo_correction`` reverses one correction, the latest first when several touch one mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.engine import Connection

from db.engine import reader
from db.models import Correction, Mention, Person, PersonAlias, utcnow
from db.store import (
    _follow_merges,
    _lock_quotations,
    find_or_create_quotation,
    normalize_name,
    refresh_quotation,
    run_transaction,
)

KINDS = ("rename", "reassign", "reject")
MIN_SPAN_OVERLAP = 0.5  # of the longer span: a re-attributed mention this close is the same mention
# The mention columns a rejection keeps, to put the mention back on undo (with the mark of an
# earlier correction of it, which then stays undoable).
MENTION_FIELDS = (
    "start", "end", "text", "type", "person_id", "speaker", "speaker_kind", "speaker_mention",
    "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "sentence", "confidence", "said_on",
    "said_on_evidence", "attribution_version", "correction_id",
)  # fmt: skip


class CorrectionError(ValueError):
    """A correction that cannot be made or undone as asked (unknown mention, person, id...)."""


@dataclass(frozen=True, slots=True)
class CorrectionRecord:
    id: int
    kind: str
    summary: str
    author: str
    reason: str | None
    created_at: datetime
    undone_at: datetime | None
    undone_by: str | None
    article_id: int | None
    start: int | None
    end: int | None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


# --- people -------------------------------------------------------------------------------------


def _person_named(conn: Connection, name: str) -> int | None:
    """The (canonical) person a name, an alias or a Wikidata QID names."""
    wanted = name.strip()
    found = conn.execute(select(Person.id).where(Person.name == wanted)).scalar()
    if found is None:
        found = conn.execute(select(Person.id).where(Person.wikidata_qid == wanted).order_by(Person.id)).scalar()
    key = normalize_name(wanted)
    if found is None and key:
        found = conn.execute(select(PersonAlias.person_id).where(PersonAlias.alias_norm == key)).scalar()
    return None if found is None else _follow_merges(conn, found)


def _require_person(conn: Connection, name: str) -> int:
    found = _person_named(conn, name)
    if found is None:
        raise CorrectionError(f"no person named {name!r} (try `quotes people list`)")
    return found


def _new_person(conn: Connection, name: str) -> int:
    display = " ".join(name.split())
    if not normalize_name(display):
        raise CorrectionError(f"{name!r} is not a name")
    person_id = conn.execute(insert(Person).values(name=display, kind="person", created_at=utcnow())
                             .returning(Person.id)).scalar_one()
    _add_alias(conn, person_id, display, "curation")
    return person_id


def _add_alias(conn: Connection, person_id: int, alias: str, source: str) -> bool:
    """File ``alias`` under the person unless some alias already has that key; True if added."""
    key = normalize_name(alias)
    taken = conn.execute(select(PersonAlias.person_id).where(PersonAlias.alias_norm == key)).scalar()
    if taken is not None:
        return False
    conn.execute(insert(PersonAlias).values(person_id=person_id, alias=alias, alias_norm=key, source=source))
    return True


def _record(conn: Connection, kind: str, *, author: str, reason: str | None, details: dict[str, Any],
            article_id: int | None = None, start: int | None = None, end: int | None = None,
            person_id: int | None = None) -> int:
    return conn.execute(
        insert(Correction).values(kind=kind, article_id=article_id, start=start, end=end, person_id=person_id,
                                  details=details, author=author[:100], reason=reason, created_at=utcnow())
        .returning(Correction.id)
    ).scalar_one()


def rename_person(engine: Engine, name: str, new_name: str, *, author: str, reason: str | None = None) -> int:
    """Rename a person (the old name stays an alias); the correction's id."""
    new_name = " ".join(new_name.split())

    def work(conn: Connection) -> int:
        person_id = _require_person(conn, name)
        old_name = conn.execute(select(Person.name).where(Person.id == person_id)).scalar_one()
        other = _person_named(conn, new_name)
        if other is not None and other != person_id:
            raise CorrectionError(f"{new_name!r} is already another person: merge them with `quotes people merge`")
        if not normalize_name(new_name) or new_name == old_name:
            raise CorrectionError(f"{new_name!r} is not a new name for {old_name!r}")
        row = conn.execute(select(Person.id).where(Person.name == new_name, Person.id != person_id)).scalar()
        if row is not None:  # a person merged into this one keeps its row, and names are unique
            raise CorrectionError(f"{new_name!r} is the name of a person merged into {old_name!r}: "
                                  f"split them first (`quotes people split`)")
        _add_alias(conn, person_id, old_name, "curation")
        alias_added = _add_alias(conn, person_id, new_name, "curation")
        conn.execute(update(Person).where(Person.id == person_id).values(name=new_name))
        return _record(conn, "rename", author=author, reason=reason, person_id=person_id,
                       details={"old_name": old_name, "new_name": new_name, "alias_added": alias_added})

    return run_transaction(engine, work)


# --- mentions -----------------------------------------------------------------------------------


def _mention(conn: Connection, mention_id: int) -> Any:
    row = conn.execute(select(Mention).where(Mention.id == mention_id)).first()
    if row is None:
        raise CorrectionError(f"no mention {mention_id} (mention ids: `quotes export mentions`)")
    return row


def _refile(conn: Connection, mention: Any, person_id: int | None) -> set[int]:
    """Give a mention to ``person_id`` and move it to that person's quotation of its words."""
    _lock_quotations(conn, [mention.quotation_id])
    target = find_or_create_quotation(conn, mention.text, person_id)
    conn.execute(update(Mention).where(Mention.id == mention.id).values(person_id=person_id, quotation_id=target))
    return {mention.quotation_id, target}


def _refresh(conn: Connection, quotation_ids: Iterable[int]) -> None:
    for quotation_id in sorted(set(quotation_ids)):  # the store's lock order
        refresh_quotation(conn, quotation_id)


def _apply_reassign(conn: Connection, correction_id: int, mention: Any, person_id: int) -> set[int]:
    touched = _refile(conn, mention, person_id)
    conn.execute(update(Mention).where(Mention.id == mention.id).values(correction_id=correction_id))
    return touched


def _apply_reject(conn: Connection, correction_id: int, mention: Any) -> set[int]:
    """Remove the mention, keeping its content in the correction (for undo)."""
    kept = {name: getattr(mention, name) for name in MENTION_FIELDS}
    details = dict(conn.execute(select(Correction.details).where(Correction.id == correction_id)).scalar_one())
    details["mention"] = kept
    conn.execute(update(Correction).where(Correction.id == correction_id).values(details=details))
    _lock_quotations(conn, [mention.quotation_id])
    conn.execute(delete(Mention).where(Mention.id == mention.id))
    return {mention.quotation_id}


def reassign_mention(engine: Engine, mention_id: int, person: str, *, author: str, reason: str | None = None,
                     create: bool = False) -> int:
    """File one mention under ``person`` (created with ``create`` when unknown); the correction's id."""

    def work(conn: Connection) -> int:
        mention = _mention(conn, mention_id)
        person_id = _person_named(conn, person)
        if person_id is None:
            if not create:
                raise CorrectionError(f"no person named {person!r} (add --new to create them)")
            person_id = _new_person(conn, person)
        if person_id == mention.person_id:
            raise CorrectionError(f"mention {mention_id} is already filed under {person!r}")
        correction_id = _record(conn, "reassign", author=author, reason=reason, article_id=mention.article_id,
                                start=mention.start, end=mention.end, person_id=person_id,
                                details={"from_person_id": mention.person_id, "text": mention.text})
        _refresh(conn, _apply_reassign(conn, correction_id, mention, person_id))
        return correction_id

    return run_transaction(engine, work)


def reject_mention(engine: Engine, mention_id: int, *, author: str, reason: str | None = None) -> int:
    """Mark one mention as not a quotation (it leaves every view); the correction's id."""

    def work(conn: Connection) -> int:
        mention = _mention(conn, mention_id)
        correction_id = _record(conn, "reject", author=author, reason=reason, article_id=mention.article_id,
                                start=mention.start, end=mention.end, details={"text": mention.text})
        _refresh(conn, _apply_reject(conn, correction_id, mention))
        return correction_id

    return run_transaction(engine, work)


# --- re-application after a re-attribution -----------------------------------------------------


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    shared = min(a_end, b_end) - max(a_start, b_start)
    longer = max(a_end - a_start, b_end - b_start)
    return shared / longer if shared > 0 and longer > 0 else 0.0


def _matching_mention(mentions: list[Any], start: int, end: int) -> Any | None:
    """The mention at this span, or the one overlapping it most (at least ``MIN_SPAN_OVERLAP``)."""
    best, best_overlap = None, MIN_SPAN_OVERLAP
    for mention in mentions:
        if (mention.start, mention.end) == (start, end):
            return mention
        overlap = _overlap(start, end, mention.start, mention.end)
        if overlap >= best_overlap:
            best, best_overlap = mention, overlap
    return best


def _active(conn: Connection, article_id: int) -> list[Any]:
    return conn.execute(
        select(Correction).where(Correction.article_id == article_id, Correction.undone_at.is_(None),
                                 Correction.kind.in_(("reassign", "reject"))).order_by(Correction.id)
    ).all()


def reapply_corrections(conn: Connection, article_id: int) -> set[int]:
    """Apply an article's active mention corrections to its (new) mentions; the quotations touched.

    Called by ``db.store.replace_mentions`` before it recomputes aggregates. A correction whose
    mention the new attribution no longer finds stays active, for a later attribution that does.
    """
    corrections = _active(conn, article_id)
    if not corrections:
        return set()
    touched: set[int] = set()
    for correction in corrections:
        mentions = conn.execute(select(Mention).where(Mention.article_id == article_id)).all()
        mention = _matching_mention(mentions, correction.start, correction.end)
        if mention is None:
            continue
        if (mention.start, mention.end) != (correction.start, correction.end):
            conn.execute(update(Correction).where(Correction.id == correction.id)
                         .values(start=mention.start, end=mention.end))
        if correction.kind == "reject":
            touched |= _apply_reject(conn, correction.id, mention)
        elif mention.person_id != correction.person_id or mention.correction_id != correction.id:
            target = _follow_merges(conn, correction.person_id)
            touched |= _apply_reassign(conn, correction.id, mention, target)
    return touched


# --- undo ---------------------------------------------------------------------------------------


def _later_on_same_mention(conn: Connection, correction: Any) -> int | None:
    return conn.execute(
        select(Correction.id).where(
            Correction.article_id == correction.article_id, Correction.start == correction.start,
            Correction.end == correction.end, Correction.undone_at.is_(None), Correction.id > correction.id,
        ).order_by(Correction.id.desc())
    ).scalar()


def _undo_rename(conn: Connection, correction: Any) -> None:
    details = correction.details
    current = conn.execute(select(Person.name).where(Person.id == correction.person_id)).scalar()
    if current != details["new_name"]:
        raise CorrectionError(f"the person is now named {current!r}, not {details['new_name']!r}: undo that first")
    if details.get("alias_added"):
        conn.execute(delete(PersonAlias).where(PersonAlias.person_id == correction.person_id,
                                               PersonAlias.alias_norm == normalize_name(details["new_name"])))
    conn.execute(update(Person).where(Person.id == correction.person_id).values(name=details["old_name"]))


def _undo_reassign(conn: Connection, correction: Any) -> set[int]:
    mention = conn.execute(select(Mention).where(Mention.correction_id == correction.id)).first()
    if mention is None:
        return set()  # the current attribution has no mention there: nothing to give back
    previous = correction.details.get("from_person_id")
    touched = _refile(conn, mention, None if previous is None else _follow_merges(conn, previous))
    conn.execute(update(Mention).where(Mention.id == mention.id).values(correction_id=None))
    return touched


def _undo_reject(conn: Connection, correction: Any) -> set[int]:
    kept = correction.details.get("mention")
    if not kept:
        return set()
    occupied = conn.execute(select(Mention.id).where(
        Mention.article_id == correction.article_id, Mention.start == kept["start"], Mention.end == kept["end"]
    )).scalar()
    if occupied is not None:
        return set()
    person_id = None if kept["person_id"] is None else _follow_merges(conn, kept["person_id"])
    quotation_id = find_or_create_quotation(conn, kept["text"], person_id)
    conn.execute(insert(Mention).values(**{**kept, "person_id": person_id}, article_id=correction.article_id,
                                        quotation_id=quotation_id, created_at=utcnow()))
    return {quotation_id}


def undo_correction(engine: Engine, correction_id: int, *, author: str) -> CorrectionRecord:
    """Reverse one correction and mark it undone (it stays listed); its record."""

    def work(conn: Connection) -> None:
        correction = conn.execute(select(Correction).where(Correction.id == correction_id)).first()
        if correction is None:
            raise CorrectionError(f"no correction {correction_id} (see `quotes corrections list`)")
        if correction.undone_at is not None:
            raise CorrectionError(f"correction {correction_id} was already undone")
        if correction.kind != "rename":
            later = _later_on_same_mention(conn, correction)
            if later is not None:
                raise CorrectionError(f"correction {later} also changed this mention: undo it first")
        touched: set[int] = set()
        if correction.kind == "rename":
            _undo_rename(conn, correction)
        elif correction.kind == "reassign":
            touched = _undo_reassign(conn, correction)
        else:
            touched = _undo_reject(conn, correction)
        conn.execute(update(Correction).where(Correction.id == correction_id)
                     .values(undone_at=utcnow(), undone_by=author[:100]))
        _refresh(conn, touched)

    run_transaction(engine, work)
    return _correction_record(engine, correction_id)


# --- listing ------------------------------------------------------------------------------------


def _summary(row: Any, names: dict[int, str]) -> str:
    details = row.details or {}
    if row.kind == "rename":
        return f"renamed {details.get('old_name')!r} to {details.get('new_name')!r}"
    where = f"article {row.article_id} [{row.start}:{row.end}]"
    if row.kind == "reassign":
        before = names.get(details.get("from_person_id"), "no one")
        return f"{where} “{details.get('text')}”: {before} -> {names.get(row.person_id, '?')}"
    return f"{where} “{details.get('text')}”: not a quotation"


def iter_corrections(engine: Engine, *, include_undone: bool = False) -> Iterator[CorrectionRecord]:
    """Corrections, oldest first (active ones only unless ``include_undone``)."""
    stmt = select(Correction).order_by(Correction.id)
    if not include_undone:
        stmt = stmt.where(Correction.undone_at.is_(None))
    with reader(engine) as conn:
        names = dict(conn.execute(select(Person.id, Person.name)).all())
        rows = conn.execute(stmt).all()
    for row in rows:
        yield _to_record(row, names)


def _to_record(row: Any, names: dict[int, str]) -> CorrectionRecord:
    return CorrectionRecord(row.id, row.kind, _summary(row, names), row.author, row.reason, row.created_at,
                            row.undone_at, row.undone_by, row.article_id, row.start, row.end)


def _correction_record(engine: Engine, correction_id: int) -> CorrectionRecord:
    """One correction's record, reading only it and the (at most two) people its summary names."""
    with reader(engine) as conn:
        row = conn.execute(select(Correction).where(Correction.id == correction_id)).one()
        named = [pid for pid in (row.person_id, (row.details or {}).get("from_person_id")) if pid is not None]
        names = dict(conn.execute(select(Person.id, Person.name).where(Person.id.in_(named))).all())
    return _to_record(row, names)
