"""``quotes db refold``: split the quotations an older folding rule merged wrongly, losing no mention.

Before schema revision 0003 a wording was one quotation whoever said it, and a near-variant folded
on character similarity alone ("will not raise taxes" into "will raise taxes", "5 percent" into
"15 percent", one speaker's words under another's). This pass re-reads every quotation whose
mentions disagree (more than one speaker, or more than one wording) and regroups its mentions by
today's rule (``db.folding``, ``db.store.choose_quotation``): a group per speaker and statement.
The largest group keeps the quotation; each other group moves, mentions and all, to the quotation
of its speaker already holding that wording, or to a new one. Then one speaker's quotations of the
same words (two people's, until ``quotes people merge`` made them one) are joined into the oldest.
Mentions are only re-pointed, never deleted, and aggregates are recomputed. Running it again
changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.engine import Connection

from db.engine import reader
from db.folding import same_statement
from db.models import Mention, Quotation, QuotationKey
from db.store import (
    EXACT,
    FoldBatch,
    _add_keys,
    _create_quotation,
    _follow_merges,
    _lock_quotations,
    _Match,
    choose_quotation,
    quotation_keys,
    quotation_wording,
    refresh_quotation,
    run_transaction,
    wording_hash,
)


@dataclass
class RefoldReport:
    examined: int = 0
    split: int = 0  # quotations that held more than one statement
    moved_to: int = 0  # quotations (new or existing) that received the moved mentions
    joined: int = 0  # duplicate quotations of one speaker's words folded into another
    mentions_moved: int = 0
    mentions_before: int = 0
    mentions_after: int = 0

    def summary(self) -> str:
        return (f"examined {self.examined} quotations: split {self.split} (into {self.moved_to} more), "
                f"joined {self.joined} duplicates, moving {self.mentions_moved} mentions; "
                f"mentions before {self.mentions_before}, after {self.mentions_after}")


@dataclass
class _Group:
    """Mentions that are one statement by one speaker (None: unknown)."""

    person_id: int | None
    wordings: list[str] = field(default_factory=list)
    mention_ids: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def says(self, norm: str) -> bool:
        return any(norm == wording or same_statement(norm, wording) for wording in self.wordings)

    def add(self, mention_id: int, text: str, norm: str) -> None:
        self.mention_ids.append(mention_id)
        self.texts.append(text)
        if norm not in self.wordings:
            self.wordings.append(norm)

    @property
    def anchor(self) -> str:
        """The fullest wording: trimmed printings compare best against it."""
        return max(self.wordings, key=lambda wording: (len(wording), wording))


def group_mentions(rows: Iterable[tuple[int, str, int | None]]) -> list[_Group]:
    """Regroup (mention id, text, canonical person) by today's rule: speakers first, then the
    unknown-speaker mentions, which join the one speaker whose statement they match (if only one)."""
    rows = list(rows)
    groups: list[_Group] = []
    for mention_id, text, person_id in rows:
        if person_id is None:
            continue
        norm = quotation_wording(text)
        group = next((g for g in groups if g.person_id == person_id and g.says(norm)), None)
        if group is None:
            group = _Group(person_id)
            groups.append(group)
        group.add(mention_id, text, norm)
    for mention_id, text, person_id in rows:
        if person_id is not None:
            continue
        norm = quotation_wording(text)
        matching = [g for g in groups if g.says(norm)]
        if len({g.person_id for g in matching if g.person_id is not None}) > 1:
            matching = [g for g in matching if g.person_id is None]
        group = matching[0] if matching else None
        if group is None:
            group = _Group(None)
            groups.append(group)
        group.add(mention_id, text, norm)
    return groups


def _suspects(engine: Engine) -> list[int]:
    """Quotations whose mentions name more than one speaker or print more than one wording."""
    with reader(engine) as conn:
        return list(conn.execute(
            select(Mention.quotation_id)
            .group_by(Mention.quotation_id)
            .having((func.count(func.distinct(func.coalesce(Mention.person_id, -1))) > 1)
                    | (func.count(func.distinct(Mention.text)) > 1))
            .order_by(Mention.quotation_id)
        ).scalars())


def _count_mentions(engine: Engine) -> int:
    with reader(engine) as conn:
        return conn.execute(select(func.count()).select_from(Mention)).scalar_one()


def _keeper(groups: list[_Group], person_id: int | None) -> _Group:
    """The group that keeps the quotation: the largest of its current speaker's, else the largest."""
    own = [g for g in groups if g.person_id == person_id] or groups
    return max(own, key=lambda g: (len(g.mention_ids), -min(g.mention_ids)))


def _target_for(conn: Connection, group: _Group, quotation_id: int) -> int:
    """The quotation a split-off group moves to: its speaker's own quotation of that wording, if one
    exists (filed since the fix), else a new one."""
    digests = [wording_hash(w) for w in group.wordings]
    rows = conn.execute(
        select(Quotation.id, Quotation.person_id).where(Quotation.wording_hash.in_(digests), Quotation.id != quotation_id)
    ).all()
    found = choose_quotation([_Match(EXACT, row.id, row.person_id) for row in rows], group.person_id)
    if found is not None:
        return found
    anchor = group.anchor
    text = max(group.texts, key=len)
    digest = wording_hash(anchor)
    return _create_quotation(conn, text, anchor, digest, group.person_id, FoldBatch())


