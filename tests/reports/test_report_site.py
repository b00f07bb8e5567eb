"""The report site built from fixture databases: pages, dates, downloads, filters, splitting, incremental
rebuilds and atomic replacement (no browser: see test_report_browser.py for what runs in Chromium)."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.report_world import TYRANT, Said, article, store_all

from db.reporting import ReportFilter
from reports import site as site_module
from reports.output import js_json
from reports.site import build_site


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))


def figure_href(out: Path, name: str) -> str:
    for record in manifest(out)["figures"].values():
        if record["summary"]["name"] == name:
            return record["summary"]["href"]
    raise AssertionError(f"{name} not in the report")


class Links(HTMLParser):
    """Every href/src and every script of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: list[dict] = []
        self.in_script = False
        self.inline = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "script":
            self.scripts.append(attrs)
            self.in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.inline += data


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text("utf-8"))
    return links


def test_figure_page_lists_every_quotation_in_time_order_with_its_sources(world, tmp_path):
    out = tmp_path / "site"
    stats = build_site(world, out, version="9.9.9")
    assert stats.full and stats.figures == 3 and stats.quotations == 7
    page = (out / figure_href(out, "John McCain")).read_text("utf-8")
    # time order: 2017 (year only), 2018-07, then 2019-03 (first seen)
    positions = [page.index(text) for text in ("Our country needs a strong defense",
                                               "No prior president", "The budget is a disgrace")]
    assert positions == sorted(positions)
    assert "2017, month unknown" in page and "July 2018" in page and "March 2019" in page
    assert "in July 2018" in page  # how the date was found
    assert "no date of saying found: first seen" in page  # the budget remark has no said_on
    assert "written “Senator McCain”" in page or "written “McCain”" in page
    assert 'href="https://example-news.test/2018/07/helsinki"' in page
    assert 'href="https://daily-paper.test/politics/summit"' in page
    assert "9.9.9" in page and "Data as of" in page
    # the quotation carried by two outlets has its own page
    quote_pages = list((out / "quotes").glob("*.html"))
    assert len(quote_pages) == 1
    spread = quote_pages[0].read_text("utf-8")
    assert TYRANT.rstrip(",") in spread and "Example News" in spread and "Daily Paper" in spread


def test_timeline_bars_add_up_to_the_quotations(world, tmp_path):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    page = (out / figure_href(out, "John McCain")).read_text("utf-8")
    bars = re.findall(r'<rect class="bar" x="([\d.]+)"[^>]*data-month="([\d-]+)" data-count="(\d+)"', page)
    assert {month: int(count) for _, month, count in bars} == {"2017-01": 1, "2018-07": 1, "2019-03": 1}
    # one continuous month axis: 2017-01 .. 2019-03 is 27 slots, so July 2018 sits 18 slots in
    x = {month: float(x) for x, month, _ in bars}
    slot = 800 / 27
    assert x["2017-01"] == 0 and abs(x["2018-07"] - 18 * slot) < 0.01 and abs(x["2019-03"] - 26 * slot) < 0.01


def test_index_search_outlets_and_downloads(world, tmp_path):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    index = (out / "index.html").read_text("utf-8")
    assert index.count('<tr data-name=') == 3 and "Armed Services Committee" in index
    assert "<svg class=\"spark\"" in index
    search = "".join(p.read_text("utf-8") for p in sorted((out / "search").glob("shard-*.js")))
    assert "abased himself" in search and "We will look at it very closely" in search  # unresolved too
    assert len(list((out / "outlets").glob("*.html"))) == 4  # three outlets and their index
    href = figure_href(out, "John McCain")
    figure_id = Path(href).stem
    rows = list(csv.DictReader(io.StringIO((out / f"downloads/{figure_id}.csv").read_text("utf-8"))))
    assert len(rows) == 4  # three quotations, one of them in two articles
    assert {r["outlet"] for r in rows} == {"Example News", "Daily Paper", "The Gazette"}
    data = json.loads((out / f"downloads/{figure_id}.json").read_text("utf-8"))
    assert data["figure"]["name"] == "John McCain" and len(data["quotations"]) == 3


