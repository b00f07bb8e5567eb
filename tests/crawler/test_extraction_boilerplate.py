"""Boilerplate that trafilatura keeps is taken out of the main text, and only that."""

from __future__ import annotations

from lxml.html import fromstring

from crawler.extraction import extract_page
from crawler.extraction.boilerplate import strip_boilerplate

STORY = [
    f"Paragraph {i}: the council met on Tuesday and the mayor said the budget for district {i} would rise, "
    f"while opponents argued that the money should go to schools instead."
    for i in range(8)
]


def tree(extra: str = "", article_class: str = "story-body") -> object:
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    return fromstring(
        f"<html><body><article><h1>Council budget row deepens</h1><div class='{article_class}'>{paras}</div>"
        f"{extra}</article></body></html>"
    )


def test_related_story_links_and_their_label_go():
    extra = (
        "<p>Read more: <a href='/a'>Mayor defends the new school funding plan</a></p>"
        "<h3>More From Daily Example</h3><ul>"
        "<li><a href='/b'>Five things to know about the budget</a></li>"
        "<li>Opinion: <a href='/c'>Why the council got it wrong again</a></li>"
        "<li><a href='/d'>Schools brace for a lean year ahead</a></li></ul>"
    )
    paragraphs = [
        *STORY,
        "Read more: Mayor defends the new school funding plan",
        "More From Daily Example",
        "- Five things to know about the budget",
        "- Opinion: Why the council got it wrong again",
        "- Schools brace for a lean year ahead",
    ]
    assert strip_boilerplate(paragraphs, tree(extra)) == STORY


def test_named_boxes_go_when_they_hold_little_of_the_text():
    extra = (
        "<div class='newsletter-signup'><p>Get the Daily Example briefing in your inbox every morning</p></div>"
        "<div class='author-bio'><p>Jane Doe covers City Hall for the Daily Example</p></div>"
        "<div id='comments'><p>Great article, thanks for writing it</p></div>"
    )
    paragraphs = [
        *STORY,
        "Get the Daily Example briefing in your inbox every morning",
        "Jane Doe covers City Hall for the Daily Example",
        "Great article, thanks for writing it",
    ]
    assert strip_boilerplate(paragraphs, tree(extra)) == STORY


def test_an_article_body_whose_class_names_a_box_stays():
    """"entry-content-read-more" holds the whole story: a class word alone does not make boilerplate."""
    assert strip_boilerplate(STORY, tree(article_class="entry-content-read-more")) == STORY


def test_contact_line_and_repeated_headline_go_quotes_stay():
    paragraphs = [
        "Council budget row deepens",
        *STORY,
        '"We will not cut the schools budget," the mayor said.',
        "Contact Jane Doe at jdoe@daily.example. Follow her on X @janedoe.",
    ]
    kept = strip_boilerplate(paragraphs, tree(), titles=("Council budget row deepens", None))
    assert kept == [*STORY, '"We will not cut the schools budget," the mayor said.']


def test_a_caption_class_without_an_image_is_text():
    """Some sites call their standfirst "item-caption"; an image caption has an image beside it."""
    standfirst = "<div class='item-caption'><p>The council is split over the schools budget</p></div>"
    paragraphs = ["The council is split over the schools budget", *STORY]
    assert strip_boilerplate(paragraphs, tree(standfirst)) == paragraphs
    figure = "<figure><img src='a.jpg'><figcaption class='caption'>The mayor on Tuesday at City Hall</figcaption></figure>"
    assert strip_boilerplate([*STORY, "The mayor on Tuesday at City Hall"], tree(figure)) == STORY


def test_nothing_is_left_empty():
    only = ["Read more: Mayor defends the new school funding plan"]
    html = "<html><body><p>Read more: <a href='/a'>Mayor defends the new school funding plan</a></p></body></html>"
    assert strip_boilerplate(only * 2, fromstring(html)) == only * 2


def test_extract_page_leaves_a_related_box_out_of_the_text():
    related = "".join(f"<li><a href='/s{i}'>Another council story number {i} this week</a></li>" for i in range(5))
    html = (
        "<html><head><meta property='og:type' content='article'></head><body><article>"
        "<h1>Council budget row deepens</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
        + f"<div class='related-stories'><h2>Related</h2><ul>{related}</ul></div></article></body></html>"
    )
    page = extract_page(html, "https://daily.example/news/2024/03/05/council-budget-row-deepens")
    assert page.is_article and "Paragraph 7" in page.text
    assert "Another council story" not in page.text


