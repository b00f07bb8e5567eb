"""The generated site in headless Chromium (Debian's, via Playwright), opened from file://.

Screenshots go to test-artifacts/ at the repository root.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.report_world import Said, article, store_all

from reports.site import build_site

pytestmark = pytest.mark.browser

PAYLOAD = "window.__pwned = 1"
HOSTILE_QUOTE = (f"<script>{PAYLOAD}</script></textarea><img src=x onerror=\"{PAYLOAD}\"> and "
                 f"<a href=\"javascript:{PAYLOAD}\">click</a>, we say,")


def figure_hrefs(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {r["summary"]["name"]: r["summary"]["href"] for r in manifest["figures"].values() if r["summary"]["href"]}


def open_page(browser, path: Path, query: str = ""):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(path.as_uri() + query)
    return page


def test_index_filter_and_sort(world, tmp_path, browser, artifacts):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    page = open_page(browser, out / "index.html")
    rows = page.locator("#figures tbody tr:not(.hidden)")
    assert rows.count() == 3
    page.screenshot(path=str(artifacts / "report-index.png"), full_page=True)
    page.fill("#filter", "mcc")
    assert rows.count() == 1 and "John McCain" in rows.first.inner_text()
    assert page.inner_text("#shown") == "1 of 3 shown"
    page.fill("#filter", "")
    page.click("#figures th:has-text('Quotations')")  # sort by count, largest first
    counts = [int(c) for c in page.locator("#figures tbody td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    page.click("#figures th:has-text('Quotations')")
    counts = [int(c) for c in page.locator("#figures tbody td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts)
    assert page.errors == []


def test_figure_page_timeline_matches_cards_and_filters_work(world, tmp_path, browser, artifacts):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    page = open_page(browser, out / figure_hrefs(out)["John McCain"])
    page.screenshot(path=str(artifacts / "report-figure.png"), full_page=True)
    bars = page.eval_on_selector_all(
        "figure.timeline rect.bar",
        "rects => rects.map(r => [r.dataset.month, +r.dataset.count, r.getBBox().height])")
    cards = page.eval_on_selector_all("article.quote", "cards => cards.length")
    assert sum(count for _, count, _ in bars) == cards == 3
    drawn = {month: height for month, count, height in bars if count}
    assert set(drawn) == {"2017-01", "2018-07", "2019-03"} and all(h > 0 for h in drawn.values())
    assert all(height == 0 for _, count, height in bars if not count)

    page.select_option("#f-year", "2018")
    assert page.locator("article.quote:not(.hidden)").count() == 1
    page.select_option("#f-year", "")
    page.fill("#f-text", "budget")
    visible = page.locator("article.quote:not(.hidden)")
    assert visible.count() == 1 and "disgrace" in visible.first.inner_text()
    page.fill("#f-text", "")
    page.select_option("#f-type", "indirect")
    assert page.locator("article.quote:not(.hidden)").count() == 1
    assert page.errors == []


def test_search_page_finds_a_quotation(world, tmp_path, browser, artifacts):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    page = open_page(browser, out / "search.html")
    page.fill("#q", "abjectly tyrant")
    page.wait_for_selector("#results li")
    results = page.locator("#results li")
    assert results.count() == 1
    assert "John McCain" in results.first.inner_text() and "2018-07" in results.first.inner_text()
    page.screenshot(path=str(artifacts / "report-search.png"), full_page=True)
    results.first.locator("a", has_text="John McCain").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "John McCain"
    assert page.errors == []


def test_hostile_input_runs_no_script_and_links_no_javascript(engine, tmp_path, browser, artifacts):
    store_all(engine, [
        article(f"javascript:{PAYLOAD}//", f"<svg onload=\"{PAYLOAD}\">Evil Outlet", "2021-02-03",
                f"</title><script>{PAYLOAD}</script>",
                [Said(HOSTILE_QUOTE, f"<img src=x onerror=\"{PAYLOAD}\">Mallory", "Mallory"),
                 Said("</textarea><script>alert(1)</script> is what we said,", "Mallory", "she")]),
        article(f"https://evil.test/a?q=\"><script>{PAYLOAD}</script>", "<script>alert(1)</script>",
                "2021-02-04", "javascript:alert(1)",
                [Said(HOSTILE_QUOTE, f"<img src=x onerror=\"{PAYLOAD}\">Mallory", "Mallory")]),
    ])
    out = tmp_path / "site"
    build_site(engine, out, version="1")
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 6
    dialogs: list[str] = []
    for path in pages:
        for query in ("", "?q=script") if path.name == "search.html" else ("",):
            page = open_page(browser, path, query)
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.wait_for_timeout(100)
            assert page.evaluate("window.__pwned") is None, path
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            assert all(h.startswith(("http://", "https://", "file://")) for h in hrefs), (path, hrefs)
            injected = page.eval_on_selector_all("img, svg[onload], script:not([src])", "els => els.length")
            assert injected == 0, path
            if path.name == "search.html" and query:
                assert page.locator("#results li").count() >= 1  # the payload text is shown, as text
                page.screenshot(path=str(artifacts / "report-hostile-search.png"), full_page=True)
            page.close()
    assert dialogs == []
    figure = open_page(browser, out / figure_hrefs(out)["<img src=x onerror=\"window.__pwned = 1\">Mallory"])
    assert "<script>window.__pwned = 1</script>" in figure.inner_text("article.quote blockquote >> nth=0")
    figure.screenshot(path=str(artifacts / "report-hostile-figure.png"), full_page=True)
