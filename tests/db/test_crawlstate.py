"""Crawl bookkeeping: feed poll state and crawl runs."""

from __future__ import annotations

from db import crawlstate


def test_feed_state_round_trip(engine) -> None:
    assert crawlstate.get_feed_state(engine, "https://x.example/rss") is None
    crawlstate.save_feed_state(engine, "https://x.example/rss", etag='W/"1"', last_modified="Tue, 01 Jul 2025", status=200)
    crawlstate.save_feed_state(engine, "https://x.example/rss", etag='W/"2"', last_modified=None, status=304)
    state = crawlstate.get_feed_state(engine, "https://x.example/rss")
    assert (state.etag, state.last_modified, state.last_status) == ('W/"2"', None, 304)
    assert state.last_polled_at is not None and state.last_polled_at.tzinfo is not None


def test_runs_are_recorded_and_the_latest_per_source_listed(engine) -> None:
    ids = {source: [crawlstate.start_run(engine, source) for _ in range(3)] for source in ("bbc", "npr")}
    crawlstate.finish_run(engine, ids["bbc"][-1], pages=10, articles=7, quotations=21, errors=1,
                          close_reason="finished", blocked=[{"host": "bbc.co.uk", "status": 403}])
    runs = crawlstate.recent_runs(engine, per_source=2)
    assert [(r["source"], r["id"]) for r in runs] == [("bbc", ids["bbc"][2]), ("bbc", ids["bbc"][1]),
                                                     ("npr", ids["npr"][2]), ("npr", ids["npr"][1])]
    latest = runs[0]
    assert (latest["pages"], latest["articles"], latest["quotations"], latest["errors"]) == (10, 7, 21, 1)
    assert latest["blocked"] == [{"host": "bbc.co.uk", "status": 403}] and latest["finished_at"] is not None