def test_filters_min_quotes_outlet_and_dates(world, tmp_path):
    build_site(world, tmp_path / "a", version="1", report=ReportFilter(min_quotes=2))
    names = {r["summary"]["name"] for r in manifest(tmp_path / "a")["figures"].values() if r["summary"]["href"]}
    assert names == {"John McCain", "Donald Trump"}

    build_site(world, tmp_path / "b", version="1", report=ReportFilter(outlet="The Gazette"))
    listed = {r["summary"]["name"]: r["summary"]["n"]
              for r in manifest(tmp_path / "b")["figures"].values() if r["summary"]["href"]}
    assert listed == {"John McCain": 1, "Armed Services Committee": 1}
    assert [p.name for p in (tmp_path / "b" / "outlets").glob("*.html") if p.name != "index.html"] != []

    build_site(world, tmp_path / "c", version="1", report=ReportFilter(since="2018-07", until="2018-12"))
    listed = {r["summary"]["name"]: r["summary"]["n"]
              for r in manifest(tmp_path / "c")["figures"].values() if r["summary"]["href"]}
    assert listed == {"John McCain": 1, "Donald Trump": 1}


def test_untrusted_text_is_escaped_and_only_web_links_are_links(engine, tmp_path):
    hostile = "<script>window.__pwned=1</script></textarea><img src=x onerror=\"window.__pwned=1\">"
    record, quotes = article("javascript:window.__pwned=1//", "<svg onload=alert(1)>", "2020-01-01",
                             "</title><script>alert(1)</script>",
                             [Said(hostile + " end,", "<b onmouseover=alert(1)>Eve</b>", "Eve")])
    store_all(engine, [(record, quotes)])
    out = tmp_path / "site"
    build_site(engine, out, version="1")
    for page in out.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "<script>window.__pwned" not in text and "<script>alert" not in text, page
        assert "<img src=x" not in text and "<svg onload" not in text and "<b onmouseover" not in text, page
        links = parse(page)
        for href in links.hrefs:
            assert not href.lower().startswith(("javascript:", "data:", "vbscript:")), (page, href)
            assert re.match(r"^(https?://|[\w./-]+\.(html|csv|json|css)$)", href), (page, href)
        assert links.inline.strip() == "", f"inline script in {page}"
        assert all(s.get("src") and "://" not in s["src"] for s in links.scripts), page
        assert "script-src 'self'" in text
    for shard in (out / "search").glob("*.js"):
        body = shard.read_text("utf-8")
        assert "</script" not in body.lower() and "<!--" not in body and "\u2028" not in body


def test_csv_download_cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(engine, tmp_path):
    formula = '=HYPERLINK("http://evil.test","click")'
    record, quotes = article("https://x.test/1", "+Outlet", "2020-01-01", "@SUM(A1)",
                             [Said(formula, "-Eve Formula", "@Eve", cue="=said"), Said("Plain words,", "-Eve Formula")])
    store_all(engine, [(record, quotes)])
    out = tmp_path / "site"
    build_site(engine, out, version="1")
    rows = list(csv.DictReader(io.StringIO((out / f"{figure_href(out, '-Eve Formula')}"
                                            .replace("people/", "downloads/").replace(".html", ".csv"))
                                           .read_text("utf-8"))))
    risky = next(r for r in rows if "HYPERLINK" in r["text"])
    assert risky["text"] == "'" + formula and risky["speaker_as_written"] == "'@Eve" and risky["cue"] == "'=said"
    assert risky["outlet"] == "'+Outlet" and risky["article_title"] == "'@SUM(A1)"
    assert risky["figure"] == risky["speaker_resolved"] == "'-Eve Formula"
    plain = next(r for r in rows if r["text"] == "Plain words,")
    assert plain["article_url"] == "https://x.test/1" and plain["confidence"] == "0.9"
    data = json.loads((out / figure_href(out, "-Eve Formula").replace("people/", "downloads/")
                       .replace(".html", ".json")).read_text("utf-8"))
    assert formula in [q["text"] for q in data["quotations"]]  # JSON is data, not a spreadsheet: unchanged


def test_js_json_cannot_end_a_script_or_a_line():
    text = js_json(["</script><!-- x", "a\u2028b\u2029c", "&amp;"])
    assert "</" not in text and "<!--" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == ["</script><!-- x", "a\u2028b\u2029c", "&amp;"]


