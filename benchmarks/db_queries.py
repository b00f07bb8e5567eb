"""Researcher query speed at 1 million mentions: a person's timeline and a full-text search.

    .venv/bin/python benchmarks/db_queries.py [--scale 1.0] [--keep PATH] [--postgres URL] [--export]

``--postgres URL`` (an empty database, e.g. a fresh ``createdb``) runs the same corpus and
queries on PostgreSQL too, loaded with COPY. ``--export`` also streams the exports to /dev/null in
a fresh process each and prints records/s and peak memory: flat memory is what streaming means.

Generates a database through the real migrations (so the FTS triggers and views are the shipped
ones), bulk-inserts a realistic corpus straight into the tables (100k quotations, 5k people,
200k articles, 1M mentions at --scale 1; speakers and repetitions Zipf-distributed, words drawn
from a Zipf vocabulary), then prints the median (and p95) time of ``db.queries.timeline`` and
``db.search.search_quotations`` over many people and queries, through the public API.
Targets (issue 3, SQLite): timeline < 20 ms, full-text < 50 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, text  # noqa: E402

from db.engine import open_engine  # noqa: E402
from db.queries import timeline  # noqa: E402
from db.search import search_quotations  # noqa: E402

N_PEOPLE = 5_000
N_OUTLETS = 60
N_ARTICLES = 200_000
N_QUOTATIONS = 100_000
N_MENTIONS = 1_000_000
VOCABULARY = 20_000
SEED = 20250807
EPOCH = datetime(2018, 1, 1, tzinfo=timezone.utc)
SYLLABLES = [
    "ba",
    "ko",
    "ri",
    "ten",
    "sa",
    "mu",
    "lor",
    "vi",
    "den",
    "qua",
    "pel",
    "tor",
    "an",
    "gri",
    "es",
    "ul",
]
# Real words a researcher would look for, placed at a few frequencies in the vocabulary.
PLANTED = {"tyrant": 900, "abased": 5000, "economy": 40, "ceasefire": 300, "sanctions": 120, "himself": 25}


def sql_time(moment: datetime) -> str:
    """SQLAlchemy's SQLite storage format for DateTime."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def zipf_weights(n: int, s: float = 1.05) -> list[float]:
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


def make_vocabulary(rng: random.Random) -> list[str]:
    words: list[str] = []
    seen: set[str] = set(PLANTED)
    while len(words) < VOCABULARY:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    for word, rank in sorted(PLANTED.items(), key=lambda item: item[1]):
        words.insert(rank, word)
    return words[:VOCABULARY]


