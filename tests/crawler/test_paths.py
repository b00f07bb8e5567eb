"""Equivalent paths give the same rows: attributing in the pipeline or later with ``quotes
attribute``; storing from the crawl or from its WARC archive with ``quotes ingest``. And a
scheduled run bounded by ``--timeout``."""

from __future__ import annotations

import pytest
from support.crawling import articles, listing_state, path_of, run_crawl, run_quotes, runs
from support.loopback import LoopbackSite

pytestmark = pytest.mark.slow

MENTION_FIELDS = ("start", "end", "text", "type", "speaker", "speaker_kind", "speaker_mention", "speaker_start",
                  "speaker_end", "cue", "cue_start", "cue_end", "said_on", "attribution_version")


def mention_rows(db_url: str) -> set[tuple]:
    from sqlalchemy import select

    from db.engine import open_engine
    from db.models import Article, Mention

    engine = open_engine(db_url)
    columns = [getattr(Mention, name) for name in MENTION_FIELDS]
    with engine.connect() as conn:
        rows = conn.execute(select(Article.url, *columns).join(Article, Mention.article_id == Article.id)).all()
    engine.dispose()
    return {(path_of(row[0]), *row[1:]) for row in rows}


def test_pipeline_attribution_equals_quotes_attribute(loopback_site: LoopbackSite, tmp_path) -> None:
    site = loopback_site
    feed = site.set_feed("/few.xml", [p.path for p in site.articles[:5]])
    in_pipeline, later = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"

    run_crawl("--feed", feed, "--db", in_pipeline)
    run_crawl("--feed", feed, "--db", later, "--no-attribute")
    assert mention_rows(later) == set()
    assert all(r["attribution_version"] is None for r in articles(later))
    result = run_quotes("attribute", "--db", later)
    assert result.returncode == 0, result.stderr[-3000:]

    expected = mention_rows(in_pipeline)
    assert len(expected) > 10  # five news articles have quotations
    assert mention_rows(later) == expected


def test_warc_archive_reads_back_with_quotes_ingest(loopback_site: LoopbackSite, tmp_path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    site = loopback_site
    paths = [p.path for p in site.articles[5:9]]
    feed = site.set_feed("/archived.xml", paths)
    crawled, ingested = f"sqlite:///{tmp_path / 'c.db'}", f"sqlite:///{tmp_path / 'i.db'}"
    warc_dir = tmp_path / "warc"
    run_crawl("--feed", feed, "--db", crawled, "--no-attribute", "--warc-dir", str(warc_dir))

    (warc,) = warc_dir.glob("*.warc.gz")
    with warc.open("rb") as handle:
        uris = [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(handle)
                if r.rec_type == "response"]
    assert sorted(path_of(u) for u in uris) == sorted(["/robots.txt", "/archived.xml", *paths])

    result = run_quotes("ingest", str(warc), "--db", ingested, "--no-attribute")
    assert result.returncode == 0, result.stderr[-3000:]
    from_crawl = {path_of(r["url"]): (r["title"], r["text"]) for r in articles(crawled)}
    from_warc = {path_of(r["url"]): (r["title"], r["text"]) for r in articles(ingested)}
    assert set(from_crawl) == set(paths)
    assert from_warc == from_crawl


def test_timeout_bounds_a_run_and_keeps_the_feed_for_next_time(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    site.slow_seconds = 8
    feed = site.set_feed("/stuck.xml", ["/slow.html"])
    result = run_crawl("--feed", feed, "--db", db_url, "--no-attribute", "--timeout", "2",
                       settings={"DOWNLOAD_TIMEOUT": "30"})
    assert "closespider_timeout" in result.stdout
    (run,) = runs(db_url)
    assert run["close_reason"] == "closespider_timeout" and run["finished_at"] is not None

    assert listing_state(db_url, feed).etag is None  # cut short: the next run reads the feed in full