def test_prolific_figure_pages_are_split_under_the_budget(engine, tmp_path, monkeypatch):
    vocabulary = ("budget war harbour tariff river school vaccine election border pension climate railway "
                  "farmers bankers nurses soldiers courts prices wages taxes bridges ports miners judges "
                  "children voters markets houses energy water").split()
    rng = random.Random(7)
    said = [Said(f"Statement {i}: " + " ".join(rng.sample(vocabulary, 12)) + ",",
                 "Prolific Speaker", "Speaker", f"2020-{1 + i % 12:02d}", "this month") for i in range(60)]
    store_all(engine, [article(f"https://p.test/{i}", "P Times", "2020-12-01", f"Story {i}", said[i:i + 6])
                       for i in range(0, 60, 6)])
    monkeypatch.setattr(site_module, "PAGE_BUDGET", 20_000)
    out = tmp_path / "site"
    build_site(engine, out, version="1")
    pages = sorted((out / "people").glob("*.html"))
    assert len(pages) >= 3
    found = set()
    for page in pages:
        text = page.read_text("utf-8")
        cards = re.findall(r'<article class="quote"', text)
        assert len(text.encode()) < 20_000 + 15_000  # the cards' budget plus the page's chrome
        assert 'class="pager"' in text and cards
        found.update(re.findall(r"Statement (\d+):", text))
    assert found == {str(i) for i in range(60)}


def test_rerun_rebuilds_only_the_pages_new_data_touches(world, tmp_path):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    trump = out / figure_href(out, "Donald Trump")
    mccain = out / figure_href(out, "John McCain")
    trump_inode, mccain_before = trump.stat().st_ino, mccain.read_text("utf-8")
    [spread] = (out / "quotes").glob("*.html")  # McCain's quotation carried by two outlets
    spread_inode = spread.stat().st_ino

    same = build_site(world, out, version="1")
    assert not same.full and same.figures_reread == 0
    assert trump.stat().st_ino == trump_inode  # hard-linked from the previous build, not rewritten

    store_all(world, [article("https://the-gazette.test/2020/new", "The Gazette", "2020-05-01", "New", [
        Said("Courage is not the absence of fear,", "John McCain", "McCain", "2020-05", "in May 2020")])])
    stats = build_site(world, out, version="1")
    assert not stats.full and stats.figures == 1
    assert trump.stat().st_ino == trump_inode
    assert spread.stat().st_ino == spread_inode  # McCain changed, but not this quotation's own page
    assert "Courage is not the absence of fear" in mccain.read_text("utf-8") != mccain_before
    assert "Courage is not the absence" in "".join(p.read_text("utf-8") for p in (out / "search").glob("*.js"))
    assert manifest(out)["pages"][figure_href(out, "John McCain")] != manifest(out)["pages"][
        figure_href(out, "Donald Trump")]

    upgraded = build_site(world, out, version="2")  # a new tracker version re-renders everything
    assert upgraded.full and trump.stat().st_ino != trump_inode


def test_failed_build_leaves_the_previous_site_and_no_debris(world, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(site_module._SiteBuild, "_build_indexes", explode)
    with pytest.raises(RuntimeError):
        build_site(world, out, version="1", full=True)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if "building" in p.name]  # the build directory was removed


def test_quotes_report_command(world, tmp_path):
    from typer.testing import CliRunner

    from tracker.cli import app

    url = str(world.url)
    out = tmp_path / "cli-site"
    result = CliRunner().invoke(app, ["report", "--out", str(out), "--db", url, "--min-quotes", "2"])
    assert result.exit_code == 0, result.output
    assert "index.html" in result.output and (out / "index.html").is_file()
    bad = CliRunner().invoke(app, ["report", "--out", str(out), "--db", url, "--since", "July"])
    assert bad.exit_code != 0 and "YYYY" in bad.output


def test_worker_processes_write_the_same_site_as_one_process(world, tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    build_site(world, serial, version="1", workers=1)
    stats = build_site(world, parallel, version="1", workers=2)
    assert stats.pages_rendered > 10
    files = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file() and p.name != "manifest.json")
    assert files == sorted(p.relative_to(parallel) for p in parallel.rglob("*")
                           if p.is_file() and p.name != "manifest.json")
    for relative in files:
        if relative.suffix == ".html" and relative.name not in ("index.html", "search.html"):
            assert (serial / relative).read_bytes() == (parallel / relative).read_bytes(), relative
    assert manifest(serial)["figures"] == manifest(parallel)["figures"]


