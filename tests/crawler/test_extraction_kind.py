"""The page-kind score on small hand-written pages: which evidence fires, its points, the call."""

from __future__ import annotations

from crawler.extraction import extract_page
from crawler.extraction.kind import ARTICLE_THRESHOLD, POINTS

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the council met on Tuesday and the mayor said the budget for district {i} "
    f"would rise, while opponents argued that the money should go to schools instead.</p>"
    for i in range(25)
)


def page(head: str = "", body: str = PARAGRAPHS, header: str = "<h1>Council budget row deepens</h1>") -> str:
    return (
        f"<html><head><title>Council budget row</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main>{header}{body}</main><footer><a href='/terms'>Terms</a></footer></body></html>"
    )


def teasers(n: int = 30) -> str:
    return "".join(
        f"<div class='card'><a href='/news/story-{i}'>Story {i}: the council and the budget row again</a>"
        f"<p>Short summary {i}.</p></div>"
        for i in range(n)
    )


WEBSITE = "<meta property='og:type' content='website'>"


def test_undeclared_page_with_a_dated_path_and_long_text_is_an_article():
    result = extract_page(page(WEBSITE), "https://daily.example/2024/03/05/council-budget-row-deepens/")
    assert result.is_article
    ev = result.evidence
    assert ev.url_has_date and ev.url_slug_words == 4
    assert {"og_website", "url_date", "url_slug", "text_long", "headline_markup"} <= set(ev.points)
    assert ev.score == sum(ev.points.values()) >= ARTICLE_THRESHOLD


def test_canonical_url_shape_counts_when_the_fetched_url_is_opaque():
    canonical = "<link rel='canonical' href='https://daily.example/2024/03/05/council-budget-row-deepens'>"
    opaque = "https://daily.example/node/a"
    assert not extract_page(page(WEBSITE), opaque).evidence.url_has_date
    result = extract_page(page(WEBSITE + canonical), opaque)
    assert result.evidence.url_has_date and result.is_article


def test_each_declaration_gives_its_points():
    jsonld = "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Row\"}</script>"
    result = extract_page(page(jsonld), "https://daily.example/a")
    assert result.evidence.points["jsonld_article"] == POINTS["jsonld_article"]
    video = extract_page(page("<meta property='og:type' content='video.other'>"), "https://daily.example/v/a")
    assert video.evidence.points["og_other_type"] == POINTS["og_other_type"] and not video.is_article


def test_long_text_alone_is_not_an_article():
    """A licence text or a manual page: long, but no URL, declaration or byline says article."""
    result = extract_page(page(), "https://docs.example/licenses/gpl")
    assert not result.is_article
    assert "text_long" in result.evidence.points and result.evidence.score < ARTICLE_THRESHOLD


def test_teaser_blocks_are_measured_and_make_a_front():
    front = page("<meta property='og:type' content='article'>", body=teasers(), header="")
    result = extract_page(front, "https://daily.example/es/")
    ev = result.evidence
    assert ev.teaser_share > 0.8 and "teasers" in ev.points and "url_section" in ev.points
    assert result.page_kind == "front" and not result.is_article


def test_an_article_with_a_related_stories_box_is_still_an_article():
    body = PARAGRAPHS + "<aside><h2>Related</h2>" + teasers(4) + "</aside>"
    result = extract_page(page(WEBSITE, body=body), "https://daily.example/2024/03/05/council-budget-row-deepens")
    assert result.evidence.teaser_share < 0.2 and "teasers" not in result.evidence.points
    assert result.is_article


def test_listing_path_outweighs_a_long_slug():
    result = extract_page(page(), "https://daily.example/tag/council-budget-row-deepens-again/")
    assert result.evidence.url_listing and result.page_kind == "front"


def test_wiki_software_decides_alone():
    wiki = "<meta name='generator' content='MediaWiki 1.35.0'>"
    jsonld = "<script type='application/ld+json'>{\"@type\": \"Article\", \"name\": \"t-SNE\"}</script>"
    result = extract_page(page(wiki + jsonld), "https://wiki.example/wiki/T-distributed_stochastic_neighbor_embedding")
    assert result.page_kind == "other" and result.evidence.rule == "other platform"


def test_forumotion_thread_path_is_a_forum():
    result = extract_page(page("<meta property='og:type' content='article'>"), "https://club.example/t7-forum-rules")
    assert result.page_kind == "forum" and result.evidence.rule == "forum platform"


def test_og_type_outside_head_is_still_read():
    """extruct reads only <meta> directly in <head>; a page with a second <head> still states og:type."""
    html = page().replace("<main>", "<head><meta property='og:type' content='article'></head><main>")
    assert extract_page(html, "https://daily.example/a").evidence.og_type == "article"


def test_a_comments_page_is_a_forum_whatever_its_slug():
    result = extract_page(page(WEBSITE), "https://social.example/r/python/comments/1bbbwk/whats_your_opinion_on_init_py/")
    assert result.page_kind == "forum" and not result.is_article


def test_a_dated_path_outweighs_og_website_on_a_medium_text_with_no_markup():
    """The held-out failure the scoring was built for: og:type "website", no JSON-LD, dated path."""
    body = "".join(f"<p>Paragraph {i}: the council met on Tuesday and the mayor spoke at length.</p>" for i in range(20))
    result = extract_page(page(WEBSITE, body=body, header=""), "https://daily.example/2024/03/05/budget/")
    assert 1200 <= result.evidence.text_chars < 3000 and not result.evidence.markup
    assert result.is_article
