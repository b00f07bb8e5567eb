"""Titles: the visible headline first, and site labels cut only where they name the site."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from crawler.extraction import extract_page
from crawler.extraction.titles import clean_title, headline_element

SITE = ["Daily Example", "dailyexample"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council budget row deepens | Daily Example", "Council budget row deepens"),
        ("Council budget row deepens -- Daily Example", "Council budget row deepens"),
        ("Council budget row deepens - dailyexample", "Council budget row deepens"),
        # A section label that does not name the site stays ("— Politics").
        ("Council budget row deepens — Politics — Daily Example", "Council budget row deepens — Politics"),
        ("Daily Example: Council budget row deepens", "Council budget row deepens"),
        ("Daily Example | Council budget row deepens", "Council budget row deepens"),
        # Real title parts stay: a kicker, a subtitle, a dash inside the headline.
        ("Brexit: talks resume in Brussels today", "Brexit: talks resume in Brussels today"),
        ("Council budget row deepens - a long night", "Council budget row deepens - a long night"),
        ("Left | Right: the council budget row", "Left | Right: the council budget row"),
        # Never cut down to a stub.
        ("Row | Daily Example", "Row | Daily Example"),
        ("Daily Example: Row deepens", "Daily Example: Row deepens"),
    ],
)
def test_clean_title_cuts_only_labels_that_name_the_site(title, expected):
    assert clean_title(title, SITE) == expected


def _tree(body: str):
    return fromstring(f"<html><body>{body}</body></html>")


def test_headline_is_the_article_h1_not_a_logo_or_a_box():
    tree = _tree(
        "<header><h1>Daily Example</h1></header><aside><h1>Sign up for our morning briefing</h1></aside>"
        "<article><h1>Council budget row deepens as mayor digs in</h1><p>Text.</p></article>"
    )
    element = headline_element(tree, "Budget row deepens as mayor digs in | Daily Example", SITE)
    assert element is not None and element.text_content() == "Council budget row deepens as mayor digs in"


def test_an_h1_sharing_nothing_with_the_meta_title_is_not_the_headline():
    tree = _tree("<h1>Sign up for our morning briefing</h1><p>Text.</p>")
    assert headline_element(tree, "Council budget row deepens", SITE) is None


def test_extract_page_prefers_the_visible_headline_to_og_title():
    html = (
        "<html><head><meta property='og:title' content='Budget row: what it means for you'>"
        "<meta property='og:site_name' content='Daily Example'></head><body><article>"
        "<h1>Budget row deepens: what it means for you and your council tax</h1>"
        + "<p>The council met on Tuesday and the mayor said the budget would rise again this year.</p>" * 20
        + "</article></body></html>"
    )
    page = extract_page(html, "https://dailyexample.com/news/2024/03/05/budget-row-what-it-means")
    assert page.title == "Budget row deepens: what it means for you and your council tax"
