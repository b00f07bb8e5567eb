"""A small quote database built in code (Datasette style), through ``db.store.store_article``.

Four articles with hand-made ``attribution.types.Quote`` objects (no spaCy): the seed article
(McCain and Trump on the Helsinki summit), a second outlet repeating McCain's remark, an older
article where the speaker was only resolved to "McCain", stored without surname folding (so
"McCain" is a person of its own until someone merges them) and a Trump quotation from 2024.

    from support.quote_fixtures import build_quote_db
    facts = build_quote_db(engine)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine

from attribution.types import Quote
from db.records import ArticleRecord
from db.store import store_article

SEED_TEXT = Path(__file__).resolve().parent.parent / "fixtures" / "research" / "helsinki-2025-08-07.txt"
VERSION = "fixture-1"

MCCAIN = "No prior president has ever abased himself more abjectly before a tyrant,"
TRUMP_HELSINKI = "President Putin says it’s not Russia. I don’t see any reason why it would be,"
SURRENDER = "We will never surrender to those who threaten our freedom,"
ECONOMY = "The economy is doing better than it has ever done before,"

URLS = {
    "seed": "https://www.independent.co.uk/voices/trump-putin-summit-helsinki.html",
    "repeat": "https://news.example.org/2025/08/08/mccain-remark-resurfaces/",
    "surrender": "https://news.example.org/2019/01/10/mccain-speech/",
    "economy": "https://daily.example.com/politics/economy-remarks",
}


def quote_in(
    text: str,
    quoted: str,
    *,
    speaker: str | None,
    mention: str | None,
    cue: str | None = "said",
    said_on: str | None = None,
    confidence: float = 0.9,
) -> Quote:
    """A Quote for the first occurrence of ``quoted`` in ``text``, speaker mention searched after it."""
    start = text.index(quoted)
    end = start + len(quoted)
    speaker_start = text.find(mention, end) if mention else -1
    return Quote(
        text=quoted,
        start=start,
        end=end,
        type="direct",
        speaker=speaker,
        speaker_kind="person" if speaker else None,
        speaker_mention=mention,
        speaker_start=speaker_start if speaker_start >= 0 else None,
        speaker_end=speaker_start + len(mention) if mention and speaker_start >= 0 else None,
        cue=cue,
        sentence=quoted,
        said_on=said_on,
        confidence=confidence,
    )


@dataclass(frozen=True)
class QuoteDb:
    article_ids: dict[str, int]
    seed_text: str


def _article(key: str, text: str, published: datetime, outlet: str, title: str) -> ArticleRecord:
    return ArticleRecord(
        url=URLS[key],
        text=text,
        title=title,
        canonical_url=URLS[key].rstrip("/"),
        authors=["A. Reporter"],
        published=published,
        published_raw=published.isoformat(),
        language="en",
        outlet=outlet,
    )


def build_quote_db(engine: Engine) -> QuoteDb:
    """Store the four fixture articles; returns their ids by key (seed, repeat, surrender, economy)."""
    seed = SEED_TEXT.read_text(encoding="utf-8")
    repeat = (
        "Senator John McCain's words were quoted again this week. "
        f"“{MCCAIN}” McCain said after the Helsinki summit in July 2018."
    )
    surrender = f"At the rally the senator spoke briefly. “{SURRENDER}” McCain told the crowd."
    economy = f"The president spoke at the White House. “{ECONOMY}” Trump said on Friday."
    stored = {
        "seed": store_article(
            engine,
            _article("seed", seed, datetime(2025, 8, 7, 9, 0, tzinfo=timezone.utc), "The Independent", "Helsinki"),
            [
                quote_in(seed, TRUMP_HELSINKI, speaker="Donald Trump", mention="he", cue="insisted", said_on="2018-07"),
                quote_in(seed, MCCAIN, speaker="John McCain", mention="McCain", said_on="2018-07"),
            ],
            attribution_version=VERSION,
        ),
        "repeat": store_article(
            engine,
            _article("repeat", repeat, datetime(2025, 8, 8, 12, 0, tzinfo=timezone.utc), "Example News", "Again"),
            [quote_in(repeat, MCCAIN, speaker="John McCain", mention="McCain", said_on="2018-07")],
            attribution_version=VERSION,
        ),
        "surrender": store_article(
            engine,
            _article("surrender", surrender, datetime(2019, 1, 10, 15, 0, tzinfo=timezone.utc), "Example News", "Rally"),
            [quote_in(surrender, SURRENDER, speaker="McCain", mention="McCain", cue="told")],
            attribution_version=VERSION,
            fold_surnames=False,  # kept apart, so curation (merge, split) has something to do
        ),
        "economy": store_article(
            engine,
            _article("economy", economy, datetime(2024, 3, 1, 18, 0, tzinfo=timezone.utc), "Daily Example", "Economy"),
            [quote_in(economy, ECONOMY, speaker="Donald Trump", mention="Trump")],
            attribution_version=VERSION,
        ),
    }
    return QuoteDb(article_ids={key: result.article_id for key, result in stored.items()}, seed_text=seed)
