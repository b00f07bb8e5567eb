"""reports.fragments renders the hot fragments in plain Python: byte for byte what the Jinja2 macros and
templates (the readable reference, autoescape on) render from the same data, hostile data included."""

from __future__ import annotations

import pytest
from markupsafe import Markup
from support.report_world import Said, article, small_world, store_all

from db import reporting
from reports import charts, fragments
from reports.render import Renderer, month_groups

HOSTILE = "<script>window.__pwned=1</script></textarea><img src=x onerror=\"x\"> & 'quotes' \"here\""


def hostile_world() -> list:
    """Hostile text in every field a card or a quotation page shows, carried by two articles."""
    said = [Said(HOSTILE + " end,", "<b onmouseover=alert(1)>Eve</b>", "<i>Eve</i>", "2020-01",
                 "<u>in</u> January & so", cue="<cue>"),
            Said("A plain one,", None, "an official", type="indirect")]
    paywalled = article("https://ok.test/b?utm_source=feed", "Outlet & Co", "2020-02-04", "Second <em>carrier</em>",
                        said[:1])
    paywalled[0].paywalled, paywalled[0].canonical_url = True, "https://ok.test/b-canonical"
    return [
        article("javascript:alert(1)//", "<svg onload=alert(1)>", "2020-01-01", "</title><script>x</script>", said),
        article("https://ok.test/a?x=<y>&z=\"1\"", "Outlet & Co", "2020-02-03", None, said[:1]),
        paywalled,
    ]


@pytest.fixture
def quotations(engine):
    store_all(engine, small_world() + hostile_world())
    return [q for _, figure in reporting.iter_figure_quotations(engine, reporting.ReportFilter()) for q in figure]


def test_quote_cards_equal_the_macro(quotations):
    renderer = Renderer("1")
    macro = renderer.macros.quote_card
    for quotation in quotations:
        view = {"year": (quotation.when or "unknown")[:4],
                "types": " ".join(sorted({m.type for m in quotation.mentions})),
                "outlets": " ".join(sorted({str(m.outlet_id) for m in quotation.mentions
                                            if m.outlet_id is not None})),
                "n_articles": len({m.article_id for m in quotation.mentions})}
        assert str(renderer.card(quotation)) == str(macro(quotation, view))
    rendered = "".join(renderer.card(q) for q in quotations)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered and 'href="javascript:' not in rendered


def test_a_card_corrected_by_hand_says_so_and_equals_the_macro(quotations):
    renderer = Renderer("1")
    quotation = quotations[0]
    view = {"year": (quotation.when or "unknown")[:4], "types": " ".join(sorted({m.type for m in quotation.mentions})),
            "outlets": " ".join(sorted({str(m.outlet_id) for m in quotation.mentions if m.outlet_id is not None})),
            "n_articles": len({m.article_id for m in quotation.mentions})}
    assert "corrected by hand" not in str(renderer.card(quotation))
    quotation.mentions[0].correction_id = 7
    card = str(renderer.card(quotation))
    assert "corrected by hand" in card and card == str(renderer.macros.quote_card(quotation, view))


def test_cards_link_the_canonical_url_and_mark_paywalled_articles(quotations):
    renderer = Renderer("1")
    rendered = "".join(renderer.card(q) for q in quotations)
    assert 'href="https://ok.test/b-canonical"' in rendered and "utm_source" not in rendered
    assert rendered.count('<span class="paywall">paywalled</span>') == 1  # the one paywalled article
    assert 'href="https://ok.test/a?x=&lt;y&gt;' in rendered  # no canonical URL: the fetched one


def test_outlet_pages_mark_paywalled_articles(engine, quotations):
    renderer = Renderer("1")
    renderer.assets = {name: name for name in ("site.css", "figure.js", "index.js", "search.js")}
    (outlet,) = [o for o in reporting.iter_outlets(engine) if o.name == "Outlet & Co"]
    assert outlet.n_paywalled == 1
    page = renderer.outlet_page(outlet, [])
    assert "1 of the articles paywalled" in page and page.count('<span class="paywall">paywalled</span>') == 1
    assert 'href="https://ok.test/b-canonical"' in page


def test_quotation_pages_equal_the_template(quotations):
    renderer = Renderer("1")
    renderer.assets = {"site.css": "site.0.css"}
    multi = [q for q in quotations if len({m.article_id for m in q.mentions}) > 1]
    assert any(HOSTILE in q.text for q in multi)
    for figure in ({"name": "<b>Eve</b>", "href": "people/7.html", "taken": "2020-01-01 00:00 UTC"},
                   {"name": "nobody & co", "href": None, "taken": None}):
        for quotation in multi:
            assert renderer.quotation_page(quotation, figure) == renderer.quotation_page_reference(quotation, figure)


