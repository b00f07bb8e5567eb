"""Crawl speed and memory, printed as figures measured in one run (no network: a loopback site).

1. Pages/s of ``quotes crawl --url-list --no-attribute`` over the real fixture pages served on
   127.0.0.1, beside plain ``trafilatura.extract`` over the same page bodies in this process, and
   their ratio (target >= 0.7). The crawl does more per page than trafilatura alone (JSON-LD and
   OpenGraph, htmldate, page-kind classification, the database write with the compressed HTML)
   and fetches the page; it extracts in worker processes (QUOTES_EXTRACT_PROCESSES, one per
   core), where trafilatura here runs in this one process.
2. Peak memory over N fetched pages (default 5,000: the fixture pages under many URLs): the crawl
   process's RSS and that of its extraction workers, sampled as it goes; flat means the last samples are no higher than the early ones
   beyond noise.

    .venv/bin/python benchmarks/crawl_speed.py [--copies 3] [--memory-pages 5000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.loopback import LoopbackSite  # noqa: E402

FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
        "LOG_LEVEL": "WARNING"}


def crawl_command(url_list: Path, db_url: str) -> list[str]:
    flags = [part for k, v in FAST.items() for part in ("-s", f"{k}={v}")]
    return [sys.executable, "-m", "tracker.cli", "crawl", "--url-list", str(url_list), "--no-attribute",
            "--db", db_url, *flags]


def copy_paths(site: LoopbackSite, copies: int) -> list[str]:
    return [f"/copy/{n}{page.path}" for n in range(copies) for page in site.pages]


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    """Child processes of ``pid``, recursively (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            found += [kid, *children(kid)]
    return found


def tree_rss_mb(pid: int) -> tuple[float, float] | None:
    """(RSS of the crawl process, RSS of it and its worker processes) in MB."""
    own = rss_mb(pid)
    if own is None:
        return None
    return own, own + sum(rss_mb(kid) or 0.0 for kid in children(pid))


def run_crawl(site: LoopbackSite, paths: list[str], workdir: Path, name: str,
              sample_every: float | None = None) -> tuple[float, list[tuple[int, float, float, float]]]:
    """Crawl ``paths``; returns (seconds, [(pages fetched so far, crawl RSS MB, with workers MB, time)])."""
    url_list = workdir / f"{name}.txt"
    url_list.write_text("\n".join(site.url(p) for p in paths) + "\n")
    db_url = f"sqlite:///{workdir / (name + '.db')}"
    site.reset_counts()
    start = time.perf_counter()
    # Output to files, not pipes: a pipe nobody reads while the crawl runs fills up and blocks it.
    out_path, err_path = workdir / f"{name}.out", workdir / f"{name}.err"
    with out_path.open("w") as out_file, err_path.open("w") as err_file:
        process = subprocess.Popen(crawl_command(url_list, db_url), cwd=ROOT, stdout=out_file, stderr=err_file)
        samples = _wait_sampling(process, site, paths, sample_every)
    seconds = time.perf_counter() - start
    out, err = out_path.read_text(), err_path.read_text()
    if process.returncode != 0:
        raise SystemExit(f"crawl failed ({process.returncode}):\n{out}\n{err[-3000:]}")
    print(f"  {out.strip()}")
    return seconds, samples


def _wait_sampling(process: subprocess.Popen, site: LoopbackSite, paths: list[str],
                   sample_every: float | None) -> list[tuple[int, float, float, float]]:
    samples: list[tuple[int, float, float, float]] = []
    while process.poll() is None:
        time.sleep(sample_every or 0.2)
        if sample_every:
            rss = tree_rss_mb(process.pid)
            fetched = sum(site.counts[p] for p in paths)
            if rss is not None:
                samples.append((fetched, *rss, time.perf_counter()))
    return samples


def startup_seconds(workdir: Path) -> float:
    """A crawl of an empty URL list: interpreter, imports, Scrapy and database set-up."""
    empty = workdir / "empty.txt"
    empty.write_text("")
    start = time.perf_counter()
    subprocess.run(crawl_command(empty, f"sqlite:///{workdir / 'empty.db'}"), cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def trafilatura_seconds(site: LoopbackSite, copies: int) -> tuple[float, int]:
    import trafilatura

    bodies = [site.page_bytes(page) for page in site.pages] * copies
    start = time.perf_counter()
    for body in bodies:
        trafilatura.extract(body)
    return time.perf_counter() - start, len(bodies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=3, help="each fixture page served this many times (speed)")
    parser.add_argument("--memory-pages", type=int, default=5000, help="pages fetched in the memory run (0: skip)")
    args = parser.parse_args()

    with LoopbackSite() as site, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        print(f"Loopback site {site.base_url}: {len(site.pages)} real pages "
              f"({len(site.articles)} articles), each served {args.copies}x")

        paths = copy_paths(site, args.copies)
        startup = startup_seconds(workdir)
        # trafilatura before and after the crawl, averaged: the machine's load drifts (it is shared).
        traf_before, traf_pages = trafilatura_seconds(site, args.copies)
        crawl_s, _ = run_crawl(site, paths, workdir, "speed")
        traf_after, _ = trafilatura_seconds(site, args.copies)
        traf_s = (traf_before + traf_after) / 2
        crawl_rate = len(paths) / crawl_s
        crawl_rate_warm = len(paths) / max(crawl_s - startup, 1e-9)
        traf_rate = traf_pages / traf_s
        print(f"quotes crawl --url-list --no-attribute: {len(paths)} pages in {crawl_s:.1f} s "
              f"= {crawl_rate:.1f} pages/s ({crawl_rate_warm:.1f} pages/s without the {startup:.1f} s start-up)")
        print(f"trafilatura.extract (same bodies, no fetching, no storing): {traf_pages} pages in {traf_s:.1f} s "
              f"= {traf_rate:.1f} pages/s (before the crawl {traf_before:.1f} s, after {traf_after:.1f} s)")
        print(f"ratio crawl/trafilatura: {crawl_rate / traf_rate:.2f} "
              f"(without start-up: {crawl_rate_warm / traf_rate:.2f}); target >= 0.7")

        if args.memory_pages:
            copies = -(-args.memory_pages // len(site.pages))
            paths = copy_paths(site, copies)[: args.memory_pages]
            print(f"\nMemory: {len(paths)} pages (the fixture pages under {copies} URL prefixes)")
            seconds, samples = run_crawl(site, paths, workdir, "memory", sample_every=2.0)
            print(f"  {len(paths)} pages in {seconds:.0f} s ({len(paths) / seconds:.1f} pages/s)")
            print("  fetched  crawl RSS MB  with workers MB")
            step = max(1, len(samples) // 15)
            for fetched, own, total, _ in samples[::step] + samples[-1:]:
                print(f"  {fetched:7d}  {own:12.0f}  {total:15.0f}")
            for label, column in (("crawl process", 1), ("with workers", 2)):
                early = [s[column] for s in samples if len(paths) * 0.1 <= s[0] <= len(paths) * 0.3]
                late = [s[column] for s in samples if s[0] >= len(paths) * 0.8]
                if early and late:
                    print(f"  {label}: peak {max(s[column] for s in samples):.0f} MB; max in the last 20 % "
                          f"{max(late):.0f} MB vs max at 10-30 % {max(early):.0f} MB "
                          f"(ratio {max(late) / max(early):.2f})")
            steady = [s for s in samples if len(paths) * 0.1 <= s[0] <= len(paths) * 0.9]
            if len(steady) >= 2:
                rate = (steady[-1][0] - steady[0][0]) / (steady[-1][3] - steady[0][3])
                print(f"  steady crawl rate (10-90 % of the pages): {rate:.1f} pages/s; "
                      f"ratio to trafilatura's {traf_rate:.1f} pages/s above: {rate / traf_rate:.2f}")


if __name__ == "__main__":
    main()