class Corpus:
    """The generated rows, in memory as plain tuples (fast to insert, cheap to build)."""

    def __init__(self, scale: float, rng: random.Random) -> None:
        self.n_people = max(50, int(N_PEOPLE * scale))
        self.n_articles = max(500, int(N_ARTICLES * scale))
        self.n_quotations = max(300, int(N_QUOTATIONS * scale))
        self.n_mentions = max(3000, int(N_MENTIONS * scale))
        self.rng = rng
        self.vocabulary = make_vocabulary(rng)
        self.word_weights = list(__import__("itertools").accumulate(zipf_weights(len(self.vocabulary))))

    def sentence(self, length: int) -> str:
        return " ".join(
            self.rng.choices(self.vocabulary, cum_weights=self.word_weights, k=length)
        ).capitalize()

    def people(self) -> list[tuple]:
        now = sql_time(EPOCH)
        return [
            (i, f"Person {i:05d} {self.vocabulary[100 + i % 5000].title()}", "person", now)
            for i in range(1, self.n_people + 1)
        ]

    def articles(self) -> list[tuple]:
        rows = []
        span = (datetime(2025, 11, 1, tzinfo=timezone.utc) - EPOCH).total_seconds()
        for i in range(1, self.n_articles + 1):
            published = EPOCH + timedelta(seconds=self.rng.uniform(0, span))
            url = f"https://outlet{i % N_OUTLETS}.example/news/{i}"
            rows.append(
                (i, url, hashlib.sha256(url.encode()).hexdigest(), 1 + i % N_OUTLETS, f"Article {i}", "[]",
                 sql_time(published), sql_time(published), "en", self.sentence(30), 0, "ok", "bench", sql_time(published))
            )  # fmt: skip
        return rows

    def quotations_and_mentions(self, articles: list[tuple]) -> tuple[list[tuple], list[tuple]]:
        speaker_cum = list(__import__("itertools").accumulate(zipf_weights(self.n_people, 0.9)))
        speakers = self.rng.choices(range(1, self.n_people + 1), cum_weights=speaker_cum, k=self.n_quotations)
        texts = [self.sentence(self.rng.randint(8, 30)) for _ in range(self.n_quotations)]
        said = [
            self.rng.choice([None, None, f"20{self.rng.randint(18, 25)}-{self.rng.randint(1, 12):02d}"])
            for _ in texts
        ]
        # Every quotation appears at least once; the rest of the mentions repeat popular ones.
        repeat_cum = list(__import__("itertools").accumulate(zipf_weights(self.n_quotations, 0.8)))
        order = list(range(self.n_quotations))
        self.rng.shuffle(order)
        extra = self.rng.choices(order, cum_weights=repeat_cum, k=self.n_mentions - self.n_quotations)
        offsets: Counter[int] = Counter()
        per_quote_articles: dict[int, set[int]] = {}
        per_quote_times: dict[int, list[str]] = {}
        mentions = []
        created = sql_time(EPOCH)
        for mention_id, q in enumerate([*range(self.n_quotations), *extra], start=1):
            article = self.rng.randrange(self.n_articles)
            start = offsets[article] * 400
            offsets[article] += 1
            text_ = texts[q]
            person = speakers[q]
            mentions.append(
                (mention_id, q + 1, article + 1, start, start + len(text_), text_, "direct", person,
                 f"Person {person:05d}", "said", 0.9, said[q], "bench", created)
            )  # fmt: skip
            per_quote_articles.setdefault(q, set()).add(article)
            per_quote_times.setdefault(q, []).append(articles[article][6])
        quotations = []
        for q in range(self.n_quotations):
            times = per_quote_times[q]
            n = len(times)
            quotations.append(
                (q + 1, hashlib.sha256(texts[q].lower().encode()).hexdigest(), texts[q], texts[q].lower(), speakers[q],
                 json.dumps({f"Person {speakers[q]:05d}": n}), min(times), max(times), said[q],
                 len(per_quote_articles[q]), n, created)
            )  # fmt: skip
        return quotations, mentions


def build_sqlite(path: Path, scale: float) -> dict[str, float]:
    rng = random.Random(SEED)
    corpus = Corpus(scale, rng)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    engine = open_engine(f"sqlite:///{path}")  # migrations: tables, views, FTS5 + triggers
    people = corpus.people()
    articles = corpus.articles()
    quotations, mentions = corpus.quotations_and_mentions(articles)
    timings["generate_s"] = time.perf_counter() - started
    started = time.perf_counter()
    raw = engine.raw_connection()
    cur = raw.cursor()
    cur.execute("BEGIN")
    now = sql_time(EPOCH)
    cur.executemany("INSERT INTO outlets (id, name, created_at) VALUES (?, ?, ?)",
                    [(i, f"Outlet {i}", now) for i in range(1, N_OUTLETS + 1)])  # fmt: skip
    cur.executemany("INSERT INTO people (id, name, kind, created_at) VALUES (?, ?, ?, ?)", people)
    cur.executemany(
        "INSERT INTO articles (id, url, url_hash, outlet_id, title, authors, published, fetched_at, language, text,"
        " paywalled, extraction_status, attribution_version, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        articles,
    )
    cur.executemany(  # the FTS insert trigger indexes each quotation with its speaker's name
        "INSERT INTO quotations (id, text_hash, text, text_norm, person_id, speaker_distribution, first_seen,"
        " last_seen, said_on, n_articles, n_mentions, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        quotations,
    )
    cur.executemany(
        'INSERT INTO mentions (id, quotation_id, article_id, start, "end", text, type, person_id, speaker, cue,'
        " confidence, said_on, attribution_version, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        mentions,
    )
    cur.execute("COMMIT")
    cur.execute("ANALYZE")
    cur.execute("INSERT INTO quotations_fts(quotations_fts) VALUES ('optimize')")
    raw.close()
    engine.dispose()
    timings["insert_s"] = time.perf_counter() - started
    timings.update(
        people=len(people), articles=len(articles), quotations=len(quotations), mentions=len(mentions)
    )
    return timings


