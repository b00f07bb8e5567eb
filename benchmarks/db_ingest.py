"""Ingest rate of db.store.store_article into SQLite and PostgreSQL, with pre-made Quote lists
(no spaCy in the timing): articles/s and mentions/s. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/db_ingest.py [--articles 400] [--postgres postgresql://postgres@127.0.0.1:5432/test]

PostgreSQL runs in a scratch database created next to the given one (default: QUOTES_TEST_POSTGRES_URL)
and dropped afterwards. A share of the quotations repeats across articles (syndication, wire copy),
some trimmed, so dedup and near-variant folding are part of what is measured.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from attribution.types import Quote  # noqa: E402
from db.engine import open_engine  # noqa: E402
from db.records import ArticleRecord  # noqa: E402
from db.store import store_article  # noqa: E402

WORDS = ("government minister people economy plan vote council budget country war peace election "
         "health school police court river harbour tax family future deal talks border trade").split()
SPEAKERS = [f"{first} {last}" for first in ("Jane", "John", "Maria", "Ahmed", "Li", "Olga")
            for last in ("Smith", "Doe", "Garcia", "Khan", "Wei", "Petrova")]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def make_articles(n: int, seed: int = 7) -> list[tuple[ArticleRecord, list[Quote]]]:
    rng = random.Random(seed)
    popular = [sentence(rng, rng.randint(10, 25)) for _ in range(max(5, n // 10))]
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    out = []
    for i in range(n):
        parts: list[str] = []
        quotes: list[Quote] = []
        for _ in range(8):  # ~8 paragraphs, 5 of them with a quotation
            parts.append(sentence(rng, rng.randint(20, 40)) + ".")
            if len(quotes) < 5:
                speaker = rng.choice(SPEAKERS)
                quoted = rng.choice(popular) if rng.random() < 0.4 else sentence(rng, rng.randint(8, 30))
                if rng.random() < 0.2:
                    quoted = " ".join(quoted.split()[2:])  # a trimmed repetition
                prefix = " ".join(parts) + ' "'
                quotes.append(Quote(text=quoted, start=len(prefix), end=len(prefix) + len(quoted), type="direct",
                                    speaker=speaker, speaker_kind="person", speaker_mention=speaker.split()[-1],
                                    cue="said", said_on=f"2025-0{1 + i % 9}", confidence=0.8))
                parts.append(f'"{quoted}," {speaker.split()[-1]} said.')
        out.append((ArticleRecord(url=f"https://bench{i % 17}.example/news/{i}", text=" ".join(parts),
                                  title=f"Story {i}", outlet=f"Outlet {i % 17}", published=base + timedelta(hours=i)),
                    quotes))
    return out


def run(url: str, articles: list[tuple[ArticleRecord, list[Quote]]]) -> tuple[float, int]:
    engine = open_engine(url)
    try:
        started = time.perf_counter()
        mentions = 0
        for record, quotes in articles:
            mentions += store_article(engine, record, quotes, attribution_version="bench").n_mentions
        return time.perf_counter() - started, mentions
    finally:
        engine.dispose()


def report(label: str, seconds: float, n_articles: int, mentions: int) -> None:
    print(f"{label:<11} {n_articles} articles, {mentions} mentions in {seconds:.2f}s: "
          f"{n_articles / seconds:.1f} articles/s, {mentions / seconds:.1f} mentions/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--postgres", default=os.environ.get("QUOTES_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    articles = make_articles(args.articles)
    print(f"{args.articles} generated articles, {sum(len(q) for _, q in articles)} quotes, pre-attributed")
    with tempfile.TemporaryDirectory() as tmp:
        seconds, mentions = run(f"sqlite:///{Path(tmp) / 'bench.db'}", articles)
        report("SQLite", seconds, len(articles), mentions)
    if not args.postgres:
        print("PostgreSQL  skipped (no --postgres / QUOTES_TEST_POSTGRES_URL)")
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(args.postgres).set(drivername="postgresql+psycopg")
    name = f"quotes_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        seconds, mentions = run(admin_url.set(database=name).render_as_string(hide_password=False), articles)
        report("PostgreSQL", seconds, len(articles), mentions)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
