"""Report build at scale: 100,000 quotations by 5,000 people, against the export of the same database.

    .venv/bin/python benchmarks/report_build.py [--quotations 100000 --people 5000 --db URL --keep]

Generates the database (bulk Core inserts: generation speed is not what is measured), then times, in one
run and as separate processes started the same way:

1. ``quotes export quotes --format jsonl`` (the research command: every quotation with its mentions);
2. ``quotes report --out DIR --full`` (the whole site);
3. one new article stored through db.store.store_article, then ``quotes report --out DIR`` again.

Prints wall time, the ratios (goal: report <= 2 x export; rerun < 10 % of the full build) and each
process's peak RSS (os.wait4), so memory staying bounded can be read off as data grows.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from db.models import Article, Mention, Outlet, Person, Quotation  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
VOCABULARY = (
    "budget war harbour tariff river school vaccine election border pension climate railway farmers bankers "
    "nurses soldiers courts prices wages taxes bridges ports miners judges children voters markets houses "
    "energy water we will never accept this deal and the people deserve better than a government that "
    "ignores them our country must stand together against those who would divide us today tomorrow always"
).split()
CUES = ("said", "told", "added", "insisted", "warned", "argued", "wrote")
BATCH = 5000


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(VOCABULARY, k=words)).capitalize()


def generate(engine, n_quotations: int, n_people: int, seed: int = 1) -> None:
    """Bulk-insert outlets, people (Zipf-like prolificacy), articles, quotations and their mentions."""
    rng = random.Random(seed)
    n_outlets, n_articles = 40, max(n_quotations // 5, 10)
    start = datetime(2015, 1, 1, tzinfo=timezone.utc)
    with engine.begin() as conn:
        conn.execute(insert(Outlet), [{"id": i, "name": f"Outlet {i}", "domain": f"outlet{i}.test"}
                                      for i in range(1, n_outlets + 1)])
        conn.execute(insert(Person), [{"id": i, "name": f"Person {i:05d}", "kind": "person"}
                                      for i in range(1, n_people + 1)])
        published = {}
        for first in range(1, n_articles + 1, BATCH):
            rows = []
            for article_id in range(first, min(first + BATCH, n_articles + 1)):
                when = start + timedelta(minutes=rng.randrange(0, 10 * 365 * 24 * 60))
                published[article_id] = when
                rows.append({"id": article_id, "url": f"https://outlet.test/a/{article_id}",
                             "url_hash": hashlib.sha256(str(article_id).encode()).hexdigest(),
                             "outlet_id": rng.randint(1, n_outlets), "title": sentence(rng, 8),
                             "published": when, "fetched_at": when, "text": "generated",
                             "attribution_version": "bench"})
            conn.execute(insert(Article), rows)
        weights = [1 / (rank ** 0.8) for rank in range(1, n_people + 1)]
        speakers = rng.choices(range(1, n_people + 1), weights=weights, k=n_quotations)
        mention_id = 0
        for first in range(0, n_quotations, BATCH):
            quotations, mentions = [], []
            for index in range(first, min(first + BATCH, n_quotations)):
                quotation_id, person_id = index + 1, speakers[index]
                text = f"{sentence(rng, 18)} {quotation_id},"
                articles = rng.sample(range(1, n_articles + 1), 1 if rng.random() < 0.8 else rng.randint(2, 3))
                seen = sorted(published[a] for a in articles)
                said_on = seen[0].strftime("%Y-%m") if rng.random() < 0.5 else None
                quotations.append({
                    "id": quotation_id, "text_hash": hashlib.sha256(text.encode()).hexdigest(), "text": text,
                    "text_norm": text.lower(), "person_id": person_id, "first_seen": seen[0],
                    "last_seen": seen[-1], "said_on": said_on, "n_articles": len(articles),
                    "n_mentions": len(articles), "speaker_distribution": {f"Person {person_id:05d}": len(articles)}})
                for article_id in articles:
                    mention_id += 1
                    cue = rng.choice(CUES)
                    mentions.append({
                        "id": mention_id, "quotation_id": quotation_id, "article_id": article_id,
                        "start": quotation_id, "end": quotation_id + len(text), "text": text, "type": "direct",
                        "person_id": person_id, "speaker": f"Person {person_id:05d}", "speaker_kind": "person",
                        "speaker_mention": "he", "cue": cue, "sentence": f"\u201c{text}\u201d he {cue}.",
                        "confidence": round(rng.uniform(0.5, 1.0), 2), "said_on": said_on,
                        "said_on_evidence": "in that month" if said_on else None, "attribution_version": "bench"})
            conn.execute(insert(Quotation), quotations)
            conn.execute(insert(Mention), mentions)


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """Run a process; return (wall seconds, CPU seconds with its children, its peak RSS in MB).

    CPU time is printed next to wall time because this machine is shared: when other work competes for
    the cores, wall-time ratios swing between runs while CPU-time ratios hold."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()[-3000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def add_one_article(engine, n_people: int) -> None:
    """One new article quoting three existing people, stored the way the crawler stores it."""
    from attribution.types import Quote
    from db.records import ArticleRecord
    from db.store import store_article

    names = [f"Person {i:05d}" for i in (1, n_people // 2, n_people)]
    parts, quotes, offset = [], [], 0
    for number, name in enumerate(names):
        text = f"A brand new remark number {number} at {time.time_ns()} on the harbour tariff nobody has said"
        piece = f"\u201c{text},\u201d {name} said."
        quotes.append(Quote(text=text, start=offset + 1, end=offset + 1 + len(text), type="direct", speaker=name,
                            speaker_kind="person", speaker_mention=name, cue="said", sentence=piece,
                            said_on="2025-06", said_on_evidence="in June", confidence=0.9))
        parts.append(piece)
        offset += len(piece) + 1
    now = datetime(2025, 6, 2, tzinfo=timezone.utc)
    store_article(engine, ArticleRecord(url=f"https://outlet.test/new/{time.time_ns()}", text=" ".join(parts), title="New",
                                        published=now, fetched_at=now, outlet="Outlet 1"), quotes,
                  attribution_version="bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotations", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in benchmarks/out)")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse benchmarks/out/report_build.db from an earlier run (skip generating)")
    args = parser.parse_args()

    from db.engine import open_engine

    OUT.mkdir(parents=True, exist_ok=True)
    url = args.db
    if url is None:
        database = OUT / "report_build.db"
        if not args.reuse:
            for stale in OUT.glob("report_build.db*"):
                stale.unlink()
        url = f"sqlite:///{database}"
    engine = open_engine(url)
    if not args.reuse:
        started = time.perf_counter()
        generate(engine, args.quotations, args.people)
        print(f"generated {args.quotations:,} quotations by {args.people:,} people in "
              f"{time.perf_counter() - started:.1f} s ({url.split('://')[0]})")

    quotes = [sys.executable, "-m", "tracker.cli"]
    site = OUT / "site"
    shutil.rmtree(site, ignore_errors=True)
    export_s, export_cpu, export_mb = run_measured(quotes + ["export", "quotes", "--format", "jsonl", "--db", url,
                                                             "-o", str(OUT / "quotes.jsonl")])
    print(f"export quotes --format jsonl: {export_s:6.1f} s wall, {export_cpu:6.1f} s CPU, "
          f"peak RSS {export_mb:5.0f} MB", flush=True)
    build_s, build_cpu, build_mb = run_measured(quotes + ["report", "--out", str(site), "--db", url, "--full"])
    files = sum(1 for p in site.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    biggest = max(p.stat().st_size for p in site.rglob("*.html"))
    print(f"report (full build):          {build_s:6.1f} s wall, {build_cpu:6.1f} s CPU, peak RSS {build_mb:5.0f} MB; "
          f"{files:,} files, {size / 1e6:,.0f} MB, largest page {biggest / 1e6:.2f} MB", flush=True)
    add_one_article(engine, args.people)
    rerun_s, rerun_cpu, rerun_mb = run_measured(quotes + ["report", "--out", str(site), "--db", url])
    print(f"report after one new article: {rerun_s:6.1f} s wall, {rerun_cpu:6.1f} s CPU, peak RSS {rerun_mb:5.0f} MB")
    print(f"ratio full build / export: {build_s / export_s:.2f} wall, {build_cpu / export_cpu:.2f} CPU (goal <= 2)")
    print(f"ratio rerun / full build:  {rerun_s / build_s:.3f} wall, {rerun_cpu / build_cpu:.3f} CPU (goal < 0.10)")

if __name__ == "__main__":
    main()
