"""Scores of extraction against gold annotations, shared by the tests and benchmarks/extraction_quality.py.

Token F1 is bag-of-words F1: both texts lowercased and split into word tokens (``\\w+``, Unicode),
then precision and recall over the multiset of tokens. It ignores order and paragraphing.
"""

from __future__ import annotations

import ast
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def token_f1(predicted: str | None, gold: str | None) -> float:
    """Bag-of-words F1 of lowercased word tokens (0.0 when either side is empty)."""
    pred, ref = Counter(tokens(predicted)), Counter(tokens(gold))
    common = sum((pred & ref).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def normalise_title(title: str | None) -> str:
    """Casefolded, accents kept, punctuation and quotes dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", title or "").casefold()
    return " ".join(_WORD.findall(text))


def title_matches(predicted: str | None, gold: str | None) -> bool:
    """Same normalised title, or one is the other plus a site suffix/prefix ("Title | Outlet")."""
    pred, ref = normalise_title(predicted), normalise_title(gold)
    if not pred or not ref:
        return False
    return pred == ref or (ref in pred and len(ref) >= 0.6 * len(pred))


def gold_authors(value: Any) -> list[str]:
    """The manifest stores authors as "A, B", "A ,  B" or a Python list literal."""
    if not value:
        return []
    if isinstance(value, list):
        names = value
    elif value.strip().startswith("["):
        names = ast.literal_eval(value.strip())
    else:
        names = re.split(r",|\band\b", value)
    return [n.strip() for n in names if n and n.strip()]


def normalise_name(name: str) -> str:
    """Casefolded, accents and punctuation dropped: "Solcyré Burga" = "Solcyre Burga", "Dana A. Ford" = "Dana A Ford"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return normalise_title("".join(c for c in decomposed if not unicodedata.combining(c)))


def authors_match(predicted: list[str], gold: list[str]) -> bool:
    """Every gold author appears among the extracted names (compared by ``normalise_name``)."""
    found = {normalise_name(n) for n in predicted}
    return all(normalise_name(g) in found for g in gold)


def gold_date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def date_within(published: datetime | None, gold: date, days: int = 1) -> bool:
    """The page's own calendar day (its stated offset, not converted) within ``days`` of the gold."""
    return published is not None and abs((published.date() - gold).days) <= days


def segments(value: Any) -> list[str]:
    """trafilatura's evaldata "with"/"without" lists, stored as Python list literals."""
    if not value:
        return []
    return list(ast.literal_eval(value)) if isinstance(value, str) else list(value)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def segment_rates(text: str, with_: list[str], without: list[str]) -> tuple[int, int]:
    """(segments that must appear and do, segments that must not appear and do not)."""
    body = _squash(text)
    return sum(_squash(s) in body for s in with_), sum(_squash(s) not in body for s in without)


@dataclass(frozen=True, slots=True)
class FixturePage:
    file: str
    url: str
    kind: str
    gold: dict[str, Any]
    path: Path

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


def load_manifest(folder: Path) -> list[FixturePage]:
    rows = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines() if line.strip()]
    return [
        FixturePage(r["file"], r["url"], r["kind"], r.get("gold") or {}, folder / r["file"]) for r in rows
    ]


@dataclass(slots=True)
class PageScore:
    """One page's figures against its gold; ``text_f1`` counts a dropped article as 0."""

    file: str
    gold_kind: str
    kind: str
    kind_right: bool
    text_f1: float | None = None
    plain_f1: float | None = None
    date_hit: bool | None = None
    title_hit: bool | None = None
    author_hit: bool | None = None
    segments_kept: tuple[int, int] = (0, 0)
    segments_dropped: tuple[int, int] = (0, 0)
    title: str | None = None
    evidence: Any = None


def score_page(page: FixturePage, result: Any, plain_text: str | None = None) -> PageScore:
    """Score one ``ExtractedPage`` against the gold of its manifest row.

    The main-text score of an article the extractor rejected is 0: a dropped article loses its
    text for the crawl, whatever the extractor found. Dates count on articles only (a front
    page's gold date is the page's, not a story's).
    """
    gold = page.gold
    kept_as_article = result.is_article or not page.is_article
    score = PageScore(page.file, page.kind, result.page_kind, result.is_article == page.is_article,
                      title=result.title, evidence=result.evidence)
    if gold.get("text") and page.is_article:
        score.text_f1 = token_f1(result.text, gold["text"]) if kept_as_article else 0.0
        score.plain_f1 = token_f1(plain_text, gold["text"]) if plain_text is not None else None
    if gold.get("date") and page.is_article:
        score.date_hit = date_within(result.published, gold_date(gold["date"]))
    if gold.get("title") and page.is_article:
        score.title_hit = title_matches(result.title, gold["title"])
    wanted = gold_authors(gold.get("authors") or gold.get("author"))
    if wanted and page.is_article:
        score.author_hit = authors_match(result.authors, wanted)
    with_, without = segments(gold.get("with")), segments(gold.get("without"))
    if with_ or without:
        kept, dropped = segment_rates(result.text if kept_as_article else "", with_, without)
        score.segments_kept, score.segments_dropped = (kept, len(with_)), (dropped, len(without))
    return score


def _rate(values: list[bool]) -> tuple[int, int]:
    return sum(values), len(values)


def summarise(scores: list[PageScore]) -> dict[str, Any]:
    """The per-set figures: recall of articles, rejection of non-articles, mean text scores, rates."""
    articles = [s for s in scores if s.gold_kind == "article"]
    others = [s for s in scores if s.gold_kind != "article"]
    texts = [s for s in articles if s.text_f1 is not None]
    compared = [s for s in texts if s.plain_f1 is not None]
    return {
        "article_recall": _rate([s.kind_right for s in articles]),
        "non_article_rejection": _rate([s.kind_right for s in others]),
        "text_f1": sum(s.text_f1 for s in texts) / len(texts) if texts else None,
        "plain_f1": sum(s.plain_f1 for s in compared) / len(compared) if compared else None,
        "text_pages": len(texts),
        "lowest_text_f1": min((s.text_f1 for s in texts), default=None),
        "dates": _rate([s.date_hit for s in scores if s.date_hit is not None]),
        "titles": _rate([s.title_hit for s in scores if s.title_hit is not None]),
        "authors": _rate([s.author_hit for s in scores if s.author_hit is not None]),
        "segments_kept": tuple(map(sum, zip(*(s.segments_kept for s in scores), strict=True))),
        "segments_dropped": tuple(map(sum, zip(*(s.segments_dropped for s in scores), strict=True))),
    }