def test_background_cleanup_removes_the_replaced_site(world, tmp_path):
    import time

    out = tmp_path / "site"
    build_site(world, out, version="1")
    build_site(world, out, version="1", full=True, background_cleanup=True)
    assert (out / "index.html").is_file()
    deadline = time.monotonic() + 20
    while [p for p in tmp_path.iterdir() if ".retired-" in p.name] and time.monotonic() < deadline:
        time.sleep(0.1)
    while not (tmp_path / ".site.spare").is_dir() and time.monotonic() < deadline:  # made in the background
        time.sleep(0.1)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".site.lock", ".site.spare"]
    assert site_files(tmp_path / ".site.spare") == site_files(out)


def site_files(out: Path) -> dict[str, bytes]:
    """Every file of a site but its manifest (which names the build), by path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.name != "manifest.json"}


NEW_ARTICLES = [
    article("https://the-gazette.test/2020/new", "The Gazette", "2020-05-01", "New", [
        Said("Courage is not the absence of fear,", "John McCain", "McCain", "2020-05", "in May 2020")]),
    article("https://daily-paper.test/2020/trade", "Daily Paper", "2020-06-01", "Trade", [
        Said("Trade wars are good, and easy to win,", "Donald Trump", "Trump", "2020-06", "in June 2020"),
        Said(TYRANT, "John McCain", "McCain", "2018-07", "in July 2018")]),
]


def test_reruns_build_into_the_spare_and_give_the_full_build_site(world, tmp_path):
    """After a full build a hard-linked spare copy exists; each rerun brings it up to date, writes only
    what changed into it and swaps it in. The site is then exactly what a full build writes."""
    from db.people import merge_people

    out = tmp_path / "site"
    build_site(world, out, version="1")
    assert site_files(tmp_path / ".site.spare") == site_files(out)
    for number, new in enumerate(NEW_ARTICLES):
        store_all(world, [new])
        stats = build_site(world, out, version="1")
        assert stats.in_place and not stats.full and stats.files_reused > 0
        build_site(world, tmp_path / f"full-{number}", version="1", full=True)
        assert site_files(out) == site_files(tmp_path / f"full-{number}")
    trump_page = out / figure_href(out, "Donald Trump")
    merge_people(world, "Donald Trump", "John McCain")  # Trump's pages leave the site
    stats = build_site(world, out, version="1")
    assert stats.in_place and not trump_page.exists()
    build_site(world, tmp_path / "full-merged", version="1", full=True)
    assert site_files(out) == site_files(tmp_path / "full-merged")


def test_building_into_the_spare_never_alters_the_live_site(world, tmp_path, monkeypatch):
    """The spare shares its files with the live site by hard links: a changed page must be a new file,
    never the shared one rewritten, or readers would see the new site before the swap."""
    from reports import output

    out = tmp_path / "site"
    build_site(world, out, version="1")
    before = site_files(out)
    seen_at_swap = {}
    real_swap = output.swap_in

    def check_then_swap(build_dir, live, **kwargs):
        seen_at_swap.update(site_files(live))
        return real_swap(build_dir, live, **kwargs)

    monkeypatch.setattr(output, "swap_in", check_then_swap)
    store_all(world, NEW_ARTICLES[:1])
    assert build_site(world, out, version="1").in_place
    assert seen_at_swap == before
    assert site_files(out) != before


def test_a_prolific_figure_in_a_rerun_has_its_pages_written_by_a_fork(world, tmp_path, monkeypatch):
    """Above SPLIT_QUOTATIONS a rerun forks a process for the figure's pages; the site is the same."""
    monkeypatch.setattr(site_module, "SPLIT_QUOTATIONS", 1)
    forks = []
    real_fork = site_module._Renderers._fork_pages

    def counting_fork(self, result, quotations):
        forks.append(result.summary.name)
        return real_fork(self, result, quotations)

    monkeypatch.setattr(site_module._Renderers, "_fork_pages", counting_fork)
    out = tmp_path / "site"
    build_site(world, out, version="1")
    forks.clear()
    store_all(world, NEW_ARTICLES)
    assert build_site(world, out, version="1").in_place
    assert sorted(forks) == ["Donald Trump", "John McCain"]  # the two figures the new articles touch
    build_site(world, tmp_path / "full", version="1", full=True)
    assert site_files(out) == site_files(tmp_path / "full")
    assert set(manifest(out)["pages"]) == set(manifest(tmp_path / "full")["pages"])


