"""Curating people: list them, apply an aliases file, merge two people, split one (or undo a merge).

A merge never loses anything: the merged person keeps its row (``merged_into_id``) and its
aliases, and every mention keeps the speaker name it was resolved to in its article
(``mentions.speaker``) and the words the article used (``speaker_mention``). Splitting reads those
surface forms back, so ``split B A`` undoes ``merge A B``.

A quotation's speaker is the person most of its mentions give it to; both operations recompute it
(and its ``speaker_distribution``) for the quotations they touch, with ``db.store.refresh_quotation``.
Names are compared by ``db.store.normalize_name``, the key the store files aliases under.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, selectinload

from db.models import Mention, Person, PersonAlias, Quotation
from db.refold import split_mixed
from db.store import merge_person, normalize_name, refresh_quotation

QID_RE = re.compile(r"^Q[1-9][0-9]*$")
PERSON_KINDS = ("person", "organization")
ALIAS_SEPARATORS = re.compile(r"\s*[|;]\s*")


class PeopleError(ValueError):
    """A curation request that cannot be applied as asked (unknown person, bad file...)."""


# --- lookups ------------------------------------------------------------------------------------


def canonical(session: Session, person: Person) -> Person:
    """Follow ``merged_into_id`` to the person a merged one now stands for."""
    seen = {person.id}
    while person.merged_into_id is not None:
        person = session.get(Person, person.merged_into_id)  # type: ignore[assignment]
        if person is None or person.id in seen:  # a dangling or cyclic chain: stop where we are
            break
        seen.add(person.id)
    return person


def find_person(session: Session, name_or_qid: str, *, follow_merges: bool = True) -> Person | None:
    """The person named ``name_or_qid``: by Wikidata QID, exact name, folded name, then alias."""
    wanted = name_or_qid.strip()
    found: Person | None = None
    if QID_RE.match(wanted):
        found = session.scalars(
            select(Person).where(Person.wikidata_qid == wanted).order_by(Person.id)
        ).first()
    if found is None:
        found = session.scalars(select(Person).where(Person.name == wanted)).first()
    key = normalize_name(wanted)
    if found is None and key:
        found = session.scalars(select(Person).where(func.lower(Person.name) == wanted.lower())).first()
    if found is None and key:
        alias = session.scalars(select(PersonAlias).where(PersonAlias.alias_norm == key)).first()
        found = alias.person if alias is not None else None
    if found is None:
        return None
    return canonical(session, found) if follow_merges else found


def require_person(session: Session, name_or_qid: str, *, follow_merges: bool = True) -> Person:
    person = find_person(session, name_or_qid, follow_merges=follow_merges)
    if person is None:
        raise PeopleError(f"no person named {name_or_qid!r} (try `quotes people list`)")
    return person


def merged_ids(session: Session, person: Person) -> set[int]:
    """``person`` and everyone merged into it, directly or through others."""
    ids = {person.id}
    frontier = [person.id]
    while frontier:
        children = session.scalars(select(Person.id).where(Person.merged_into_id.in_(frontier))).all()
        frontier = [child for child in children if child not in ids]
        ids.update(frontier)
    return ids


def person_ids_for(engine: Engine, name_or_qid: str) -> set[int]:
    """Ids whose quotations count as ``name_or_qid``'s (the person and those merged into it)."""
    with Session(engine) as session:
        return merged_ids(session, require_person(session, name_or_qid))


# --- listing ------------------------------------------------------------------------------------


@dataclass(slots=True)
class PersonSummary:
    id: int
    name: str
    kind: str
    wikidata_qid: str | None
    description: str | None
    merged_into: str | None
    aliases: list[str]
    n_quotations: int
    n_mentions: int

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


def iter_people(
    engine: Engine, *, include_merged: bool = False, person_ids: Iterable[int] | None = None,
    quoted: Sequence[Any] = (),
) -> Iterator[PersonSummary]:
    """People by number of quotations (most first), with their aliases and counts.

    ``quoted``: conditions on Quotation (e.g. when first seen); then only the quotations meeting them
    are counted, and only the people with at least one are listed.
    """
    n_quotations = (
        select(func.count()).where(Quotation.person_id == Person.id, *quoted).correlate(Person).scalar_subquery()
    )
    n_mentions = (
        select(func.count()).where(Mention.person_id == Person.id).correlate(Person).scalar_subquery()
    )
    stmt = (
        select(Person, n_quotations.label("nq"), n_mentions.label("nm"))
        .options(selectinload(Person.aliases))
        .order_by(n_quotations.desc(), Person.name)
    )
    if not include_merged:
        stmt = stmt.where(Person.merged_into_id.is_(None))
    if person_ids is not None:
        stmt = stmt.where(Person.id.in_(list(person_ids)))
    if quoted:
        stmt = stmt.where(n_quotations > 0)
    with Session(engine) as session:
        names = dict(session.execute(select(Person.id, Person.name)).all())
        for person, nq, nm in session.execute(stmt):
            yield PersonSummary(
                id=person.id,
                name=person.name,
                kind=person.kind,
                wikidata_qid=person.wikidata_qid,
                description=person.description,
                merged_into=names.get(person.merged_into_id) if person.merged_into_id else None,
                aliases=sorted(alias.alias for alias in person.aliases),
                n_quotations=nq,
                n_mentions=nm,
            )


