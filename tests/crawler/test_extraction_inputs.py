"""extract_page on pages built here: paywalls, charsets, broken and huge input, kinds, dates, records."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from crawler.extraction import MAX_PAGE_BYTES, extract_page
from crawler.extraction.evaluation import token_f1
from db.records import ArticleRecord

PARAGRAPHS = [
    f"Paragraph {i} of the report: the council met on Tuesday and the mayor said the budget for "
    f"district {i} would rise, while opponents argued that the money should go to schools instead."
    for i in range(12)
]
BODY = "\n\n".join(PARAGRAPHS)


def article_html(
    paragraphs: list[str] = PARAGRAPHS,
    jsonld: dict | None = None,
    head: str = "",
    charset: str | None = "utf-8",
) -> str:
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    ld = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head>{meta_charset}<title>Council budget row | Daily Example</title>'
        f'<meta property="og:type" content="article">{head}{ld}</head>'
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Council budget row</h1>{paras}</article>"
        f"<footer><a href='/terms'>Terms</a></footer></body></html>"
    )


URL = "https://daily.example/news/2024/03/05/council-budget-row-deepens"


def news_article(**fields) -> dict:
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council budget row", **fields}


# --- paywall -------------------------------------------------------------------------------------


def test_is_accessible_for_free_false_marks_the_page_paywalled():
    page = extract_page(article_html(jsonld=news_article(isAccessibleForFree="False")), URL)
    assert page.paywalled and page.is_article
    assert page.jsonld["isAccessibleForFree"] == "False"


def test_paywall_declared_on_a_part_counts():
    ld = news_article(
        isAccessibleForFree=True,
        hasPart={"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"},
    )
    assert extract_page(article_html(jsonld=ld), URL).paywalled


def test_visible_teaser_much_shorter_than_article_body_is_paywalled_and_body_kept():
    teaser = PARAGRAPHS[:1]
    page = extract_page(article_html(paragraphs=teaser, jsonld=news_article(articleBody=BODY)), URL)
    assert page.paywalled
    # The publisher's full text from articleBody replaces the teaser.
    assert token_f1(page.text, BODY) > 0.95
    assert page.jsonld["articleBody_chars"] == len(BODY)


def test_free_page_whose_body_matches_is_not_paywalled():
    ld = news_article(articleBody=BODY, isAccessibleForFree=True)
    page = extract_page(article_html(jsonld=ld), URL)
    assert not page.paywalled
    assert page.status == "ok"


# --- dates ---------------------------------------------------------------------------------------


def test_naive_date_published_is_stored_as_utc_and_raw_kept():
    page = extract_page(article_html(jsonld=news_article(datePublished="2024-03-05T09:30:00")), URL)
    assert page.published == datetime(2024, 3, 5, 9, 30, tzinfo=timezone.utc)
    assert page.published_raw == "2024-03-05T09:30:00"


def test_stated_offset_is_kept():
    page = extract_page(article_html(jsonld=news_article(datePublished="2024-03-05T09:30:00-0500")), URL)
    assert page.published.utcoffset() == timedelta(hours=-5)
    assert page.published.astimezone(timezone.utc).hour == 14


def test_original_date_wins_over_modified():
    ld = news_article(datePublished="2024-03-05T09:30:00Z", dateModified="2024-03-09T10:00:00Z")
    assert extract_page(article_html(jsonld=ld), URL).published.day == 5


def test_date_from_meta_when_no_jsonld():
    head = '<meta property="article:published_time" content="2024-03-04T22:00:00+01:00">'
    page = extract_page(article_html(head=head), URL)
    assert page.published is not None and page.published.date().isoformat() == "2024-03-04"
    assert page.published.tzinfo is not None


# --- charsets and broken input -------------------------------------------------------------------


def test_invalid_utf8_does_not_crash_and_keeps_the_valid_text():
    raw = article_html().encode("utf-8").replace(b"Paragraph 3 of", b"Paragraph \xff\xfe3 of")
    page = extract_page(raw, URL, headers={"Content-Type": "text/html; charset=utf-8"})
    assert page.is_article
    assert "\ufffd" in page.text
    assert "opponents argued" in page.text


def test_header_charset_is_honoured():
    html = article_html(paragraphs=["Le café de la mairie a fermé après la réunion du conseil. " * 20], charset=None)
    page = extract_page(html.encode("cp1252"), URL, headers={b"Content-Type": [b"text/html; charset=windows-1252"]})
    assert "café" in page.text and "\ufffd" not in page.text


def test_meta_charset_is_honoured_without_header():
    html = article_html(paragraphs=["Le café de la mairie a fermé après la réunion du conseil. " * 20], charset="iso-8859-1")
    page = extract_page(html.encode("iso-8859-1"), URL)
    assert "café" in page.text


def test_wrong_declared_charset_never_crashes():
    html = article_html(paragraphs=["Zürich, Ærø and Łódź were named in the report. " * 20], charset="shift_jis")
    page = extract_page(html.encode("utf-8"), URL)
    assert page.status in {"ok", "empty"}
    assert "report" in page.text


@pytest.mark.parametrize("junk", [b"", b"\x00\x01\x02" * 1000, "   ", b"<html></html>", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40])
def test_junk_input_gives_a_status_not_an_exception(junk):
    page = extract_page(junk, URL)
    assert not page.is_article
    assert page.status in {"empty", "not_html"}
    assert page.text == ""


def _must_not_be_called(*_args, **_kwargs):
    raise AssertionError("a refused page reached the parser")


def test_huge_page_is_refused_before_decoding_or_parsing(monkeypatch):
    huge = b"<html><body>" + b"<p>filler words for a page that is far too large</p>" * 700_000 + b"</body></html>"
    assert len(huge) > 30 * 1024 * 1024 > MAX_PAGE_BYTES
    monkeypatch.setattr("crawler.extraction.page.decode_html", _must_not_be_called)
    monkeypatch.setattr("crawler.extraction.page.load_html", _must_not_be_called)
    page = extract_page(huge, URL)
    assert page.status == "too_large"
    assert not page.is_article and page.text == "" and page.html is None


def test_size_limit_is_adjustable():
    html = article_html()
    assert extract_page(html, URL, max_bytes=len(html) - 1).status == "too_large"
    assert extract_page(html, URL, max_bytes=len(html)).status == "ok"


# --- untrusted markup ----------------------------------------------------------------------------


def test_scripts_are_not_run_and_only_text_is_kept():
    paras = [*PARAGRAPHS[:6], "<script>document.write('INJECTED')</script>", *PARAGRAPHS[6:]]
    html = article_html(paragraphs=paras).replace("<p>Paragraph 2", "<p><b onclick='x()'>Bold</b> Paragraph 2")
    page = extract_page(html, URL)
    assert "INJECTED" not in page.text and "document.write" not in page.text
    assert "<b" not in page.text and "onclick" not in page.text
    assert "Bold Paragraph 2" in page.text


# --- page kinds ----------------------------------------------------------------------------------


def teaser_front() -> str:
    teasers = "".join(
        f"<li><a href='/news/2024/03/0{i % 9 + 1}/story-number-{i}-about-the-council'>Story {i}: the council and the budget row</a></li>"
        for i in range(60)
    )
    return f"<html><head><title>Daily Example</title><meta property='og:type' content='website'></head><body><ul>{teasers}</ul></body></html>"


def test_home_page_is_a_front():
    page = extract_page(teaser_front(), "https://daily.example/")
    assert page.page_kind == "front" and not page.is_article


def test_section_front_recognised_by_link_density():
    page = extract_page(teaser_front(), "https://daily.example/politics")
    assert page.page_kind == "front" and not page.is_article


def test_forum_thread_from_jsonld():
    ld = {"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Budget?"}
    html = article_html(jsonld=ld).replace('<meta property="og:type" content="article">', "")
    page = extract_page(html, "https://forum.example/threads/budget.123/")
    assert page.page_kind == "forum" and not page.is_article


def test_article_without_markup_recognised_by_url_and_text():
    html = article_html().replace('<meta property="og:type" content="article">', "")
    assert extract_page(html, URL).is_article
    assert not extract_page(html.replace("".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]), ""), URL).is_article


def test_listing_with_many_jsonld_articles_is_a_front():
    ld = {"@context": "https://schema.org", "@graph": [news_article(headline=f"Story {i}", url=f"https://daily.example/s{i}") for i in range(5)]}
    page = extract_page(article_html(jsonld=ld), "https://daily.example/news/politics")
    assert page.page_kind == "front"


# --- metadata and the record handed to db --------------------------------------------------------


def test_authors_from_jsonld_people_not_organisations():
    ld = news_article(author=[{"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "Daily Example"}, {"@type": "Person", "name": "By John O&#39;Neil"}])
    assert extract_page(article_html(jsonld=ld), URL).authors == ["Jane Doe", "John O'Neil"]


def test_metadata_fields():
    head = (
        '<link rel="canonical" href="/news/2024/03/05/council-budget-row-deepens">'
        '<meta name="description" content="The row over the budget deepens.">'
        '<meta property="og:site_name" content="Daily Example">'
    )
    page = extract_page(article_html(head=head), URL + "?utm_source=feed")
    assert page.title == "Council budget row"
    assert page.language == "en"
    assert page.canonical_url == URL
    assert page.description == "The row over the budget deepens."
    assert page.site_name == "Daily Example"


def test_to_record_hands_db_an_article_record():
    raw = article_html(jsonld=news_article(datePublished="2024-03-05T09:30:00Z", author={"@type": "Person", "name": "Jane Doe"})).encode()
    fetched = datetime(2024, 3, 6, tzinfo=timezone.utc)
    page = extract_page(raw, URL)
    record = page.to_record(URL, outlet="daily", fetched_at=fetched)
    assert isinstance(record, ArticleRecord)
    assert (record.url, record.outlet, record.fetched_at, record.authors) == (URL, "daily", fetched, ["Jane Doe"])
    assert record.text == page.text and record.published == page.published and record.published_raw == "2024-03-05T09:30:00Z"
    assert record.html == raw and record.extraction_status == "ok" and record.paywalled is False
    assert page.to_record(URL, keep_html=False).html is None
    assert json.loads(json.dumps(page.to_dict()))["published"] == "2024-03-05T09:30:00+00:00"


def test_page_with_too_many_elements_is_refused_before_trafilatura(monkeypatch):
    many = "<html><body>" + "<p>a short line of filler text</p>" * 40_000 + "</body></html>"
    assert len(many) < MAX_PAGE_BYTES
    monkeypatch.setattr("crawler.extraction.page.trafilatura.bare_extraction", _must_not_be_called)
    page = extract_page(many, URL)
    assert page.status == "too_large" and page.text == "" and not page.is_article
    assert extract_page(article_html(), URL, max_elements=10).status == "too_large"


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [("application/pdf", "other"), ("image/png", "other"), ("application/rss+xml; charset=utf-8", "feed")],
)
def test_declared_non_html_is_not_parsed(content_type, kind, monkeypatch):
    monkeypatch.setattr("crawler.extraction.page.load_html", _must_not_be_called)
    page = extract_page(article_html().encode(), URL, headers={"content-type": content_type})
    assert (page.status, page.page_kind, page.is_article) == ("not_html", kind, False)


def test_html_mislabelled_as_text_plain_is_still_read():
    page = extract_page(article_html().encode(), URL, headers={"Content-Type": "text/plain"})
    assert page.is_article and "opponents argued" in page.text


def test_xml_declaration_in_a_text_page_is_handled():
    html = '<?xml version="1.0" encoding="utf-8"?>' + article_html()
    assert extract_page(html, URL).is_article


def test_tag_and_author_pages_with_long_slugs_are_not_articles():
    html = article_html().replace('<meta property="og:type" content="article">', "")
    assert extract_page(html, URL).is_article
    for listing in ("https://daily.example/tag/council-budget-row-deepens-again/", "https://daily.example/author/jane-mary-ann-doe"):
        page = extract_page(html, listing)
        assert not page.is_article and page.page_kind == "front"


def test_og_type_website_does_not_outweigh_a_dated_path_and_a_long_text():
    """Many CMSs say og:type "website" on every page: weak evidence beside a dated article path."""
    html = article_html().replace('content="article"', 'content="website"')
    page = extract_page(html, URL)
    assert page.is_article and page.evidence.points["og_website"] < 0
    short = html.replace("".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]), "")
    page = extract_page(short, "https://daily.example/about")
    assert not page.is_article and page.page_kind in {"other", "front"}


def test_fixture_kinds_do_not_depend_on_the_original_urls(fixtures_dir):
    """Served on the loopback under their file names (as the crawl tests do), or with no URL at all."""
    from crawler.extraction.evaluation import load_manifest

    for page in load_manifest(fixtures_dir / "html"):
        for url in (f"http://127.0.0.1:8765/{page.file}", None):
            assert extract_page(page.path.read_bytes(), url).is_article == page.is_article, (page.file, url)


def test_placeholder_date_falls_through_to_the_next_source():
    head = '<meta property="article:published_time" content="2024-03-04T10:00:00Z">'
    page = extract_page(article_html(head=head, jsonld=news_article(datePublished="0001-01-01T00:00:00Z")), URL)
    assert page.published == datetime(2024, 3, 4, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council budget row deepens | Daily Example", "Council budget row deepens"),
        ("Council budget row deepens - Daily Example Politics | Daily Example", "Council budget row deepens"),
        ("Council budget row deepens - DAILY", "Council budget row deepens"),
        ("Left | Right: the council budget row", "Left | Right: the council budget row"),
        ("Council budget row deepens - a long night", "Council budget row deepens - a long night"),
    ],
)
def test_site_name_suffix_is_stripped_from_titles(title, expected):
    head = f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="Daily Example">'
    url = "https://www.daily.example/news/2024/03/05/council-budget-row-deepens"
    without_h1 = article_html(head=head).replace("<h1>Council budget row</h1>", "")
    assert extract_page(without_h1, url).title == expected


def test_a_parser_failure_is_contained_to_the_page(monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RecursionError("pathologically nested markup")

    monkeypatch.setattr("crawler.extraction.page.trafilatura.bare_extraction", broken)
    raw = article_html().encode()
    page = extract_page(raw, URL)
    assert (page.status, page.is_article, page.html) == ("error", False, raw)
    assert page.to_record(URL).extraction_status == "error"
    assert "extraction failed on " + URL in caplog.text


def test_short_precise_text_of_an_article_gives_way_to_the_balanced_run(monkeypatch):
    """favor_precision sometimes drops a body whole; on an article the balanced run's longer text wins."""
    import trafilatura

    real = trafilatura.bare_extraction

    def precise_drops_the_body(*args, **kwargs):
        document = real(*args, **kwargs)
        if kwargs.get("favor_precision"):
            document.text = document.text.split("\n")[0]
        return document

    monkeypatch.setattr("crawler.extraction.page.trafilatura.bare_extraction", precise_drops_the_body)
    page = extract_page(article_html(jsonld=news_article()), URL)
    assert page.is_article and token_f1(page.text, BODY) > 0.95 and not page.paywalled
    # The kind was decided on the precise (short) text: the evidence says so.
    assert page.evidence.text_chars < 300