def build_postgres(url: str, scale: float) -> dict[str, float]:
    """The same corpus in PostgreSQL (COPY; the tsvector trigger indexes each quotation)."""
    from psycopg import sql as psycopg_sql

    rng = random.Random(SEED)
    corpus = Corpus(scale, rng)
    engine = open_engine(url)
    people = corpus.people()
    articles = corpus.articles()
    quotations, mentions = corpus.quotations_and_mentions(articles)
    now = sql_time(EPOCH)
    tables = [
        ("outlets (id, name, created_at)", [(i, f"Outlet {i}", now) for i in range(1, N_OUTLETS + 1)]),
        ("people (id, name, kind, created_at)", people),
        ("articles (id, url, url_hash, outlet_id, title, authors, published, fetched_at, language, text,"
         " paywalled, extraction_status, attribution_version, created_at)",
         [(*row[:10], bool(row[10]), *row[11:]) for row in articles]),
        ("quotations (id, text_hash, text, text_norm, person_id, speaker_distribution, first_seen, last_seen,"
         " said_on, n_articles, n_mentions, created_at)", quotations),
        ('mentions (id, quotation_id, article_id, start, "end", text, type, person_id, speaker, cue,'
         " confidence, said_on, attribution_version, created_at)", mentions),
    ]  # fmt: skip
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()
        cursor.execute("SET TIME ZONE 'UTC'")
        for target, rows in tables:
            with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        for name in ("outlets", "people", "articles", "quotations", "mentions"):
            statement = psycopg_sql.SQL(
                "SELECT setval(pg_get_serial_sequence({}, 'id'), (SELECT max(id) FROM {}))"
            )
            cursor.execute(statement.format(psycopg_sql.Literal(name), psycopg_sql.Identifier(name)))
        raw.driver_connection.commit()
        raw.driver_connection.autocommit = True
        cursor.execute("VACUUM ANALYZE")
    finally:
        raw.close()
        engine.dispose()
    return {"insert_s": time.perf_counter() - started, "mentions": len(mentions)}


