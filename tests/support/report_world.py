"""Report test worlds, built in code through db.store.store_article (Datasette style).

A module, not a conftest: test files import these names, and ``from conftest import`` would find
whichever conftest was loaded last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from attribution.types import Quote
from db.records import ArticleRecord

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass
class Said:
    """One quotation in a hand-made article: what, who (resolved and as written), when, how."""

    text: str
    speaker: str | None
    mention: str | None = None
    said_on: str | None = None
    evidence: str | None = None
    cue: str = "said"
    type: str = "direct"
    confidence: float = 0.9
    kind: str = "person"


def article(url: str, outlet: str, published: str, title: str, said: list[Said]) -> tuple[ArticleRecord, list[Quote]]:
    """An article whose text holds each quotation at real offsets, with its Quote records."""
    parts, quotes, offset = [], [], 0
    for item in said:
        mention = item.mention or (item.speaker or "someone").split()[-1]
        sentence = f"\u201c{item.text}\u201d {mention} {item.cue}."
        start = offset + 1
        quotes.append(Quote(
            text=item.text, start=start, end=start + len(item.text), type=item.type, speaker=item.speaker,
            speaker_kind=item.kind if item.speaker else None, speaker_mention=mention,
            cue=item.cue, sentence=sentence, said_on=item.said_on, said_on_evidence=item.evidence,
            confidence=item.confidence))
        parts.append(sentence)
        offset += len(sentence) + 1
    when = datetime.fromisoformat(published).replace(tzinfo=timezone.utc)
    record = ArticleRecord(url=url, text=" ".join(parts), title=title, published=when, fetched_at=when,
                           outlet=outlet, language="en")
    return record, quotes


TYRANT = "No prior president has ever abased himself more abjectly before a tyrant,"


def small_world() -> list[tuple[ArticleRecord, list[Quote]]]:
    """Three outlets, two people with several quotations, one shared quotation, one unresolved speaker."""
    return [
        article("https://example-news.test/2018/07/helsinki", "Example News", "2018-07-17", "After Helsinki", [
            Said(TYRANT, "John McCain", "McCain", "2018-07", "in July 2018"),
            Said("I don't see any reason why it would be,", "Donald Trump", "he", "2018-07", "in July 2018",
                 cue="insisted"),
        ]),
        article("https://daily-paper.test/politics/summit", "Daily Paper", "2018-07-18", "Summit fallout", [
            Said(TYRANT, "John McCain", "Senator McCain", "2018-07", "at the Helsinki summit"),
            Said("We will look at it very closely,", None, "an official"),
        ]),
        article("https://example-news.test/2019/03/budget", "Example News", "2019-03-02", "Budget fight", [
            Said("The budget is a disgrace to this body,", "John McCain", "McCain"),
            Said("We have a great economy,", "Donald Trump", "Trump", "2019-03-01", "on Friday"),
        ]),
        article("https://the-gazette.test/world/2017", "The Gazette", "2017-11-05", "Looking back", [
            Said("Our country needs a strong defense,", "John McCain", "he", "2017", "in 2017", cue="wrote",
                 type="indirect"),
            Said("The committee will meet next week,", "Armed Services Committee", "the committee",
                 kind="organization"),
        ]),
    ]


def store_all(engine, articles) -> None:
    from db.store import store_article

    for record, quotes in articles:
        store_article(engine, record, quotes, attribution_version="test")
