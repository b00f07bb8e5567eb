"""docs/extraction.md stays true: every field, status and limit it names is the code's."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from crawler.extraction import ExtractedPage, page
from crawler.extraction import kind as kind_module

DOC = (Path(__file__).resolve().parents[2] / "docs" / "extraction.md").read_text()


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(ExtractedPage) if f.name not in {"evidence", "html"}])
def test_every_field_is_documented(name):
    assert f"`{name}`" in DOC


@pytest.mark.parametrize("status", [page.STATUS_OK, page.STATUS_EMPTY, page.STATUS_TOO_LARGE, page.STATUS_NOT_HTML, page.STATUS_ERROR])
def test_every_status_is_documented(status):
    assert f'"{status}"' in DOC


@pytest.mark.parametrize(
    "stated",
    [
        f"{page.MAX_PAGE_BYTES // 2**20} MiB",
        f"{page.MAX_PAGE_ELEMENTS:,}",
        f"{page.FALLBACK_BELOW_CHARS:,} characters",
        f"{page.PAYWALL_MIN_BODY_CHARS} characters",
        f"{kind_module.SHORT_TEXT_CHARS} characters",
        f"{kind_module.MIN_ARTICLE_CHARS:,} characters",
        f"{kind_module.LONG_TEXT_CHARS:,} characters",
        f"score of {kind_module.ARTICLE_THRESHOLD}",
    ],
)
def test_limits_stated_in_the_docs_are_the_code_s(stated):
    assert stated in DOC


def test_worded_thresholds_match():
    assert kind_module.LISTING_ARTICLE_NODES == 3 and "three or more article nodes" in DOC
    assert kind_module.LISTING_LINK_DENSITY == 0.5 and "half or more of the visible text sits inside links" in DOC
    assert kind_module.TEASER_SHARE == 0.4 and "40 % or more of the visible text" in DOC


@pytest.mark.parametrize(("name", "points"), sorted(kind_module.POINTS.items()))
def test_every_piece_of_kind_evidence_is_documented_with_its_points(name, points):
    assert f"| `{name}` | {points:+g} |" in DOC


def test_paywall_ratio_is_described_as_half():
    assert page.PAYWALL_TEXT_RATIO == 0.5 and "shorter than half" in DOC


def test_kind_names_are_documented():
    for name in (kind_module.ARTICLE, kind_module.FRONT, kind_module.FORUM, kind_module.FEED, kind_module.OTHER):
        assert re.search(rf'`"{name}"`', DOC), name