def measure(call: Callable[[], object], repeat: int = 3) -> float:
    """Best of ``repeat`` runs of one call, in ms (the median is then taken across calls)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):7.2f} ms   p95 {p95:7.2f} ms   max {ordered[-1]:7.2f} ms   (n={len(ordered)})"


def sample_people(engine: Engine, rng: random.Random, n: int) -> list[tuple[int, int]]:
    """``n`` random (person_id, number of quotations) pairs."""
    with engine.connect() as conn:
        counts = [
            tuple(row)
            for row in conn.execute(text("SELECT person_id, count(*) FROM quotations GROUP BY person_id"))
        ]
    return rng.sample(sorted(counts), min(n, len(counts)))


def queries(engine: Engine, label: str) -> None:
    rng = random.Random(SEED + 1)
    with engine.connect() as conn:
        n_mentions = conn.execute(text("SELECT count(*) FROM mentions")).scalar_one()
        top_person, top_count = conn.execute(
            text("SELECT person_id, count(*) AS n FROM quotations GROUP BY person_id ORDER BY n DESC LIMIT 1")
        ).one()
        phrase = conn.execute(text("SELECT text FROM quotations ORDER BY id LIMIT 1 OFFSET 42")).scalar_one().split()[2:5]
    print(f"\n{label}: {n_mentions:,} mentions")
    people = sample_people(engine, rng, 300)
    samples = [measure(lambda pid=pid: timeline(engine, {pid})) for pid, _ in people]
    print(
        f"  timeline (random person, {statistics.median(c for _, c in people):.0f} quotations median): {summary(samples)}"
    )
    top_all = measure(lambda: timeline(engine, {top_person}))
    top_page = measure(lambda: timeline(engine, {top_person}, limit=50))
    print(
        f"  timeline (most quoted person, {top_count} quotations): all {top_all:.2f} ms, first 50 {top_page:.2f} ms"
    )
    searches = [
        "abased himself",
        "tyrant",
        "economy sanctions",
        "ceasefire OR tyrant",
        f'"{" ".join(phrase)}"',
        "economy",  # a frequent word: thousands of matches to rank
        "himself -economy",
        "sanctions person",  # a quotation word and a speaker-name word
    ]
    fts = [measure(lambda q=q: search_quotations(engine, q, limit=20)) for q in searches]
    for query, ms in zip(searches, fts, strict=True):
        with engine.connect() as conn:
            hits = len(search_quotations(conn, query, limit=100_000))
        print(f"    {query!r:32} {ms:7.2f} ms   ({hits} matches)")
    print(f"  full-text search (limit 20):   {summary(fts)}")


EXPORT_PROBE = """
import os, resource, sys, time
sys.path.insert(0, {root!r})
from db.engine import open_engine
from db.export import export
engine = open_engine({url!r})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
with open(os.devnull, "w", encoding="utf-8") as out:
    n = export(engine, {kind!r}, "jsonl", out)
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(n, elapsed, before, peak)
"""


def export_figures(url: str) -> None:
    """Stream each export to /dev/null in a fresh process: records/s and peak memory (ru_maxrss)."""
    print("\n  streaming export (jsonl to /dev/null, fresh process each):")
    for kind in ("mentions", "quotes", "articles"):
        code = EXPORT_PROBE.format(root=str(ROOT), url=url, kind=kind)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        n, elapsed, before, peak = out.split()
        print(
            f"    {kind:9} {int(n):>9,} records in {float(elapsed):6.1f} s ({int(n) / float(elapsed):9,.0f}/s), "
            f"peak RSS {int(peak) / 1024:6.0f} MB (after imports {int(before) / 1024:4.0f} MB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1M mentions (default)")
    parser.add_argument("--keep", type=Path, help="keep the SQLite database here (reused if it exists)")
    parser.add_argument("--postgres", help="also on this (empty) PostgreSQL database")
    parser.add_argument("--skip-sqlite", action="store_true", help="only PostgreSQL")
    parser.add_argument(
        "--export", action="store_true", help="also time the streaming exports (and their memory)"
    )
    args = parser.parse_args()
    if args.postgres:
        engine = open_engine(args.postgres)
        with engine.connect() as conn:
            loaded = conn.execute(text("SELECT count(*) FROM mentions")).scalar_one()
        engine.dispose()
        if not loaded:
            timings = build_postgres(args.postgres, args.scale)
            print(
                f"loaded PostgreSQL: {timings['mentions']:,} mentions (COPY + tsvector triggers {timings['insert_s']:.1f} s)"
            )
        engine = open_engine(args.postgres)
        try:
            queries(engine, "PostgreSQL")
        finally:
            engine.dispose()
        if args.export:
            export_figures(args.postgres)
    if args.skip_sqlite:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        if not path.exists():
            timings = build_sqlite(path, args.scale)
            print(
                f"built {path}: {timings['people']:,} people, {timings['articles']:,} articles, "
                f"{timings['quotations']:,} quotations, {timings['mentions']:,} mentions "
                f"(generate {timings['generate_s']:.1f} s, insert + FTS {timings['insert_s']:.1f} s, "
                f"{path.stat().st_size / 1e6:.0f} MB)"
            )
        engine = open_engine(f"sqlite:///{path}")
        try:
            queries(engine, "SQLite")
        finally:
            engine.dispose()
        if args.export:
            export_figures(f"sqlite:///{path}")
    print("\ntargets (issue 3, SQLite, 1M mentions): timeline < 20 ms, full-text < 50 ms")


if __name__ == "__main__":
    main()
