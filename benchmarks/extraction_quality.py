"""Extraction quality per page set, beside plain ``trafilatura.extract`` on the same files.

For each set (default ``../shared/data/html`` and ``../shared/data/html-dev``; any folders holding
a ``manifest.jsonl`` may be given) prints: per page the main-text token F1 of ours and of plain
trafilatura (bag-of-words F1 on lowercased word tokens, see crawler/extraction/evaluation.py; an
article ours rejects scores 0), date hit (within one day), title, authors, page kind; then
article recall, non-article rejection, the two mean text scores, date and title rates, and the
classifier's evidence for every wrong kind call. Then time and memory limits on the first set.
Usage: .venv/bin/python benchmarks/extraction_quality.py [FOLDER ...]
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from dataclasses import asdict
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
# This checkout's crawler package, not whichever one the virtualenv's editable install points at.
sys.path.insert(0, str(ROOT))

from crawler.extraction import MAX_PAGE_ELEMENTS, extract_page  # noqa: E402
from crawler.extraction.evaluation import PageScore, load_manifest, score_page, summarise  # noqa: E402

DEFAULT_SETS = (ROOT.parent / "shared" / "data" / "html", ROOT.parent / "shared" / "data" / "html-dev")


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def _f1(value: float | None) -> str:
    return f"{'-':>6}" if value is None else f"{value:6.3f}"


def _ratio(hits_total: tuple[int, int]) -> str:
    hits, total = hits_total
    return f"{hits}/{total} = {hits / total:.3f}" if total else "-"


def score_set(folder: Path) -> tuple[list[PageScore], float, float]:
    """Every page of the set scored; seconds spent in ours and in plain trafilatura."""
    scores, ours_seconds, plain_seconds = [], 0.0, 0.0
    print(f"{'file':48} {'F1':>6} {'plain':>6} {'date':>5} {'title':>5} {'auth':>5} {'kind':>16}")
    for page in load_manifest(folder):
        raw = page.path.read_bytes()
        started = time.perf_counter()
        result = extract_page(raw, page.url)
        ours_seconds += time.perf_counter() - started
        started = time.perf_counter()
        plain = trafilatura.extract(raw, url=page.url) or ""
        plain_seconds += time.perf_counter() - started
        score = score_page(page, result, plain)
        scores.append(score)
        kind_text = f"{score.kind}/{score.gold_kind}" + ("" if score.kind_right else "!")
        print(f"{page.file[:48]:48} {_f1(score.text_f1)} {_f1(score.plain_f1)} {_mark(score.date_hit):>5} "
              f"{_mark(score.title_hit):>5} {_mark(score.author_hit):>5} {kind_text:>16}")
    return scores, ours_seconds, plain_seconds


def report(name: str, scores: list[PageScore], ours_seconds: float, plain_seconds: float) -> None:
    figures = summarise(scores)
    print(f"\n== {name}: {len(scores)} pages")
    print(f"article recall: {_ratio(figures['article_recall'])}")
    print(f"non-article rejection: {_ratio(figures['non_article_rejection'])}")
    print(f"main-text token F1 over {figures['text_pages']} articles with gold text (dropped article = 0): "
          f"ours {figures['text_f1']:.4f} (lowest {figures['lowest_text_f1']:.3f}), "
          f"plain trafilatura.extract {figures['plain_f1']:.4f}")
    print(f"published within 1 day: {_ratio(figures['dates'])}")
    print(f"title matches (normalised): {_ratio(figures['titles'])}")
    print(f"all gold authors found: {_ratio(figures['authors'])}")
    kept, dropped = figures["segments_kept"], figures["segments_dropped"]
    if kept and kept[1]:
        print(f"trafilatura evaldata segments: must-have present {kept[0]}/{kept[1]}, "
              f"must-not absent {dropped[0]}/{dropped[1]}")
    print(f"time: ours {ours_seconds:.2f}s, plain trafilatura.extract {plain_seconds:.2f}s, "
          f"ratio ours/plain {ours_seconds / plain_seconds:.2f}")
    wrong = [s for s in scores if not s.kind_right]
    for score in wrong:
        print(f"  wrong kind {score.file}: {score.kind} (gold {score.gold_kind})")
        print(f"    evidence {asdict(score.evidence) if score.evidence is not None else None}")


def _measured(html: bytes | str) -> tuple[float, int, str]:
    """Seconds (untraced run), peak Python heap (traced second run) and status of extract_page."""
    url = "https://bench.example/news/2024/01/01/a-long-article-slug-here"
    started = time.perf_counter()
    page = extract_page(html, url)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    extract_page(html, url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak, page.status


def limits(folder: Path) -> None:
    """Time and peak memory on the largest page of a set, near the element cap, and a refused 30 MB page."""
    largest = max((p for p in folder.glob("*.html")), key=lambda p: p.stat().st_size)
    cases = {
        f"largest page ({largest.name})": largest.read_bytes(),
        f"{MAX_PAGE_ELEMENTS - 1_000:,} <p> elements": "<html><body>"
        + "<p>a short line of filler text, one of many</p>" * (MAX_PAGE_ELEMENTS - 1_000) + "</body></html>",
        "30 MB page (over MAX_PAGE_BYTES)": b"<html><body>" + b"<p>filler words in a page far too large</p>" * 790_000,
    }
    print("\nlimits (peak = tracemalloc peak of the Python heap during the call):", flush=True)
    for name, html in cases.items():
        seconds, peak, status = _measured(html)
        print(f"  {name}: {len(html) / 2**20:.1f} MiB in, {seconds:.2f}s, peak {peak / 2**20:.1f} MiB "
              f"({peak / len(html):.1f}x input), status {status}", flush=True)


def main(folders: list[Path], with_limits: bool = True) -> None:
    results = {}
    for folder in folders:
        print(f"\n#### {folder}")
        results[folder.name] = score_set(folder)
    for name, (scores, ours_seconds, plain_seconds) in results.items():
        report(name, scores, ours_seconds, plain_seconds)
    if with_limits:
        limits(folders[0])


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--no-limits"]
    main([Path(a) for a in args] or list(DEFAULT_SETS), with_limits="--no-limits" not in sys.argv)
