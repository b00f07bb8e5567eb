"""Extraction quality on the fixture pages, beside plain ``trafilatura.extract`` on the same files.

Prints per page: token F1 of ours and of plain trafilatura (bag-of-words F1 on lowercased word
tokens, see crawler/extraction/evaluation.py), date hit (within one day), title, authors, page kind;
then the means and rates. Usage: .venv/bin/python benchmarks/extraction_quality.py [FOLDER]
(default tests/fixtures/html; ../shared/data/html works too).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path
from statistics import mean

import trafilatura

from crawler.extraction import MAX_PAGE_ELEMENTS, extract_page
from crawler.extraction.evaluation import (
    authors_match,
    date_within,
    gold_authors,
    gold_date,
    load_manifest,
    segment_rates,
    segments,
    title_matches,
    token_f1,
)

ROOT = Path(__file__).resolve().parent.parent


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def main(folder: Path) -> None:
    pages = load_manifest(folder)
    ours_f1, plain_f1, dates, titles, authors, kinds = [], [], [], [], [], []
    seg_with = seg_with_total = seg_without = seg_without_total = 0
    ours_seconds = plain_seconds = 0.0
    print(f"{'file':44} {'F1':>6} {'plain':>6} {'date':>5} {'title':>5} {'auth':>5} {'kind':>14}")
    for page in pages:
        raw = page.path.read_bytes()
        started = time.perf_counter()
        result = extract_page(raw, page.url)
        ours_seconds += time.perf_counter() - started
        started = time.perf_counter()
        plain = trafilatura.extract(raw, url=page.url) or ""
        plain_seconds += time.perf_counter() - started
        gold = page.gold
        f1 = plain = None if not gold.get("text") else (token_f1(result.text, gold["text"]), token_f1(plain, gold["text"]))
        if f1:
            ours_f1.append(f1[0])
            plain_f1.append(f1[1])
        date_hit = date_within(result.published, gold_date(gold["date"])) if gold.get("date") and page.is_article else None
        title_hit = title_matches(result.title, gold["title"]) if gold.get("title") else None
        wanted_authors = gold_authors(gold.get("authors") or gold.get("author"))
        author_hit = authors_match(result.authors, wanted_authors) if wanted_authors else None
        kind_hit = result.is_article == page.is_article
        for collected, value in ((dates, date_hit), (titles, title_hit), (authors, author_hit)):
            if value is not None:
                collected.append(value)
        kinds.append(kind_hit)
        with_, without = segments(gold.get("with")), segments(gold.get("without"))
        if with_ or without:
            hits_with, hits_without = segment_rates(result.text, with_, without)
            seg_with, seg_with_total = seg_with + hits_with, seg_with_total + len(with_)
            seg_without, seg_without_total = seg_without + hits_without, seg_without_total + len(without)
        f1_text = f"{f1[0]:6.3f} {f1[1]:6.3f}" if f1 else f"{'-':>6} {'-':>6}"
        kind_text = f"{result.page_kind}/{page.kind}" + ("" if kind_hit else "!")
        print(
            f"{page.file[:44]:44} {f1_text} {_mark(date_hit):>5} {_mark(title_hit):>5} "
            f"{_mark(author_hit):>5} {kind_text:>14}"
        )
    print()
    print(f"main-text token F1, mean over {len(ours_f1)} pages with gold text: "
          f"ours {mean(ours_f1):.4f}, plain trafilatura.extract {mean(plain_f1):.4f}")
    print(f"pages where ours >= plain - 0.005: {sum(o >= p - 0.005 for o, p in zip(ours_f1, plain_f1, strict=True))}/{len(ours_f1)}")
    print(f"published within 1 day: {sum(dates)}/{len(dates)} = {sum(dates) / len(dates):.3f}")
    print(f"title matches (normalised): {sum(titles)}/{len(titles)} = {sum(titles) / len(titles):.3f}")
    print(f"all gold authors found: {sum(authors)}/{len(authors)} = {sum(authors) / len(authors):.3f}")
    print(f"page kind (is_article) correct: {sum(kinds)}/{len(kinds)} = {sum(kinds) / len(kinds):.3f}")
    if seg_with_total:
        print(f"trafilatura evaldata segments: must-have present {seg_with}/{seg_with_total}, "
              f"must-not absent {seg_without}/{seg_without_total}")
    print(f"time over {len(pages)} files: ours {ours_seconds:.2f}s, plain trafilatura.extract {plain_seconds:.2f}s, "
          f"ratio ours/plain {ours_seconds / plain_seconds:.2f}")


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
    """Time and peak memory on the largest fixture page, near the element cap, and a refused 30 MB page."""
    largest = max((p for p in folder.glob("*.html")), key=lambda p: p.stat().st_size)
    cases = {
        f"largest fixture ({largest.name})": largest.read_bytes(),
        f"{MAX_PAGE_ELEMENTS - 1_000:,} <p> elements": "<html><body>"
        + "<p>a short line of filler text, one of many</p>" * (MAX_PAGE_ELEMENTS - 1_000) + "</body></html>",
        "30 MB page (over MAX_PAGE_BYTES)": b"<html><body>" + b"<p>filler words in a page far too large</p>" * 790_000,
    }
    print("\nlimits (peak = tracemalloc peak of the Python heap during the call):")
    for name, html in cases.items():
        seconds, peak, status = _measured(html)
        print(f"  {name}: {len(html) / 2**20:.1f} MiB in, {seconds:.2f}s, peak {peak / 2**20:.1f} MiB "
              f"({peak / len(html):.1f}x input), status {status}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    fixtures = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "html"
    main(fixtures)
    limits(fixtures)