def test_the_headline_under_the_lead_goes_the_same_words_as_a_later_subheading_stay():
    title = ("Council budget row deepens", None)
    repeated = [STORY[0], "Council budget row deepens", *STORY[1:]]
    assert strip_boilerplate(repeated, tree(), titles=title) == STORY
    subheading = [*STORY[:4], "Council budget row deepens", *STORY[4:]]
    assert strip_boilerplate(subheading, tree(), titles=title) == subheading


def test_copyright_lines_and_copyright_boxes_go():
    extra = "<p class='article-copyright'>Daily Example Media. This material may not be redistributed.</p>"
    paragraphs = [
        *STORY,
        "Copyright 2024 Daily Example Media Inc. All rights reserved.",
        "Daily Example Media. This material may not be redistributed.",
    ]
    assert strip_boilerplate(paragraphs, tree(extra)) == STORY
    # The word alone is the story's: an article about copyright law keeps its sentences.
    about = [*STORY[:4], "Copyright law protects the mayor's speeches as much as anyone's.", *STORY[4:]]
    assert strip_boilerplate(about, tree()) == about


def test_closing_credits_and_calls_to_action_go_only_at_the_end():
    closing = [
        "Jane Roe reported from Springfield.",
        "Associated Press writers Ann Lee, Bo Chan and Cy Diaz contributed to this report.",
        "Get the week's council votes in your inbox. Sign up here.",
    ]
    assert strip_boilerplate([*STORY, *closing], tree()) == STORY
    assert strip_boilerplate([*STORY, "Contributing: Ann Lee, Daily Example"], tree()) == STORY
    assert strip_boilerplate([*STORY, "Kim Poe contributed reporting from Shelbyville."], tree()) == STORY
    podcast = ["Listen to City Hour on Spotify, Apple Podcasts and Google Podcasts.", "This episode was produced by Bo Chan."]
    assert strip_boilerplate([*STORY, *podcast], tree()) == STORY
    # The same words early in the story are the story's own.
    early = [STORY[0], "Residents who want a say can sign up here.", *STORY[1:]]
    assert strip_boilerplate(early, tree()) == early


def test_a_trailing_footnotes_section_goes_a_long_text_after_such_a_heading_stays():
    notes = ["Footnotes", "[1] Council minutes, 5 March 2024, p. 12.", "[2] Budget report, Daily Example, 2023."]
    assert strip_boilerplate([*STORY, *notes], tree()) == STORY
    section = [*STORY, "Sources", " ".join(STORY)]
    assert strip_boilerplate(section, tree()) == section


def test_a_box_paragraph_split_at_an_inline_tag_is_still_found_in_its_box():
    """The box's text pieces are "... opportunities ", "here", "." : joined with spaces they read
    "here ." where the paragraph reads "here."."""
    extra = "<div class='post-boilerplate'><p><em>Want to sponsor our events? Learn more <a href='/s'>here</a>.</em></p></div>"
    assert strip_boilerplate([*STORY, "Want to sponsor our events? Learn more here."], tree(extra)) == STORY


def test_a_link_wrapped_in_a_named_span_keeps_its_words_in_the_sentence():
    """Precision mode drops a span called "link" whole: the sentence lost its middle."""
    lead = (
        "<p>The council voted on Tuesday to speed up the delivery of "
        "<span class='link'><a href='https://other.example/aid'>emergency aid to flooded districts</a></span>"
        " and to review the schools budget before the summer recess begins.</p>"
    )
    html = (
        "<html><head><meta property='og:type' content='article'></head><body><article>"
        "<h1>Council budget row deepens</h1>" + lead + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article></body></html>"
    )
    page = extract_page(html, "https://daily.example/news/2024/03/05/council-budget-row-deepens")
    assert "delivery of emergency aid to flooded districts and to review" in page.text


def test_a_subheading_written_as_a_bare_div_between_paragraphs_stays():
    """trafilatura drops a text-only div between paragraphs: the story lost its subheadings."""
    body = "".join(f"<p>{p}</p>" for p in STORY[:4]) + "<div class='sub-head'>Who pays for the schools?</div>"
    body += "".join(f"<p>{p}</p>" for p in STORY[4:])
    html = (
        "<html><head><meta property='og:type' content='article'></head><body><article>"
        f"<h1>Council budget row deepens</h1>{body}</article></body></html>"
    )
    page = extract_page(html, "https://daily.example/news/2024/03/05/council-budget-row-deepens")
    paragraphs = page.text.split("\n\n")
    assert paragraphs.index("Who pays for the schools?") == 4 and paragraphs[-1] == STORY[-1]