@pytest.mark.parametrize("pages", [["7.html"], ["7.html", "7-2.html", "7-3.html"]])
@pytest.mark.parametrize(("n", "n_outlets"), [(1, 1), (2, 3)])
def test_figure_pages_equal_the_template(quotations, pages, n, n_outlets):
    renderer = Renderer("1")
    renderer.assets = {"site.css": "site.0.css", "figure.js": "figure.0.js"}
    summary = {"id": 7, "name": HOSTILE, "kind": "person", "n": n, "n_outlets": n_outlets, "first": "2018-07",
               "last": None, "taken": "2020-01-01 00:00 UTC", "monthly": {"2018-07": 1}, "href": "people/7.html"}
    quotes = fragments.quote_sections(month_groups(quotations, [renderer.card(q) for q in quotations]))
    line = fragments.timeline_chart(charts.timeline(summary["monthly"]), "Quotations per month")
    filters = {"years": fragments.options(["2018", "<2019>"]), "outlets": fragments.options([(3, "A & B")]),
               "types": fragments.options(["direct"])}
    for current in range(1, len(pages) + 1):
        pager = {"current": current, "pages": pages}
        content = fragments.figure_content(summary, quotes, line, pager, filters, 5, 11)
        page = renderer._in_shell("figure", "../", summary["taken"], summary["name"], content,
                                  Markup('<script src="../assets/figure.0.js"></script>'))
        assert page == renderer.figure_page_reference(summary, quotes, line, pager, filters, 5, 11)
    assert "<script>window" not in page


def test_a_figure_page_from_figure_pages_is_the_template_page(quotations):
    renderer = Renderer("1")
    renderer.assets = {"site.css": "site.0.css", "figure.js": "figure.0.js"}
    summary = {"id": 3, "name": "Eve", "kind": "person", "n": len(quotations), "n_outlets": 2, "first": "2017",
               "last": "2020-02", "taken": None, "monthly": {"2018-07": 2, "2020-01": 1}, "href": "people/3.html"}
    [(name, page)] = list(renderer.figure_pages(summary, quotations, budget=10**9))
    assert name == "people/3.html" and 'class="pager"' not in page
    assert '<script src="../assets/figure.0.js"></script>' in page and page.count("<h1>Eve</h1>") == 1


@pytest.mark.parametrize("counts", [{}, {"2020-01": 3}, {"2015-03": 1, "2020-01": 7, "2020-02": 2},
                                    {f"{y}-{m:02d}": y % 5 + m for y in range(2001, 2025) for m in (1, 6, 12)}])
def test_timeline_chart_equals_the_macro(counts):
    line = charts.timeline(counts)
    label = "Quotations <per> month"
    assert str(fragments.timeline_chart(line, label)) == str(Renderer("1").macros.timeline_chart(line, label))


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:x", "data:text/html,x", "//evil.test/x",
                                 "/relative", "http://", "https://a b.test/", "vbscript:x"])
def test_only_web_urls_become_links(url):
    assert fragments.safe_href(url) is None


def test_web_urls_become_links():
    assert fragments.safe_href(" https://ok.test/a?b=1 ") == "https://ok.test/a?b=1"


def test_an_index_of_5000_figures_stays_under_2_mb():
    """The index lists every figure in one filterable, sortable table: its rows must stay compact."""
    renderer = Renderer("1")
    renderer.assets = {"site.css": "site.0.css", "index.js": "index.0.js"}
    monthly = {f"{y}-{m:02d}": (y * m) % 17 for y in range(2000, 2025) for m in range(1, 13)}
    figures = [{"id": i, "name": f"Firstname Lastname-Long {i:05d}", "kind": "person", "n": 5000 - i,
                "first": "2000-01-03", "last": "2024-12-30", "n_outlets": 40, "spark": charts.sparkline(monthly),
                "href": f"people/{i}.html"} for i in range(5000)]
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


@pytest.mark.parametrize("points", ["", "0,2 120,2", "0,7 5,8 10,9"])
def test_sparkline_equals_the_macro(points):
    assert fragments.sparkline(points) == str(Renderer("1").macros.sparkline(points))


def test_index_rows_escape_names():
    rows = fragments.index_rows([{"name": "<B>Eve</B> & Co", "href": "people/3.html", "kind": "<person>", "n": 2,
                                  "first": "2018-07", "last": None, "n_outlets": 1, "spark": "0,2 120,2"}])
    assert rows.startswith('<tr data-name="&lt;b&gt;eve&lt;/b&gt; &amp; co"><td><a href="people/3.html">')
    assert "<B>" not in rows and "&lt;person&gt;" in rows and '<polyline points="0,2 120,2"/>' in rows
