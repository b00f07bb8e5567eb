"""Report build at scale: 100,000 quotations by 5,000 people, against the export of the same database.

    .venv/bin/python benchmarks/report_build.py [--quotations 100000 --people 5000 --db URL --repeat 3 --reuse]

Generates the database (bulk Core inserts: generation speed is not what is measured), then times, in one
run and as separate processes started the same way, ``--repeat`` rounds of:

1. ``quotes export quotes --format jsonl`` (the research command: every quotation with its mentions);
2. ``quotes report --out DIR --full`` (the whole site, from an empty directory);

then ``--repeat`` times: one new article quoting the most quoted person and two others, stored through
db.store.store_article, and ``quotes report --out DIR`` again (the first of these starts as soon as the
full build has finished, while the spare copy of the site is still being made, and waits for it).

Prints each run's wall time, CPU time and peak RSS (os.wait4: memory staying bounded can be read off as
data grows) and the ratios of the medians (goals: report <= 2 x export; rerun < 10 % of the full build),
for the whole processes and for the builds' own time as `quotes report` reports it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
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


@dataclass
class Measured:
    wall: float  # seconds, the whole process
    cpu: float  # seconds of CPU, the process and its children
    peak_mb: float
    reported: float | None  # the build's own seconds, as `quotes report` prints them (start-up excluded)


BUILD_SECONDS = re.compile(r", ([\d.]+) s[;)]")


def run_measured(command: list[str]) -> Measured:
    """Run a process; return its wall and CPU time, peak RSS and the build time it reports.

    CPU time is printed next to wall time because this machine is shared: when other work competes for
    the cores, wall-time ratios swing between runs while CPU-time ratios hold."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors[-3000:]}")
    last = errors.strip().splitlines()[-1] if errors.strip() else ""
    if last:
        print(f"    ({last})")
    found = BUILD_SECONDS.search(last)
    return Measured(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                    float(found.group(1)) if found else None)


def clean_slate(site: Path) -> None:
    """No site, spare or lock from an earlier run; deleted files flushed, so their clean-up by the file
    system does not run during the next measurement."""
    from reports.output import build_lock

    with build_lock(site):  # the spare of the previous build may still be being made
        for previous in [site, *site.parent.glob(f".{site.name}.*")]:
            if previous.is_dir():
                shutil.rmtree(previous)
            elif previous.name != f".{site.name}.lock":
                previous.unlink(missing_ok=True)
    os.sync()
    time.sleep(1)


def median(values: list[float]) -> float:
    return statistics.median(values)


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
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of export and full build, then of reruns; medians are compared")
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
    exports: list[Measured] = []
    builds: list[Measured] = []
    for round_number in range(1, args.repeat + 1):
        clean_slate(site)
        exports.append(run_measured(quotes + ["export", "quotes", "--format", "jsonl", "--db", url,
                                              "-o", str(OUT / "quotes.jsonl")]))
        print(f"[{round_number}] export quotes --format jsonl: {exports[-1].wall:5.2f} s wall, "
              f"{exports[-1].cpu:5.2f} s CPU, peak RSS {exports[-1].peak_mb:4.0f} MB", flush=True)
        builds.append(run_measured(quotes + ["report", "--out", str(site), "--db", url, "--full"]))
        print(f"[{round_number}] report --full:               {builds[-1].wall:5.2f} s wall, "
              f"{builds[-1].cpu:5.2f} s CPU, peak RSS {builds[-1].peak_mb:4.0f} MB", flush=True)
    files = [p for p in site.rglob("*") if p.is_file()]
    biggest = max(p.stat().st_size for p in files if p.suffix == ".html")
    print(f"the site: {len(files):,} files, {sum(p.stat().st_size for p in files) / 1e6:,.0f} MB, "
          f"largest page {biggest / 1e6:.2f} MB")
    reruns: list[Measured] = []
    for round_number in range(1, args.repeat + 1):  # the first starts at once, as the spare is being made
        add_one_article(engine, args.people)
        reruns.append(run_measured(quotes + ["report", "--out", str(site), "--db", url]))
        print(f"[{round_number}] report after one new article: {reruns[-1].wall:5.2f} s wall, "
              f"{reruns[-1].cpu:5.2f} s CPU, peak RSS {reruns[-1].peak_mb:4.0f} MB", flush=True)

    export_wall, export_cpu = median([m.wall for m in exports]), median([m.cpu for m in exports])
    build_wall, build_cpu = median([m.wall for m in builds]), median([m.cpu for m in builds])
    rerun_wall, rerun_cpu = median([m.wall for m in reruns]), median([m.cpu for m in reruns])
    print(f"medians of {args.repeat}: export {export_wall:.2f} s, full build {build_wall:.2f} s, "
          f"rerun {rerun_wall:.2f} s (process wall time)")
    print(f"ratio full build / export: {build_wall / export_wall:.2f} wall, {build_cpu / export_cpu:.2f} CPU "
          "(goal <= 2)")
    print(f"ratio rerun / full build:  {rerun_wall / build_wall:.3f} wall, {rerun_cpu / build_cpu:.3f} CPU "
          "(goal < 0.10; whole processes, Python start-up and imports included)")
    if all(m.reported for m in builds + reruns):
        rerun_own, build_own = median([m.reported for m in reruns]), median([m.reported for m in builds])
        print(f"ratio rerun / full build, the builds' own time: {rerun_own:.2f} s / {build_own:.2f} s = "
              f"{rerun_own / build_own:.3f}")


if __name__ == "__main__":
    main()
