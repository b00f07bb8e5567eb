"""reports.fragments, the one implementation of the site's repeated HTML (cards, quotation and figure
pages' content, timelines, sparklines, pagers, article links): golden files pin the bytes, hostile data
checks that every untrusted value is escaped and only http(s) URLs become links.

Golden files live in tests/reports/golden/; after an intended change of the markup, rewrite them with
``pytest tests/reports/test_report_fragments.py --update-golden`` and review the diff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup
from support.report_world import Said, article, small_world, store_all

from db import reporting
from reports import charts, fragments
from reports.render import Renderer, month_groups
from reports.summary import FigureSummary

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = "<script>window.__pwned=1</script></textarea><img src=x onerror=\"x\"> & 'quotes' \"here\""


def hostile_world() -> list:
    """Hostile text in every field a card or a quotation page shows, carried by three articles."""
    said = [Said(HOSTILE + " end,", "<b onmouseover=alert(1)>Eve</b>", "<i>Eve</i>", "2020-01",
                 "<u>in</u> January & so", cue="<cue>"),
            Said("A plain one,", None, "an official", type="indirect")]
    return [
        article("javascript:alert(1)//", "<svg onload=alert(1)>", "2020-01-01", "</title><script>x</script>", said),
        article("https://ok.test/a?x=<y>&z=\"1\"", "Outlet & Co", "2020-02-03", None, said[:1]),
        article("https://ok.test/b", "Outlet & Co", "2020-02-04", "Second <em>carrier</em>", said[:1]),
    ]


@pytest.fixture
def quotations(engine):
    store_all(engine, small_world() + hostile_world())
    return [q for _, figure in reporting.iter_figure_quotations(engine, reporting.ReportFilter()) for q in figure]


def hostile_summary(n: int) -> FigureSummary:
    return FigureSummary(id=7, name=HOSTILE, kind="<person>", n=n, first="2017", last="2020-02", n_outlets=3,
                         monthly={"2017-11": 1, "2018-07": 2, "2020-01": 2}, spark="0,2 120,2",
                         taken="2020-02-04 00:00 UTC", href="people/7.html")


def assert_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} differs from its golden file"


def test_cards_match_their_golden_file(quotations, renderer, update_golden):
    assert_golden("cards.html", "".join(renderer.card(q) for q in quotations), update_golden)


def test_figure_pages_match_their_golden_file(quotations, renderer, update_golden):
    pages = list(renderer.figure_pages(hostile_summary(len(quotations)), quotations, budget=3000))
    assert [name for name, _ in pages][:2] == ["people/7.html", "people/7-2.html"]
    assert_golden("figure-pages.html", "\n<!-- next page -->\n".join(page for _, page in pages), update_golden)


def test_quotation_pages_match_their_golden_file(quotations, renderer, update_golden):
    multi = [q for q in quotations if q.n_carrying > 1]
    figures = [hostile_summary(1), FigureSummary(id=8, name="nobody & co", kind="person", n=1, first=None,
                                                 last=None, n_outlets=1, monthly={}, spark="", taken=None, href=None)]
    pages = [renderer.quotation_page(q, figure) for figure in figures for q in multi]
    assert_golden("quotation-pages.html", "\n<!-- next page -->\n".join(pages), update_golden)


@pytest.mark.parametrize("counts", [{}, {"2015-03": 1, "2020-01": 7, "2020-02": 2}])
def test_timeline_matches_its_golden_file(counts, update_golden):
    html = fragments.timeline_chart(charts.timeline(counts), "Quotations <per> month")
    assert_golden(f"timeline-{len(counts)}.html", str(html), update_golden)


def test_index_page_matches_its_golden_file(renderer, update_golden):
    figures = [hostile_summary(3), FigureSummary(id=3, name="Eve", kind="person", n=1, first="2018-07", last=None,
                                                 n_outlets=1, monthly={}, spark="", taken=None, href="people/3.html")]
    page = renderer.index_page(figures, "2025-01-01 00:00 UTC", reporting.ReportFilter())
    assert_golden("index.html", page, update_golden)


def test_outlet_pages_match_their_golden_file(engine, quotations, renderer, update_golden):
    outlets = list(reporting.iter_outlets(engine))
    pages = [renderer.outlet_page(o, [(1, 2, "<b>Eve</b>", "people/1.html"), (2, 1, "#2", None)]) for o in outlets]
    rows = [{"id": o.outlet_id, "name": o.name, "n_articles": o.n_articles, "n_mentions": o.n_mentions,
             "first": o.first, "last": o.last, "monthly": o.monthly} for o in outlets]
    pages.append(renderer.outlets_page(rows, "2025-01-01 00:00 UTC"))
    assert_golden("outlet-pages.html", "\n<!-- next page -->\n".join(pages), update_golden)


# --- hostile data ------------------------------------------------------------------------------------

def rendered_pages(quotations: list, renderer: Renderer) -> list[str]:
    summary = hostile_summary(len(quotations))
    pages = [page for _, page in renderer.figure_pages(summary, quotations, budget=3000)]
    pages += [renderer.quotation_page(q, summary) for q in quotations if q.n_carrying > 1]
    return pages + [renderer.index_page([summary], "<now>", reporting.ReportFilter(outlet="<o>"))]


def test_no_untrusted_markup_survives(quotations, renderer):
    for page in rendered_pages(quotations, renderer):
        scripts = re.findall(r"<script[^>]*>", page)
        assert all(re.fullmatch(r'<script src="\.\./assets/figure\.0\.js">|<script src="assets/index\.0\.js">', s)
                   for s in scripts), scripts
        for raw in ("</textarea>", "<img", "<svg onload", "<b onmouseover", "<i>Eve", "<cue>", "<em>", "<u>",
                    "<person>", "<o>", "<now>"):
            assert raw not in page
    cards = "".join(renderer.card(q) for q in quotations)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in cards and "&#39;quotes&#39; &#34;here&#34;" in cards


def test_only_web_urls_are_linked_and_their_quotes_escaped(quotations, renderer):
    cards = "".join(renderer.card(q) for q in quotations)
    assert 'href="javascript:' not in cards.lower()
    assert '<span class="unlinked" title="not an http(s) link">&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</span>' in cards
    assert 'href="https://ok.test/a?x=&lt;y&gt;&amp;z=&#34;1&#34;" rel="noopener noreferrer nofollow"' in cards


def test_a_card_corrected_by_hand_says_so(quotations, renderer):
    quotation = quotations[0]
    assert "corrected by hand" not in renderer.card(quotation)
    quotation.mentions[0].correction_id = 7
    assert '<dd class="corrected">corrected by hand</dd>' in renderer.card(quotation)


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:x", "data:text/html,x", "//evil.test/x",
                                 "/relative", "http://", "https://a b.test/", "vbscript:x"])
def test_only_web_urls_become_links(url):
    assert fragments.safe_href(url) is None
    assert fragments.article_link(url, None) == f'<span class="unlinked" title="not an http(s) link">{fragments.escape(url)}</span>'


def test_web_urls_become_links():
    assert fragments.safe_href(" https://ok.test/a?b=1 ") == "https://ok.test/a?b=1"
    assert fragments.article_link("https://ok.test/a?b=1&c", "<T>") == (
        '<a href="https://ok.test/a?b=1&amp;c" rel="noopener noreferrer nofollow">&lt;T&gt;</a>')


def test_an_index_of_5000_figures_stays_under_2_mb(renderer):
    """The index lists every figure in one filterable, sortable table: its rows must stay compact."""
    monthly = {f"{y}-{m:02d}": (y * m) % 17 for y in range(2000, 2025) for m in range(1, 13)}
    figures = [FigureSummary(id=i, name=f"Firstname Lastname-Long {i:05d}", kind="person", n=5000 - i,
                             first="2000-01-03", last="2024-12-30", n_outlets=40, monthly={},
                             spark=charts.sparkline(monthly), taken=None, href=f"people/{i}.html")
               for i in range(5000)]
    page = renderer.index_page(figures, "2025-01-01 00:00 UTC", reporting.ReportFilter())
    assert page.count("<tr data-name=") == 5000 and page.count('<svg class="spark"') == 5000
    assert len(page.encode("utf-8")) < 2_000_000


def test_sections_and_options_escape_their_text():
    cards = [Markup("<article>1</article>\n"), Markup("<article>2</article>\n")]
    quotations = [reporting.QuotationRow(1, 1, "a", None, None, 1, when="2018-07-02"),
                  reporting.QuotationRow(2, 1, "b", None, None, 1, when="<i>")]
    html = fragments.quote_sections(month_groups(quotations, cards))
    assert html.count('<section class="year"') == 2 and "<article>1</article>" in html and "<i>" not in html
    assert "<h3>July 2018</h3>" in html and "&lt;i&gt;" in html
    assert fragments.options([(3, "<b>Outlet</b>"), "x\"y"]) == (
        '<option value="3">&lt;b&gt;Outlet&lt;/b&gt;</option><option>x&#34;y</option>')


def test_sparkline_and_pager_escape_their_text():
    assert fragments.sparkline('0,2 "x"', "per <month>") == (
        '<svg class="spark" viewBox="0 0 120 24" aria-label="per &lt;month&gt;">'
        '<polyline points="0,2 &#34;x&#34;"/></svg>\n')
    assert fragments.sparkline("") == '<svg class="spark" viewBox="0 0 120 24"></svg>\n'
    assert fragments.pager_nav({"current": 1, "pages": ["7.html"]}) == ""
    assert fragments.pager_nav({"current": 2, "pages": ["7.html", "<x>.html"]}) == (
        '<nav class="pager" aria-label="Pages">\n<a href="7.html">1</a><span class="current">2</span></nav>\n')