# --- quotation speakers -------------------------------------------------------------------------


def recompute_speakers(session: Session, quotation_ids: Iterable[int]) -> None:
    """Give each quotation to the person most of its mentions name (the store's own rule)."""
    conn = session.connection()
    for quotation_id in sorted(set(quotation_ids)):  # the store's lock order: no deadlock with writers
        refresh_quotation(conn, quotation_id)


def _reassign(session: Session, mention_ids: list[int], person_id: int) -> set[int]:
    """Point mentions at ``person_id``; return the quotations whose speaker must be recomputed."""
    touched: set[int] = set()
    for start in range(0, len(mention_ids), 500):
        chunk = mention_ids[start : start + 500]
        touched.update(session.scalars(select(Mention.quotation_id).where(Mention.id.in_(chunk))).all())
        session.execute(update(Mention).where(Mention.id.in_(chunk)).values(person_id=person_id))
    return touched


# --- merge and split ----------------------------------------------------------------------------


@dataclass(slots=True)
class CurationResult:
    person: str
    other: str
    mentions_moved: int
    quotations_touched: int


def _merge(session: Session, source: Person, target: Person) -> CurationResult:
    if source.id == target.id:
        raise PeopleError(f"{source.name!r} and {target.name!r} are already the same person")
    result = CurationResult(target.name, source.name, 0, 0)
    session.flush()
    result.mentions_moved, result.quotations_touched = merge_person(session.connection(), source.id, target.id)
    session.expire(source)
    session.expire(target)  # merge_person wrote their rows: read them again
    return result


def merge_people(engine: Engine, source: str, target: str) -> CurationResult:
    """Merge ``source`` into ``target``: its mentions and quotations become the target's.

    The source keeps its row and aliases (``merged_into_id`` points at the target), so
    ``split_person(engine, target, source)`` undoes it.
    """
    with Session(engine) as session, session.begin():
        return _merge(session, require_person(session, source), require_person(session, target))


def _surface_keys(person: Person) -> set[str]:
    keys = {normalize_name(person.name)} | {alias.alias_norm for alias in person.aliases}
    return {key for key in keys if key}


def split_person(engine: Engine, person: str, new_name: str, aliases: Iterable[str] = ()) -> CurationResult:
    """Give back to ``new_name`` the mentions of ``person`` whose speaker reads as ``new_name``.

    If ``new_name`` is someone merged into ``person``, this undoes the merge: they get their row back
    and the mentions resolved to their name or aliases. Otherwise a new person ``new_name`` is
    created, taking ``aliases`` from ``person``. A mention matches on its resolved speaker name, or
    on its surface form (``speaker_mention``) when the article gave no resolved name.
    """
    with Session(engine) as session, session.begin():
        source = require_person(session, person)
        target = find_person(session, new_name, follow_merges=False)
        if target is not None and target.id == source.id:
            raise PeopleError(f"{new_name!r} is {source.name!r} itself: name the person to split off")
        if target is not None and canonical(session, target).id != source.id:
            raise PeopleError(f"{target.name!r} already exists and is not part of {source.name!r}")
        if target is None:
            target = Person(name=new_name.strip(), kind=source.kind)
            session.add(target)
            session.flush()
        target.merged_into_id = None
        for alias in [target.name, *aliases]:  # its own name leads to it again (not to the source)
            _set_alias(session, target, alias, source="split")
        session.flush()
        session.refresh(target, ["aliases"])
        keys = _surface_keys(target)
        rows = session.execute(  # a mention filed by hand (db.corrections) stays where it was put
            select(Mention.id, Mention.speaker, Mention.speaker_mention)
            .where(Mention.person_id == source.id, Mention.correction_id.is_(None))
        ).all()
        moving = [mid for mid, speaker, written in rows if normalize_name(speaker or written or "") in keys]
        touched = _reassign(session, moving, target.id)
        session.flush()
        recompute_speakers(session, touched)
        split_mixed(session.connection(), touched)  # one quotation is one speaker's
        return CurationResult(target.name, source.name, len(moving), len(touched))


# --- aliases files ------------------------------------------------------------------------------


@dataclass(slots=True)
class AliasEntry:
    """One row of an aliases file: a canonical name, its Wikidata QID and the other names it goes by."""

    name: str
    qid: str | None = None
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    description: str | None = None


@dataclass(slots=True)
class ImportResult:
    people_created: int = 0
    people_updated: int = 0
    aliases_added: int = 0
    people_merged: int = 0


