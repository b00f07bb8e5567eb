"""The report links each article to its canonical URL when it has one, and marks paywalled articles on
quote cards, quotation pages and outlet pages."""

from __future__ import annotations

import pytest
from support.report_world import Said, article, store_all

from db import reporting

PAYWALL = '<span class="paywall">paywalled</span>'


@pytest.fixture
def world(engine):
    said = [Said("We will fix the roads this year,", "Ana Lopez", "Lopez", "2020-01", "in January")]
    free = article("https://ok.test/a?x=1", "Outlet & Co", "2020-02-03", "Free", said)
    paywalled = article("https://ok.test/b?utm_source=feed", "Outlet & Co", "2020-02-04", "Paid", said)
    paywalled[0].paywalled, paywalled[0].canonical_url = True, "https://ok.test/b-canonical"
    store_all(engine, [free, paywalled])
    return [q for _, figure in reporting.iter_figure_quotations(engine, reporting.ReportFilter()) for q in figure]


def test_cards_link_the_canonical_url_and_mark_paywalled_articles(world, renderer) -> None:
    (quotation,) = world
    card = str(renderer.card(quotation))
    assert 'href="https://ok.test/b-canonical"' in card and "utm_source" not in card
    assert 'href="https://ok.test/a?x=1"' in card  # no canonical URL: the fetched one
    assert card.count(PAYWALL) == 1  # the one paywalled article


def test_outlet_pages_count_and_mark_paywalled_articles(engine, world, renderer) -> None:
    (outlet,) = list(reporting.iter_outlets(engine))
    assert outlet.n_paywalled == 1
    page = renderer.outlet_page(outlet, [])
    assert "1 of the articles paywalled" in page and page.count(PAYWALL) == 1
    assert 'href="https://ok.test/b-canonical"' in page