def _keys_of(wordings: Iterable[str]) -> set[int]:
    keys: set[int] = set()
    for wording in wordings:
        keys |= quotation_keys(wording)
    return keys


@dataclass(frozen=True)
class _Split:
    moved_to: int
    mentions_moved: int


def _refold_one(conn: Connection, quotation_id: int) -> _Split | None:
    _lock_quotations(conn, [quotation_id])
    person_id = conn.execute(select(Quotation.person_id).where(Quotation.id == quotation_id)).scalar()
    rows = conn.execute(
        select(Mention.id, Mention.text, Mention.person_id).where(Mention.quotation_id == quotation_id).order_by(Mention.id)
    ).all()
    canonical = {pid: _follow_merges(conn, pid) for pid in {row.person_id for row in rows} if pid is not None}
    groups = group_mentions((row.id, row.text, canonical.get(row.person_id)) for row in rows)
    if len(groups) <= 1:
        return None
    keeper = _keeper(groups, person_id and _follow_merges(conn, person_id))
    touched = {quotation_id}
    moved = 0
    for group in groups:
        if group is keeper:
            continue
        target = _target_for(conn, group, quotation_id)
        conn.execute(update(Mention).where(Mention.id.in_(group.mention_ids)).values(quotation_id=target))
        _add_keys(conn, target, _keys_of(group.wordings))
        touched.add(target)
        moved += len(group.mention_ids)
    anchor = keeper.anchor
    conn.execute(update(Quotation).where(Quotation.id == quotation_id).values(
        text_norm=anchor, wording_hash=wording_hash(anchor)))
    conn.execute(delete(QuotationKey).where(QuotationKey.quotation_id == quotation_id))
    _add_keys(conn, quotation_id, _keys_of(keeper.wordings))
    for touched_id in sorted(touched):
        refresh_quotation(conn, touched_id)
    return _Split(len(touched) - 1, moved)


def _duplicates(engine: Engine) -> list[list[int]]:
    """Quotations of one wording by one speaker, more than one of them: two people's quotations of the
    same words become one person's when the people are merged (``quotes people merge``)."""
    with reader(engine) as conn:
        rows = conn.execute(
            select(Quotation.wording_hash, Quotation.person_id, Quotation.id)
            .where(Quotation.wording_hash.is_not(None), Quotation.person_id.is_not(None))
            .order_by(Quotation.wording_hash, Quotation.person_id, Quotation.id)
        ).all()
    groups: dict[tuple[str, int], list[int]] = {}
    for wording, person_id, quotation_id in rows:
        groups.setdefault((wording, person_id), []).append(quotation_id)
    return [ids for ids in groups.values() if len(ids) > 1]


def _join(conn: Connection, quotation_ids: list[int]) -> int:
    """Move the mentions and keys of the later quotations into the first; how many mentions moved."""
    keeper, *others = sorted(quotation_ids)
    _lock_quotations(conn, quotation_ids)
    keys = set(conn.execute(select(QuotationKey.key).where(QuotationKey.quotation_id.in_(others))).scalars())
    moved = conn.execute(update(Mention).where(Mention.quotation_id.in_(others)).values(quotation_id=keeper)).rowcount
    _add_keys(conn, keeper, keys)
    for quotation_id in sorted(quotation_ids):
        refresh_quotation(conn, quotation_id, locked=True)  # the emptied ones are deleted
    return int(moved or 0)


def split_mixed(conn: Connection, quotation_ids: Iterable[int]) -> None:
    """In the caller's transaction: split those of these quotations whose mentions are no longer
    one speaker's statement (``quotes people split`` gives some of them to another person)."""
    for quotation_id in sorted(set(quotation_ids)):
        _refold_one(conn, quotation_id)


def join_duplicates_of(conn: Connection, person_id: int) -> None:
    """In the caller's transaction: join a person's quotations of the same words (``quotes people
    merge`` of two people who had each said them)."""
    rows = conn.execute(
        select(Quotation.wording_hash, Quotation.id)
        .where(Quotation.person_id == person_id, Quotation.wording_hash.is_not(None))
        .order_by(Quotation.wording_hash, Quotation.id)
    ).all()
    groups: dict[str, list[int]] = {}
    for wording, quotation_id in rows:
        groups.setdefault(wording, []).append(quotation_id)
    for ids in groups.values():
        if len(ids) > 1:
            _join(conn, ids)


def refold(engine: Engine) -> RefoldReport:
    """Split every wrongly folded quotation, then join one speaker's duplicates (one transaction per
    quotation or group); see the module doc."""
    report = RefoldReport(mentions_before=_count_mentions(engine))
    for quotation_id in _suspects(engine):
        report.examined += 1
        split = run_transaction(engine, lambda conn, qid=quotation_id: _refold_one(conn, qid))
        if split is not None:
            report.split += 1
            report.moved_to += split.moved_to
            report.mentions_moved += split.mentions_moved
    for group in _duplicates(engine):
        report.joined += len(group) - 1
        report.mentions_moved += run_transaction(engine, lambda conn, ids=group: _join(conn, ids))
    report.mentions_after = _count_mentions(engine)
    return report
