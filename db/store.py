"""Storing articles and their quotations: dedup of URLs, syndicated copies and repeated quotations.

``store_article`` writes one article with all its mentions in one transaction. The identities:

- an article is its normalised URL (``db.urls.url_hash``): the same URL again changes nothing;
- a syndicated copy (same text under another URL) is stored, with ``duplicate_of_id`` pointing at
  the first copy (``content_fingerprint``), and its mentions count as appearances;
- a quotation is a wording (the hash of its normalised text: case, punctuation, whitespace) said
  by one speaker: the same words from two people are two quotations. A near-variant (trimmed,
  ellipsised, lightly shortened) of the same speaker's quotation (or with the speaker unknown) is
  folded into it, found through ``quotation_keys`` (content-defined shingles) and the speaker's
  quotations, then judged word by word by ``db.folding`` (no negation, number, name or other
  content word may differ);
- a person is found by alias (``alias_norm``), else created with that alias.

Quotation aggregates (first/last seen, said_on, n_articles, n_mentions, longest form, person and
speaker distribution) are recomputed from the mentions under a row lock, so concurrent writers and
re-attribution keep them right. All SQL is SQLAlchemy expressions with bound parameters.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import random
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import Engine, bindparam, delete, func, or_, select, type_coerce, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError

from attribution.cleaning import storable
from db.engine import reader
from db.folding import speakers_compatible, variant_score
from db.models import (
    Article,
    Mention,
    Outlet,
    Person,
    PersonAlias,
    Quotation,
    QuotationKey,
    UTCDateTime,
    utcnow,
)
from db.records import ArticleRecord
from db.urls import url_hash, urls_by_hash

if TYPE_CHECKING:
    from attribution.types import Quote

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ATTEMPTS = 6  # transaction retries on races (PostgreSQL unique/deadlock, SQLite lock timeout)
FINGERPRINT_MIN_WORDS = 40  # shorter texts (paywall stubs, captions) are too generic to call copies
SHINGLE_WORDS = 3
# Keep the shingles whose hash % 4 == 0: chosen by content, not position, so a trimmed copy's keys are
# a subset of the full quotation's and lead to it.
KEY_SAMPLE_MODULUS = 4
SPEAKER_CANDIDATES = 100  # most recent quotations of the same person compared for folding
KEY_CANDIDATES = 200
MAX_KEY_SALTS = 50  # identity keys tried for a new quotation of a wording (one per speaker, see _create)
SEEN_URLS_CHUNK = 500

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


class EmptyArticleError(ValueError):
    """The article has no text: nothing is stored."""


@dataclass(frozen=True, slots=True)
class StoreResult:
    article_id: int
    created: bool
    n_mentions: int


# --- normalisation -----------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """Make text storable on both backends without moving offsets (see attribution.cleaning.storable)."""
    return storable(value)


def _fit(value: str | None, length: int) -> str | None:
    return None if value is None else clean_text(value)[:length]


def normalize_quote(text: str) -> str:
    """Case, punctuation and whitespace folded: the identity of a quotation's wording."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", _PUNCT.sub(" ", folded.replace("’", "").replace("'", ""))).strip()


def quotation_wording(text: str) -> str:
    """The wording a quotation is found by: ``normalize_quote``, or for text that folds to nothing
    (all punctuation) the text itself, case-folded."""
    return normalize_quote(text) or clean_text(text.strip().casefold())


def wording_hash(norm: str) -> str:
    """The hash of a normalised wording (``quotations.wording_hash``)."""
    return hashlib.sha256(norm.encode("utf-8", "replace")).hexdigest()


def quote_hash(text: str) -> str:
    return wording_hash(normalize_quote(text))


def normalize_name(name: str) -> str:
    """The alias lookup key: casefolded, punctuation-free, single-spaced."""
    return normalize_quote(name)


