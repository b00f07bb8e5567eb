"""The page's own date: stated publication date, unless the header shows a later stated update."""

from __future__ import annotations

import json
from datetime import date

from crawler.extraction import extract_page

TEXT = "".join(f"<p>Paragraph {i}: the council met and the mayor said the budget would rise again.</p>" for i in range(20))
URL = "https://daily.example/news/2023/12/15/council-budget-row-deepens"


def page(dateline: str, **jsonld: str) -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Council budget row deepens", **jsonld})
    return (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body><article>"
        f"<header><h1>Council budget row deepens again</h1><p class='dateline'>{dateline}</p></header>"
        f"{TEXT}</article></body></html>"
    )


def test_header_showing_the_update_makes_it_the_page_date():
    html = page("Sunday 17 December 2023 17:23, UK", datePublished="2023-12-15T14:18:00Z", dateModified="2023-12-17T17:23:00Z")
    result = extract_page(html, URL)
    assert result.published.date() == date(2023, 12, 17) and result.published_raw == "2023-12-17T17:23:00Z"


def test_header_showing_the_publication_date_keeps_it():
    html = page("Updated on: December 15, 2023", datePublished="2023-12-15T14:18:00Z", dateModified="2024-01-19T10:00:00Z")
    assert extract_page(html, URL).published.date() == date(2023, 12, 15)


def test_an_update_the_header_does_not_show_is_ignored():
    html = page("By Jane Doe", datePublished="2023-12-15T14:18:00Z", dateModified="2023-12-17T17:23:00Z")
    assert extract_page(html, URL).published.date() == date(2023, 12, 15)


def test_microdata_date_published_beats_the_guess():
    html = (
        "<html><head><meta name='DCSext.articleFirstPublished' content='2023-12-10 18:00'></head><body><article>"
        "<h1>Council budget row deepens again</h1>"
        "<time itemprop='datePublished' datetime='2023-12-19T15:54+0000'>19 December 2023</time>"
        f"{TEXT}</article></body></html>"
    )
    assert extract_page(html, URL).published.date() == date(2023, 12, 19)


def test_date_hint_beats_the_guess_but_not_the_page_s_own_statement():
    bare = f"<html><body><article><h1>Council budget row deepens again</h1>{TEXT}</article></body></html>"
    assert extract_page(bare, URL, date_hint="2023-12-16T08:00:00Z").published.date() == date(2023, 12, 16)
    stated = page("", datePublished="2023-12-15T14:18:00Z")
    assert extract_page(stated, URL, date_hint="2023-12-16T08:00:00Z").published.date() == date(2023, 12, 15)