def _entry(raw: dict[str, object], where: str) -> AliasEntry:
    name = str(raw.get("name") or "").strip()
    if not name:
        raise PeopleError(f"{where}: a canonical name is required")
    qid = str(raw.get("qid") or raw.get("wikidata_qid") or "").strip() or None
    if qid is not None and not QID_RE.match(qid):
        raise PeopleError(f"{where}: {qid!r} is not a Wikidata QID (Q followed by digits)")
    aliases_raw = raw.get("aliases") or []
    if isinstance(aliases_raw, str):
        aliases_raw = ALIAS_SEPARATORS.split(aliases_raw)
    if not isinstance(aliases_raw, list):
        raise PeopleError(f"{where}: aliases must be a list or a '|'-separated string")
    aliases = [str(alias).strip() for alias in aliases_raw if str(alias).strip()]
    kind = str(raw.get("kind") or "").strip() or None
    if kind is not None and kind not in PERSON_KINDS:
        raise PeopleError(f"{where}: kind must be one of {', '.join(PERSON_KINDS)}, not {kind!r}")
    description = str(raw.get("description") or "").strip() or None
    return AliasEntry(name=name, qid=qid, aliases=aliases, kind=kind, description=description)


def read_aliases_file(path: str | Path) -> list[AliasEntry]:
    """Parse a TOML (``[[person]]`` tables) or CSV (name, qid, aliases '|'-separated) aliases file.

    Every row is checked before anything is applied: a bad row is an error naming the row.
    """
    path = Path(path)
    if not path.is_file():
        raise PeopleError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            return _read_toml(path)
        if suffix in (".csv", ".tsv"):
            return _read_csv(path, delimiter="\t" if suffix == ".tsv" else ",")
    except UnicodeDecodeError as exc:
        raise PeopleError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    raise PeopleError(f"{path}: unknown aliases file type {suffix!r} (use .toml or .csv)")


def _read_toml(path: Path) -> list[AliasEntry]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PeopleError(f"{path}: invalid TOML: {exc}") from exc
    rows = data.get("person", data.get("people"))
    if not isinstance(rows, list):
        raise PeopleError(f"{path}: expected [[person]] tables")
    return [_entry(row, f"{path}: person #{i}") for i, row in enumerate(rows, start=1)]


def _read_csv(path: Path, delimiter: str) -> list[AliasEntry]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        fields_present = {name.strip().lower() for name in reader.fieldnames or []}
        if "name" not in fields_present:
            raise PeopleError(f"{path}: the header must have a 'name' column (and qid, aliases)")
        return [
            _entry({(k or "").strip().lower(): v for k, v in row.items()}, f"{path}: line {reader.line_num}")
            for row in reader
        ]


def _set_alias(session: Session, person: Person, alias: str, *, source: str) -> bool:
    """Make ``alias`` one of ``person``'s names (taking it from anyone else); True if it changed."""
    key = normalize_name(alias)
    if not key:
        return False
    existing = session.scalars(select(PersonAlias).where(PersonAlias.alias_norm == key)).first()
    if existing is None:
        session.add(PersonAlias(person_id=person.id, alias=alias.strip(), alias_norm=key, source=source))
        return True
    if existing.person_id == person.id:
        return False
    existing.person_id = person.id
    existing.source = source
    return True


def _alias_owner(session: Session, key: str) -> Person | None:
    alias = session.scalars(select(PersonAlias).where(PersonAlias.alias_norm == key)).first()
    return alias.person if alias is not None else None


def _person_for_entry(session: Session, entry: AliasEntry, result: ImportResult) -> Person:
    person = None
    if entry.qid:
        person = session.scalars(
            select(Person).where(Person.wikidata_qid == entry.qid).order_by(Person.id)
        ).first()
    if person is None:
        person = find_person(session, entry.name)
    if person is None:
        person = Person(name=entry.name, kind=entry.kind or "person")
        session.add(person)
        session.flush()
        _set_alias(session, person, entry.name, source="import")
        result.people_created += 1
        return person
    result.people_updated += 1
    person = canonical(session, person)
    if person.name != entry.name and find_person(session, entry.name, follow_merges=False) in (None, person):
        person.name = entry.name  # the file's canonical spelling wins
    return person


def _apply_entry(session: Session, entry: AliasEntry, result: ImportResult) -> None:
    person = _person_for_entry(session, entry, result)
    person.wikidata_qid = entry.qid or person.wikidata_qid
    person.kind = entry.kind or person.kind
    person.description = entry.description or person.description
    session.flush()
    for alias in [entry.name, *entry.aliases]:
        key = normalize_name(alias)
        if not key:
            continue
        # Someone filed under this alias (e.g. "McCain" from an article) is this person: merge them.
        # They keep their row and alias, so `split` can undo it; lookups follow the merge.
        named = session.scalars(select(Person).where(func.lower(Person.name) == alias.strip().lower())).all()
        owner = _alias_owner(session, key)
        for other in {*named, *([owner] if owner else [])}:
            if canonical(session, other).id != person.id:
                _merge(session, canonical(session, other), person)
                result.people_merged += 1
        if owner is None and _set_alias(session, person, alias, source="import"):
            result.aliases_added += 1
    session.flush()


def import_aliases(engine: Engine, path: str | Path) -> ImportResult:
    """Apply an aliases file in one transaction: all of it, or (on a bad row) nothing."""
    entries = read_aliases_file(path)
    result = ImportResult()
    with Session(engine) as session, session.begin():
        for entry in entries:
            _apply_entry(session, entry, result)
    return result