def content_fingerprint(text: str) -> str | None:
    """sha256 of the normalised word sequence; None for texts too short to identify a copy."""
    words = normalize_quote(text).split()
    if len(words) < FINGERPRINT_MIN_WORDS:
        return None
    return hashlib.sha256(" ".join(words).encode("utf-8", "replace")).hexdigest()


def _key(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8", "replace"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def quotation_keys(norm: str) -> set[int]:
    """Sampled word-shingle keys of a normalised quotation, for candidate lookup.

    Sampling by hash value (not position) keeps a trimmed copy's keys a subset of the full
    quotation's; the smallest key is kept too so short quotations always have one.
    """
    words = norm.split()
    if not words:
        return set()
    span = min(SHINGLE_WORDS, len(words))
    keys = [_key(" ".join(words[i : i + span])) for i in range(len(words) - span + 1)]
    sampled = {k for k in keys if k % KEY_SAMPLE_MODULUS == 0}
    sampled.add(min(keys))
    return sampled


def is_variant(norm_a: str, norm_b: str) -> float:
    """A similarity score (0 when not the same statement) between two normalised quotations."""
    return variant_score(norm_a, norm_b)


# --- transactions ------------------------------------------------------------------------------


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True  # a concurrent writer created the same row first: redo and find it
    message = str(exc).lower()
    return any(s in message for s in ("deadlock", "could not serialize", "database is locked", "busy"))


def run_transaction(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in one transaction, redoing it from scratch when it loses a race."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with engine.begin() as conn:
                return work(conn)
        except (IntegrityError, OperationalError) as exc:
            if attempt == MAX_ATTEMPTS or not _retryable(exc):
                raise
            log.info("transaction lost a race (%s); retry %d", str(exc).splitlines()[0], attempt)
            time.sleep(random.uniform(0.01, 0.05) * attempt)
    raise AssertionError("unreachable")


def _insert(conn: Connection, model: Any) -> Any:
    """A dialect INSERT (both SQLite and PostgreSQL support ON CONFLICT DO NOTHING and RETURNING)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


# --- outlets and people ------------------------------------------------------------------------


def _domain(url: str) -> str | None:
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def get_or_create_outlet(conn: Connection, name: str | None, domain: str | None) -> int | None:
    name = _fit((name or domain or "").strip(), 200)
    if not name:
        return None
    found = conn.execute(_Lookup.outlet, {"name": name}).scalar()
    if found is not None:
        return found
    conn.execute(
        _insert(conn, Outlet)
        .values(name=name, domain=_fit(domain, 255), created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["name"])
    )
    return conn.execute(_Lookup.outlet, {"name": name}).scalar_one()


def _follow_merges(conn: Connection, person_id: int) -> int:
    for _ in range(20):  # merges form short chains; the bound guards against a cycle
        merged_into = conn.execute(_Lookup.merged_into, {"person_id": person_id}).scalar()
        if merged_into is None:
            return person_id
        person_id = merged_into
    return person_id


def get_or_create_person(conn: Connection, name: str, kind: str | None = None, source: str = "attribution",
                         *, fold_surnames: bool = True) -> int | None:
    """The person an alias names (following merges), created with that alias when new.

    With ``fold_surnames``, surnames fold across articles: a bare surname ("Trump") names the one
    person of that surname already known, and a new full name takes over a surname-only person
    stored before it. Within an article the resolver already gives the fullest name; this is for
    articles that only ever give the surname.
    """
    display = _fit(_SPACE.sub(" ", name).strip(), 300)
    alias_norm = _fit(normalize_name(name), 300)
    if not display or not alias_norm:
        return None
    found = conn.execute(_Lookup.alias, {"alias_norm": alias_norm}).scalar()
    if found is None and fold_surnames:
        found = _surname_alias(conn, display, alias_norm, kind)
    if found is None:
        conn.execute(
            _insert(conn, Person)
            .values(name=display, kind=kind if kind in ("person", "organization") else "person", created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["name"])
        )
        person_id = conn.execute(select(Person.id).where(Person.name == display)).scalar_one()
        conn.execute(
            _insert(conn, PersonAlias)
            .values(person_id=person_id, alias=display, alias_norm=alias_norm, source=source)
            .on_conflict_do_nothing(index_elements=["alias_norm"])
        )
        # Reselect: a concurrent writer may have claimed the alias for its own row first.
        found = conn.execute(select(PersonAlias.person_id).where(PersonAlias.alias_norm == alias_norm)).scalar_one()
        if fold_surnames and kind in (None, "person"):
            _fold_surname_stub(conn, found, alias_norm)
    return _follow_merges(conn, found)


def _surname_owner(conn: Connection, surname: str) -> int | None:
    """The one person whose full name ends with ``surname`` (a normalised token), if there is exactly one.

    Two people of that surname (Bill and Hillary Clinton) make it ambiguous: a bare "Clinton" then
    stays a person of its own, because a wrong name is worse than none.
    """
    pattern = "% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = conn.execute(
        select(PersonAlias.person_id)
        .join(Person, Person.id == PersonAlias.person_id)
        .where(PersonAlias.alias_norm.like(pattern, escape="\\"), Person.kind == "person")
        .distinct()
    ).scalars().all()
    owners = {_follow_merges(conn, person_id) for person_id in rows}
    return owners.pop() if len(owners) == 1 else None


def _surname_alias(conn: Connection, display: str, alias_norm: str, kind: str | None) -> int | None:
    """A bare surname ("Trump") names the one person of that surname the database knows, if any.

    Within an article the resolver already gives the fullest name; this folds, across articles,
    the speakers of articles that only ever give the surname. The alias is recorded (source
    "surname"), so ``quotes people split`` can undo it like any merge.
    """
    if kind not in (None, "person") or " " in alias_norm:
        return None
    owner = _surname_owner(conn, alias_norm)
    if owner is None:
        return None
    conn.execute(
        _insert(conn, PersonAlias)
        .values(person_id=owner, alias=display, alias_norm=alias_norm, source="surname")
        .on_conflict_do_nothing(index_elements=["alias_norm"])
    )
    return conn.execute(_Lookup.alias, {"alias_norm": alias_norm}).scalar_one()


def _fold_surname_stub(conn: Connection, person_id: int, alias_norm: str) -> None:
    """A new full name ("Donald Trump") takes over the surname-only person ("Trump") stored before it,
    when it is the only person of that surname: the same merge ``quotes people merge`` makes."""
    surname = alias_norm.rsplit(" ", 1)[-1]
    if surname == alias_norm:
        return
    stub = conn.execute(_Lookup.alias, {"alias_norm": surname}).scalar()
    if stub is None:
        return
    stub = _follow_merges(conn, stub)
    stub_row = conn.execute(select(Person.name, Person.kind).where(Person.id == stub)).one()
    if stub == person_id or " " in normalize_name(stub_row.name) or stub_row.kind != "person":
        return
    if _surname_owner(conn, surname) != person_id:
        return
    merge_person(conn, stub, person_id)


def merge_person(conn: Connection, source_id: int, target_id: int) -> tuple[int, int]:
    """Merge person ``source_id`` into ``target_id`` (``quotes people merge``, and the store's own
    surname folding): its mentions and quotations become the target's, whoever was merged into it now
    stands for the target too (no chains to walk), the target takes its Wikidata QID if it has none,
    and it keeps its row (``merged_into_id``) so that a split can undo the merge.

    Returns (mentions moved, quotations whose speaker was recomputed).
    """
    touched = set(conn.execute(select(Mention.quotation_id).where(Mention.person_id == source_id)).scalars())
    touched.update(conn.execute(select(Quotation.id).where(Quotation.person_id == source_id)).scalars())
    moved = conn.execute(update(Mention).where(Mention.person_id == source_id).values(person_id=target_id)).rowcount
    conn.execute(update(Person).where(Person.merged_into_id == source_id).values(merged_into_id=target_id))
    conn.execute(update(Person).where(Person.id == source_id).values(merged_into_id=target_id))
    qid = conn.execute(select(Person.wikidata_qid).where(Person.id == source_id)).scalar()
    if qid is not None:
        conn.execute(update(Person).where(Person.id == target_id, Person.wikidata_qid.is_(None))
                     .values(wikidata_qid=qid))
    for quotation_id in sorted(touched):  # the store's lock order
        refresh_quotation(conn, quotation_id)
    from db.refold import join_duplicates_of  # imports this module

    join_duplicates_of(conn, target_id)  # both had said the same words: one quotation now
    return moved, len(touched)


# --- quotations --------------------------------------------------------------------------------


class _Lookup:
    """Hot lookups, built once (see _Refresh)."""

    by_wording = select(Quotation.id, Quotation.person_id).where(Quotation.wording_hash == bindparam("digest"))
    by_key = select(Quotation.id, Quotation.person_id).where(Quotation.text_hash == bindparam("key"))
    keyed = (
        select(QuotationKey.quotation_id)
        .where(QuotationKey.key.in_(bindparam("keys", expanding=True)))
        .limit(KEY_CANDIDATES)
    )
    spoken = (
        select(Quotation.id).where(Quotation.person_id == bindparam("person_id"))
        .order_by(Quotation.id.desc()).limit(SPEAKER_CANDIDATES)
    )
    candidates = select(Quotation.id, Quotation.text_norm, Quotation.person_id).where(
        or_(Quotation.id.in_(keyed.scalar_subquery()), Quotation.id.in_(spoken.scalar_subquery()))
    )
    alias = select(PersonAlias.person_id).where(PersonAlias.alias_norm == bindparam("alias_norm"))
    outlet = select(Outlet.id).where(Outlet.name == bindparam("name"))
    merged_into = select(Person.merged_into_id).where(Person.id == bindparam("person_id"))


@dataclass
class FoldBatch:
    """What one transaction has filed so far and not yet written.

    ``keys``: shingle keys to write after the row locks are taken (a key row's foreign key takes a
    share lock on the quotation, and share-then-update across writers deadlocks). ``speakers``:
    the person each quotation was given in this transaction, before its mentions are written and
    its ``person_id`` recomputed (two people saying "Thank you," in one article are two quotations).
    """

    keys: dict[int, set[int]] = field(default_factory=dict)
    speakers: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Match:
    score: float
    quotation_id: int
    person_id: int | None


def _fold_candidates(conn: Connection, keys: set[int], person_id: int | None) -> list[tuple[int, str, int | None]]:
    """Quotations sharing a shingle key with the new one, or its speaker's most recent ones."""
    rows = conn.execute(_Lookup.candidates, {"keys": sorted(keys) or [0], "person_id": person_id or -1})
    return [(row.id, row.text_norm, row.person_id) for row in rows]


def _add_keys(conn: Connection, quotation_id: int, keys: set[int]) -> None:
    if keys:
        conn.execute(
            _insert(conn, QuotationKey).on_conflict_do_nothing(),
            [{"quotation_id": quotation_id, "key": key} for key in sorted(keys)],
        )


def _speaker(batch: FoldBatch, quotation_id: int, person_id: int | None) -> int | None:
    return person_id if person_id is not None else batch.speakers.get(quotation_id)


def choose_quotation(matches: Sequence[_Match], person_id: int | None) -> int | None:
    """The quotation a printing by ``person_id`` (None: unknown) joins among same-statement matches.

    A known speaker joins only their own quotation, or one with no speaker yet (their own first).
    An unknown speaker joins the best match, unless the matches belong to several people: then
    only a quotation with no speaker, since guessing would file the words under the wrong person.
    """
    if person_id is not None:
        usable = [m for m in matches if speakers_compatible(person_id, m.person_id)]
        rank = lambda m: (m.person_id == person_id, m.score, -m.quotation_id)  # noqa: E731
    else:
        people = {m.person_id for m in matches if m.person_id is not None}
        usable = [m for m in matches if len(people) <= 1 or m.person_id is None]
        rank = lambda m: (m.score, m.person_id is not None, -m.quotation_id)  # noqa: E731
    return max(usable, key=rank).quotation_id if usable else None


EXACT = 1000.0  # the score of an identical wording, above any variant's


def find_or_create_quotation(conn: Connection, text: str, person_id: int | None,
                             batch: FoldBatch | None = None) -> int:
    """The quotation ``text`` by ``person_id`` repeats (the same wording, else a near-variant of
    the same statement, by the same speaker or an unknown one), or a new one.

    This wording's shingle keys are filed under it, so the next lookup finds it directly; with a
    ``batch`` the caller writes them later, after taking its row locks.
    """
    norm = quotation_wording(text)
    digest = wording_hash(norm)
    state = batch if batch is not None else FoldBatch()
    exact = [_Match(EXACT, row.id, _speaker(state, row.id, row.person_id))
             for row in conn.execute(_Lookup.by_wording, {"digest": digest})]
    found = choose_quotation(exact, person_id)
    keys = quotation_keys(norm)
    if found is None:
        variants = [_Match(variant_score(norm, other), qid, _speaker(state, qid, pid))
                    for qid, other, pid in _fold_candidates(conn, keys, person_id)]
        found = choose_quotation(exact + [m for m in variants if m.score > 0], person_id)
    if found is None:
        found = _create_quotation(conn, text, norm, digest, person_id, state)
    if person_id is not None:
        state.speakers.setdefault(found, person_id)
    _file_keys(conn, found, keys, batch)
    return found


def _identity_key(norm: str, person_id: int | None, salt: int) -> str:
    """The unique ``text_hash`` of a new quotation: its wording and the speaker it was filed under
    (a salt when that key is taken by a quotation since given to someone else)."""
    raw = f"{norm}\x1f{person_id if person_id is not None else ''}\x1f{salt or ''}"
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


def _create_quotation(conn: Connection, text: str, norm: str, digest: str, person_id: int | None,
                      batch: FoldBatch) -> int:
    """Insert a quotation for this wording and speaker. A concurrent writer may have inserted the
    same one first (the unique key): then it is that one, when its speaker still fits."""
    for salt in range(MAX_KEY_SALTS):
        key = _identity_key(norm, person_id, salt)
        created = conn.execute(
            _insert(conn, Quotation)
            .values(text_hash=key, wording_hash=digest, text=clean_text(text), text_norm=norm,
                    person_id=person_id, speaker_distribution={}, n_articles=0, n_mentions=0,
                    created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["text_hash"])
            .returning(Quotation.id)
        ).scalar()
        if created is not None:
            return created
        row = conn.execute(_Lookup.by_key, {"key": key}).one()
        if speakers_compatible(person_id, _speaker(batch, row.id, row.person_id)):
            return row.id
    raise RuntimeError(f"no free identity key for a quotation after {MAX_KEY_SALTS} tries")


def _file_keys(conn: Connection, quotation_id: int, keys: set[int], batch: FoldBatch | None) -> None:
    if batch is None:
        _add_keys(conn, quotation_id, keys)
    else:
        batch.keys.setdefault(quotation_id, set()).update(keys)


class _Refresh:
    """The aggregate statements, built once: statement construction costs more than running them."""

    qid = bindparam("qid")
    mine = Mention.quotation_id == qid
    # type_coerce: coalesce() would lose the column type and SQLite would hand back a string.
    seen = type_coerce(func.coalesce(Article.published, Article.fetched_at), UTCDateTime())
    totals = (
        select(func.count(), func.count(func.distinct(Mention.article_id)), func.min(seen), func.max(seen))
        .select_from(Mention).join(Article, Article.id == Mention.article_id).where(mine)
    )
    speakers = (
        select(Person.id, Person.name, func.count().label("n")).select_from(Mention)
        .join(Person, Person.id == Mention.person_id)
        .where(mine).group_by(Person.id, Person.name).order_by(func.count().desc(), Person.id)
    )
    said_on = (
        select(Mention.said_on).where(mine, Mention.said_on.is_not(None))
        .group_by(Mention.said_on).order_by(func.count().desc(), Mention.said_on).limit(1)
    )
    longest = select(Mention.text).where(mine).order_by(func.length(Mention.text).desc(), Mention.id).limit(1)
    delete = delete(Quotation).where(Quotation.id == qid)
    update = (
        update(Quotation)
        .where(Quotation.id == qid)
        .values(text=longest.scalar_subquery(), said_on=said_on.scalar_subquery())
    )


def refresh_quotation(conn: Connection, quotation_id: int, *, locked: bool = False) -> None:
    """Recompute a quotation's aggregates from its mentions (deleting it when none are left).

    Takes the quotation's row lock first unless the caller holds it (``locked``), so concurrent
    writers recompute one after the other. Aggregates run in the database (index on
    mentions.quotation_id): a quotation repeated by thousands of articles costs a few index scans,
    not thousands of rows shipped to Python, and three round trips.
    """
    if not locked:
        _lock_quotations(conn, [quotation_id])
    params = {"qid": quotation_id}
    n_mentions, n_articles, first_seen, last_seen = conn.execute(_Refresh.totals, params).one()
    if n_mentions == 0:
        conn.execute(_Refresh.delete, params)
        return
    speakers = conn.execute(_Refresh.speakers, params).all()
    distribution: dict[str, int] = {}
    for row in speakers:
        distribution[row.name] = distribution.get(row.name, 0) + row.n
    conn.execute(
        _Refresh.update,
        {
            "qid": quotation_id,
            "n_mentions": n_mentions,
            "n_articles": n_articles,
            "first_seen": _utc(first_seen),
            "last_seen": _utc(last_seen),
            "person_id": speakers[0].id if speakers else None,
            "speaker_distribution": distribution,
        },
    )


def _utc(value: Any) -> datetime | None:
    # min()/max() over the coerced expression come back typed on PostgreSQL, as text on SQLite.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return UTCDateTime().process_result_value(value, None)


# --- mentions ----------------------------------------------------------------------------------


def _default_attribution_version() -> str:
    """The version of the attribution package that found the quotations, when the caller names none
    (the commands and the crawl pass tracker.services.attribution_version())."""
    from attribution import ATTRIBUTION_VERSION

    return ATTRIBUTION_VERSION


def _mention_row(quote: Quote, article_id: int, quotation_id: int, person_id: int | None, version: str) -> dict[str, Any]:
    return {
        "quotation_id": quotation_id,
        "article_id": article_id,
        "start": quote.start,
        "end": quote.end,
        "text": clean_text(quote.text),
        "type": _fit(quote.type or "direct", 16),
        "person_id": person_id,
        "speaker": _fit(quote.speaker, 300),
        "speaker_kind": _fit(quote.speaker_kind, 16),
        "speaker_mention": _fit(quote.speaker_mention, 300),
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "cue": _fit(quote.cue, 100),
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "sentence": _fit(quote.sentence, 100_000),
        "confidence": float(quote.confidence or 0.0),
        "said_on": _fit(quote.said_on, 10),
        "said_on_evidence": _fit(quote.said_on_evidence, 10_000),
        "attribution_version": _fit(version, 32),
        "created_at": utcnow(),
    }


def write_mentions(conn: Connection, article_id: int, quotes: Sequence[Quote], version: str, *,
                   fold_surnames: bool = True) -> tuple[int, set[int]]:
    """Insert the article's mentions (one per distinct span); returns (count, quotation ids touched)."""
    people: dict[str, int | None] = {}
    batch = FoldBatch()
    rows: list[dict[str, Any]] = []
    spans: set[tuple[int, int]] = set()
    for quote in quotes:
        if (quote.start, quote.end) in spans or not quote.text.strip():
            continue
        spans.add((quote.start, quote.end))
        person_id = None
        if quote.speaker:
            if quote.speaker not in people:
                people[quote.speaker] = get_or_create_person(
                    conn, quote.speaker, quote.speaker_kind, fold_surnames=fold_surnames
                )
            person_id = people[quote.speaker]
        quotation_id = find_or_create_quotation(conn, quote.text, person_id, batch)
        rows.append(_mention_row(quote, article_id, quotation_id, person_id, version))
    touched = {row["quotation_id"] for row in rows}
    # Lock the quotations (in one order) before the mention and key rows take their foreign-key
    # share locks: otherwise two writers each holding a share lock deadlock when they refresh.
    _lock_quotations(conn, touched)
    for quotation_id, keys in sorted(batch.keys.items()):
        _add_keys(conn, quotation_id, keys)
    if rows:
        conn.execute(_insert(conn, Mention), rows)
    return len(rows), touched


def _lock_quotations(conn: Connection, quotation_ids: Iterable[int]) -> None:
    if conn.dialect.name == "postgresql" and quotation_ids:
        conn.execute(
            select(Quotation.id).where(Quotation.id.in_(sorted(quotation_ids))).order_by(Quotation.id).with_for_update()
        ).all()


def _refresh_all(conn: Connection, quotation_ids: Iterable[int]) -> None:
    for quotation_id in sorted(set(quotation_ids)):  # locked by the caller, in id order
        refresh_quotation(conn, quotation_id, locked=True)


def _mark_attributed(conn: Connection, article_id: int, version: str) -> None:
    conn.execute(
        update(Article)
        .where(Article.id == article_id)
        .values(attribution_version=_fit(version, 32), attributed_at=utcnow(), claimed_by=None, claim_expires_at=None)
    )


# --- articles ----------------------------------------------------------------------------------


def _html_gz(html: str | bytes | None) -> bytes | None:
    if html is None:
        return None
    raw = html if isinstance(html, bytes) else html.encode("utf-8", "surrogateescape")
    return gzip.compress(raw, compresslevel=6)


def _article_values(record: ArticleRecord, text: str, digest: str, outlet_id: int | None,
                    fingerprint: str | None, duplicate_of: int | None) -> dict[str, Any]:
    return {
        "url": clean_text(record.url),
        "url_hash": digest,
        "canonical_url": _fit(record.canonical_url, 100_000),
        "outlet_id": outlet_id,
        "title": _fit(record.title, 100_000),
        "authors": [clean_text(str(a)) for a in (record.authors or [])],
        "published": record.published,
        "published_raw": _fit(record.published_raw, 100),
        "fetched_at": record.fetched_at or utcnow(),
        "language": _fit(record.language, 16),
        "text": text,
        "content_fingerprint": fingerprint,
        "duplicate_of_id": duplicate_of,
        "paywalled": bool(record.paywalled),
        "extraction_status": _fit(record.extraction_status or "ok", 32),
        "created_at": utcnow(),
    }


def _original_of(conn: Connection, fingerprint: str | None) -> int | None:
    if fingerprint is None:
        return None
    return conn.execute(
        select(func.min(Article.id)).where(
            Article.content_fingerprint == fingerprint, Article.duplicate_of_id.is_(None)
        )
    ).scalar()


def validate_record(record: ArticleRecord) -> str:
    """The storable text of ``record``; EmptyArticleError when there is none."""
    if not record.url or not record.url.strip():
        raise EmptyArticleError("article has no URL: nothing stored")
    if not isinstance(record.text, str) or not record.text.strip():
        status = record.extraction_status
        why = f" (extraction status: {status})" if status and status != "ok" else ""
        raise EmptyArticleError(f"article {record.url} has no text{why}: nothing stored")
    if record.published is not None and record.published.tzinfo is None:
        raise ValueError(f"article {record.url}: published must be timezone-aware, got {record.published!r}")
    return clean_text(record.text)


def store_article(engine: Engine, record: ArticleRecord, quotes: list[Quote] | None, *,
                  attribution_version: str | None = None, fold_surnames: bool = True) -> StoreResult:
    """Store one article with all its mentions in one transaction (or nothing).

    Already stored (same normalised URL) -> created=False, nothing changes. ``quotes=None`` stores
    it unattributed (``quotes attribute`` does it later); ``[]`` marks it attributed with none.
    ``fold_surnames``: a speaker known only by a surname is filed under the one person of that
    surname (see ``get_or_create_person``).
    """
    text = validate_record(record)
    digest = url_hash(record.url)
    version = attribution_version or _default_attribution_version()
    html_gz = _html_gz(record.html)  # compress outside the transaction: a 50 MB page takes a while

    def work(conn: Connection) -> StoreResult:
        existing = conn.execute(select(Article.id).where(Article.url_hash == digest)).scalar()
        if existing is not None:
            return StoreResult(existing, False, 0)
        outlet_id = get_or_create_outlet(conn, record.outlet, _domain(record.url))
        fingerprint = content_fingerprint(text)
        values = _article_values(record, text, digest, outlet_id, fingerprint, _original_of(conn, fingerprint))
        values["html_gz"] = html_gz  # compressed once, before the transaction
        article_id = conn.execute(
            _insert(conn, Article).values(**values).on_conflict_do_nothing(index_elements=["url_hash"]).returning(Article.id)
        ).scalar()
        if article_id is None:  # a concurrent writer stored the same URL first
            return StoreResult(conn.execute(select(Article.id).where(Article.url_hash == digest)).scalar_one(), False, 0)
        if quotes is None:
            return StoreResult(article_id, True, 0)
        n_mentions, touched = write_mentions(conn, article_id, quotes, version, fold_surnames=fold_surnames)
        _refresh_all(conn, touched)
        _mark_attributed(conn, article_id, version)
        return StoreResult(article_id, True, n_mentions)

    return run_transaction(engine, work)


def replace_mentions(engine: Engine, article_id: int, quotes: Sequence[Quote], *, attribution_version: str) -> int:
    """Re-attribution: swap an article's mentions for ``quotes`` in one transaction; the article's
    hand corrections (``db.corrections``) are applied again and aggregates follow."""

    from db.corrections import reapply_corrections  # imports this module

    def work(conn: Connection) -> int:
        old = set(conn.execute(select(Mention.quotation_id).where(Mention.article_id == article_id)).scalars())
        _lock_quotations(conn, old)
        conn.execute(delete(Mention).where(Mention.article_id == article_id))
        n_mentions, touched = write_mentions(conn, article_id, quotes, attribution_version)
        corrected = reapply_corrections(conn, article_id)  # hand corrections outlive re-attribution
        _lock_quotations(conn, corrected - old - touched)
        _refresh_all(conn, old | touched | corrected)
        _mark_attributed(conn, article_id, attribution_version)
        return n_mentions

    return run_transaction(engine, work)


def seen_urls(engine: Engine, urls: Iterable[str]) -> set[str]:
    """The given URLs (as given) whose normalised form is already stored."""
    by_hash = urls_by_hash(urls)
    hashes = list(by_hash)
    found: set[str] = set()
    with reader(engine) as conn:
        for i in range(0, len(hashes), SEEN_URLS_CHUNK):
            chunk = hashes[i : i + SEEN_URLS_CHUNK]
            for digest in conn.execute(select(Article.url_hash).where(Article.url_hash.in_(chunk))).scalars():
                found.update(by_hash[digest])
    return found