def test_a_failing_forked_page_writer_fails_the_build_and_leaves_the_site(world, tmp_path, monkeypatch):
    monkeypatch.setattr(site_module, "SPLIT_QUOTATIONS", 1)
    out = tmp_path / "site"
    build_site(world, out, version="1")
    before = site_files(out)
    real_write = site_module.FigureWriter.write

    def failing_pages(self, summary, quotations, key, parts=site_module.ALL_PARTS):
        if parts == ("pages",):
            raise OSError("disk full")
        return real_write(self, summary, quotations, key, parts)

    monkeypatch.setattr(site_module.FigureWriter, "write", failing_pages)
    store_all(world, NEW_ARTICLES[:1])
    with pytest.raises(RuntimeError, match="disk full"):
        build_site(world, out, version="1")
    assert site_files(out) == before
    monkeypatch.undo()
    assert build_site(world, out, version="1").figures == 1  # the next run completes what was cut off
    assert "Courage is not the absence of fear" in (out / figure_href(out, "John McCain")).read_text("utf-8")


def test_two_builds_of_one_site_take_turns(world, tmp_path):
    import threading

    from reports.output import build_lock

    out = tmp_path / "site"
    build_site(world, out, version="1")
    results = []
    with build_lock(out):  # another build is running
        worker = threading.Thread(target=lambda: results.append(build_site(world, out, version="1")))
        worker.start()
        worker.join(0.5)
        assert worker.is_alive() and not results  # waiting for the lock
    worker.join(30)
    assert results and results[0].lock_wait >= 0.4


@pytest.mark.parametrize("damage", ["interrupted", "unrelated"])
def test_an_unusable_spare_is_replaced_and_the_rerun_links_the_site_instead(world, tmp_path, damage):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    spare = tmp_path / ".site.spare"
    if damage == "interrupted":  # a build into the spare was cut off: its manifest is deleted first
        (spare / "manifest.json").unlink()
    else:  # a spare from some other build of this site
        (spare / "manifest.json").unlink()
        (spare / "manifest.json").write_text(json.dumps({"generation": "elsewhere"}), "utf-8")
    store_all(world, NEW_ARTICLES[:1])
    stats = build_site(world, out, version="1")
    assert not stats.in_place and not stats.full
    build_site(world, tmp_path / "full", version="1", full=True)
    assert site_files(out) == site_files(tmp_path / "full")
    store_all(world, NEW_ARTICLES[1:])
    assert build_site(world, out, version="1").in_place  # the replaced site became the spare


def test_docs_describe_every_report_option_and_csv_column():
    """docs/reports.md stays honest: every option of `quotes report` and every CSV column is explained."""
    from typer.main import get_command

    from reports.site import CSV_COLUMNS
    from tracker.cli import app

    docs = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text("utf-8")
    options = [opt for param in get_command(app).commands["report"].params for opt in param.opts
               if opt.startswith("--") and opt != "--help"]
    assert options and [o for o in options if f"`{o}" not in docs] == []
    assert [c for c in CSV_COLUMNS if f"`{c}`" not in docs] == []
    for image in re.findall(r"\]\((screenshots/[^)]+)\)", docs):
        assert (Path(__file__).resolve().parents[2] / "docs" / image).is_file(), image


@pytest.mark.postgres
def test_postgres_builds_the_same_report_as_sqlite(postgres_url, world, tmp_path):
    from support.report_world import small_world

    from db.engine import open_engine

    pg = open_engine(postgres_url)
    try:
        store_all(pg, small_world())
        build_site(pg, tmp_path / "pg", version="1")
    finally:
        pg.dispose()
    build_site(world, tmp_path / "sqlite", version="1")

    def figures(out):
        return sorted((r["summary"]["name"], r["summary"]["n"], r["summary"]["first"], r["summary"]["last"],
                       r["summary"]["n_outlets"], r["summary"]["spark"])
                      for r in manifest(out)["figures"].values())

    assert figures(tmp_path / "pg") == figures(tmp_path / "sqlite")
    mccain = (tmp_path / "pg" / figure_href(tmp_path / "pg", "John McCain")).read_text("utf-8")
    assert "abased himself" in mccain and "<time>2018-07</time>" in mccain


