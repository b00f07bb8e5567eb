"""`quotes attribute --processes 2` against `--processes 1` on the same stored articles, in one run.

Stores N real news articles (PolNeAR, ../shared/data/polnear) unattributed into two identical
SQLite files (or PostgreSQL scratch databases with --postgres), then times the CLI on each:
whole-command wall time, spaCy start-up included. Prints both times and the ratio (target >= 1.7
on 2 cores). Other processes on the machine share those cores: the ratio is only as good as
the machine is idle; the load average is printed alongside.

    .venv/bin/python benchmarks/attribute_workers.py [--articles 160] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.engine import open_engine  # noqa: E402
from db.records import ArticleRecord  # noqa: E402
from db.store import store_article  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def _spin(_: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(15_000_000):
        total += i
    return time.perf_counter() - started


def parallel_capacity() -> float:
    """How much faster two CPU-bound processes get through two jobs than one process: about 2.0 on
    two idle cores, less when other work shares them. The ceiling for the attribute speed-up."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_spin, [0, 0])  # warm the pool up
        one = sum(_spin(0) for _ in range(2))  # two jobs, one after the other, here
        started = time.perf_counter()
        pool.map(_spin, [0, 0])  # two jobs at once
        two = time.perf_counter() - started
    return one / two


def load_articles(n: int) -> list[ArticleRecord]:
    records: list[ArticleRecord] = []
    for name in ("polnear-dev.jsonl", "polnear-train.jsonl"):
        with (POLNEAR / name).open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                published = datetime.fromisoformat(row["date"]).replace(tzinfo=timezone.utc) if row.get("date") else None
                records.append(ArticleRecord(url=f"https://polnear.example/{row['id']}", text=row["text"],
                                             title=row.get("title"), outlet=row.get("publisher"), published=published))
                if len(records) == n:
                    return records
    return records


def stored_database(url: str, records: list[ArticleRecord]) -> None:
    engine = open_engine(url)
    for record in records:
        store_article(engine, record, None)
    engine.dispose()


def time_cli(url: str, processes: int, batch_size: int, reprocess: bool) -> tuple[float, str]:
    cmd = [str(ROOT / ".venv" / "bin" / "quotes"), "attribute", "--db", url, "--processes", str(processes),
           "--batch-size", str(batch_size), *(["--reprocess"] if reprocess else [])]
    if not Path(cmd[0]).exists():
        cmd = [sys.executable, "-m", "tracker.cli", *cmd[1:]]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"quotes attribute failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout.strip().splitlines()[0]


def scratch_postgres(base: str, count: int) -> tuple[list[str], callable]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(base).set(drivername="postgresql+psycopg")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    names = [f"quotes_bench_{uuid.uuid4().hex[:8]}" for _ in range(count)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return [admin_url.set(database=n).render_as_string(hide_password=False) for n in names], drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=160)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="Interleaved rounds; the best of each is compared.")
    parser.add_argument("--postgres", default=None, help="Run on PostgreSQL scratch databases next to this URL.")
    args = parser.parse_args()
    records = load_articles(args.articles)
    words = sum(len(r.text.split()) for r in records)
    print(f"{len(records)} PolNeAR articles, {words} words; cores: {os.cpu_count()}; "
          f"load average before: {os.getloadavg()[0]:.2f}; parallel capacity: {parallel_capacity():.2f}x")
    tmp = Path(tempfile.mkdtemp())
    drop = None
    try:
        if args.postgres:
            urls, drop = scratch_postgres(args.postgres, 2)
            for url in urls:
                stored_database(url, records)
        else:
            stored_database(f"sqlite:///{tmp / 'one.db'}", records)
            shutil.copy(tmp / "one.db", tmp / "two.db")
            urls = [f"sqlite:///{tmp / 'one.db'}", f"sqlite:///{tmp / 'two.db'}"]
        best = {1: float("inf"), 2: float("inf")}
        for round_ in range(1, args.rounds + 1):  # interleaved, so a burst of outside load hits both
            for processes, url in ((1, urls[0]), (2, urls[1])):
                seconds, summary = time_cli(url, processes, args.batch_size, reprocess=round_ > 1)
                best[processes] = min(best[processes], seconds)
                print(f"round {round_} --processes {processes}: {seconds:.1f}s  ({summary}); "
                      f"load {os.getloadavg()[0]:.2f}")
        print(f"best of {args.rounds}: 1 process {best[1]:.1f}s, 2 processes {best[2]:.1f}s; "
              f"speed-up {best[1] / best[2]:.2f}x (target >= 1.7)")
        print(f"parallel capacity of this machine now (plain CPU loop, 2 processes vs 1): "
              f"{parallel_capacity():.2f}x")
    finally:
        if drop:
            drop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