def test_a_page_deleted_from_the_site_is_rendered_again(world, tmp_path):
    out = tmp_path / "site"
    build_site(world, out, version="1")
    page = out / figure_href(out, "Donald Trump")
    text = page.read_text("utf-8")
    page.unlink()
    stats = build_site(world, out, version="1")
    assert not stats.full and page.read_text("utf-8") == text


def test_an_empty_database_gives_an_empty_but_working_site(engine, tmp_path):
    from db.records import ArticleRecord
    from db.store import store_article

    store_article(engine, ArticleRecord(url="https://x.test/unattributed", text="No quotes here yet."), None)
    out = tmp_path / "site"
    stats = build_site(engine, out, version="1")
    assert stats.quotations == 0 and (out / "index.html").is_file() and (out / "search.html").is_file()
    assert "0 public figures" in (out / "index.html").read_text("utf-8")
    assert build_site(engine, out, version="1").pages_rendered == 3  # index, outlets index, search


def test_postgres_parallel_partitions_build_the_same_site(postgres_url, tmp_path):
    """The full build's partitions (figure id modulo the processes) read PostgreSQL at once, too."""
    from support.report_world import small_world

    from db.engine import open_engine

    pg = open_engine(postgres_url)
    try:
        store_all(pg, small_world())
        build_site(pg, tmp_path / "one", version="1", workers=1)
        build_site(pg, tmp_path / "two", version="1", workers=2)
    finally:
        pg.dispose()
    assert manifest(tmp_path / "one")["figures"] == manifest(tmp_path / "two")["figures"]
    for page in (tmp_path / "one").rglob("*.html"):
        relative = page.relative_to(tmp_path / "one")
        if relative.name not in ("index.html", "search.html"):
            assert page.read_bytes() == (tmp_path / "two" / relative).read_bytes(), relative


def test_rerun_keeps_the_search_lines_of_unchanged_figures(world, tmp_path, monkeypatch):
    monkeypatch.setattr(site_module, "N_SHARDS", 1)  # every figure's entries in one search file
    out, full = tmp_path / "site", tmp_path / "full"
    build_site(world, out, version="1")
    n_figures = len(manifest(out)["figures"])
    store_all(world, [article("https://the-gazette.test/2020/new", "The Gazette", "2020-05-01", "New", [
        Said("Courage is not the absence of fear,", "John McCain", "McCain", "2020-05", "in May 2020")])])
    stats = build_site(world, out, version="1")
    assert stats.figures_reread == 1  # McCain only: the other figures' lines come from the previous file
    build_site(world, full, version="1", full=True)
    shard = "search/shard-00.js"
    assert (out / shard).read_text("utf-8") == (full / shard).read_text("utf-8")

    (out / shard).unlink()
    (out / shard).write_text("damaged", "utf-8")  # a file that does not match the manifest is not trusted
    store_all(world, [article("https://the-gazette.test/2020/newer", "The Gazette", "2020-06-01", "Newer", [
        Said("We must never give up,", "John McCain", "McCain", "2020-06", "in June 2020")])])
    stats = build_site(world, out, version="1")
    assert stats.figures_reread == n_figures
    build_site(world, full, version="1", full=True)
    assert (out / shard).read_text("utf-8") == (full / shard).read_text("utf-8")


def test_reading_chosen_figures_includes_people_merged_into_them(world):
    from sqlalchemy import select, update

    from db import reporting
    from db.models import Person

    with world.begin() as conn:
        ids = dict(conn.execute(select(Person.name, Person.id)).all())
        conn.execute(update(Person).where(Person.id == ids["Donald Trump"]).values(merged_into_id=ids["John McCain"]))
    report = reporting.ReportFilter()
    everyone = dict(reporting.iter_figure_quotations(world, report))
    chosen = dict(reporting.iter_figure_quotations(world, report, [ids["John McCain"], reporting.UNATTRIBUTED]))
    assert set(chosen) == {ids["John McCain"], reporting.UNATTRIBUTED}
    for fid, quotations in chosen.items():
        assert [q.quotation_id for q in quotations] == [q.quotation_id for q in everyone[fid]]
    assert any("great economy" in q.text for q in chosen[ids["John McCain"]])  # Trump's, merged into McCain
