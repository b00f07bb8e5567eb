"""Jinja2 rendering of the report pages: autoescape on, StrictUndefined, one base layout.

Every string that reaches a page came from the web, so nothing is marked safe except HTML this module
rendered itself from escaped templates; links are emitted only for http(s) URLs (:func:`safe_href`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from db.reporting import OutletSummary, QuotationRow, ReportFilter
from reports import charts, fragments
from reports.fragments import format_date, safe_href
from reports.summary import FigureSummary

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
SHELL_TITLE, SHELL_CONTENT, SHELL_SCRIPTS = "\x00title\x00", "\x00content\x00", "\x00scripts\x00"  # never escaped out


def _source_fingerprint() -> str:
    """Hash of templates, static files and this package's code: any change forces a full rebuild."""
    sha = hashlib.sha256()
    for directory, pattern in ((TEMPLATE_DIR, "*"), (STATIC_DIR, "*"), (PACKAGE_DIR, "*.py")):
        for path in sorted(directory.glob(pattern)):
            if path.is_file():
                sha.update(path.name.encode())
                sha.update(path.read_bytes())
    return sha.hexdigest()[:24]


def month_groups(quotations: list[QuotationRow], cards: list[Markup]) -> list[dict[str, Any]]:
    """Consecutive cards grouped by year, then month, for the figure page's headings (each month's cards
    joined into one piece of markup: the template loops over months, not over thousands of cards)."""
    years: list[dict[str, Any]] = []
    for quotation, card in zip(quotations, cards, strict=True):
        when = quotation.when or "unknown"
        month = when[:7] if len(when) >= 7 else when  # a year-only date gets its own group
        year = month[:4]
        if not years or years[-1]["year"] != year:
            years.append({"year": year, "months": []})
        months = years[-1]["months"]
        if not months or months[-1]["month"] != month:
            months.append({"month": month, "cards": []})
        months[-1]["cards"].append(card)
    for year in years:
        for month in year["months"]:
            month["cards"] = Markup("".join(month["cards"]))  # cards are Markup already: no re-escaping pass
    return years


class Renderer:
    def __init__(self, version: str) -> None:
        self.version = version
        self.static_dir = STATIC_DIR
        self.fingerprint = _source_fingerprint()
        self.assets: dict[str, str] = {}
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATE_DIR),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates do not change during a build: no stat() per page
            # compiled templates are cached (per user, keyed by the templates' source): a rerun that
            # renders a few pages would otherwise spend a tenth of a second compiling them
            bytecode_cache=FileSystemBytecodeCache(),
        )
        self.env.filters["href"] = safe_href
        self.env.filters["date"] = format_date
        # the fragments shared by pages (reports.fragments is their one implementation)
        self.env.globals.update(spark_points=charts.sparkline, timeline_chart=fragments.timeline_chart,
                                sparkline=fragments.sparkline, article_link=fragments.article_link)
        self._shells: dict[tuple[str, str, str | None], tuple[str, str, str, str]] = {}

    def _page(self, template: str, root: str, taken: str | None, **context: Any) -> str:
        return self.env.get_template(template).render(
            root=root, assets=self.assets, version=self.version, taken_at=taken or "unknown", **context)

    def _in_shell(self, body_class: str, root: str, taken: str | None, title: str, content: Markup,
                  scripts: Markup | str = "") -> str:
        """``content`` in the base layout (shell.html.j2), as if a template extending it had rendered it.

        The layout is rendered once per (page kind, root, data date) with placeholders, then filled in.
        """
        key = (body_class, root, taken)
        shell = self._shells.get(key)
        if shell is None:
            html = self._page("shell.html.j2", root, taken, body_class=body_class, title=SHELL_TITLE,
                              content=Markup(SHELL_CONTENT), scripts=Markup(SHELL_SCRIPTS))
            head, rest = html.split(SHELL_TITLE)
            middle, rest = rest.split(SHELL_CONTENT)
            between, tail = rest.split(SHELL_SCRIPTS)
            shell = self._shells[key] = (head, middle, between, tail)
        head, middle, between, tail = shell
        return f"{head}{escape(title)}{middle}{content}{between}{scripts}{tail}"

    def card(self, quotation: QuotationRow) -> Markup:
        """A quotation's card, as on its figure's pages."""
        return fragments.quote_card(quotation, "../")

    def figure_pages(self, summary: FigureSummary, quotations: list[QuotationRow],
                     budget: int) -> Iterator[tuple[str, str]]:
        """The figure's pages: cards split so no page's cards pass ``budget`` bytes."""
        cards = [self.card(q) for q in quotations]
        chunks: list[tuple[int, int]] = []
        start, size = 0, 0
        for index, card in enumerate(cards):
            card_size = len(card) if card.isascii() else len(card.encode("utf-8"))
            if index > start and size + card_size > budget:
                chunks.append((start, index))
                start, size = index, 0
            size += card_size
        chunks.append((start, len(cards)))
        fid = summary.id
        names = [f"people/{fid}.html"] + [f"people/{fid}-{n}.html" for n in range(2, len(chunks) + 1)]
        line = fragments.timeline_chart(charts.timeline(summary.monthly), "Quotations per month")
        years = sorted({(q.when or "unknown")[:4] for q in quotations})
        outlets = sorted({(m.outlet_id, m.outlet or "") for q in quotations for m in q.mentions
                          if m.outlet_id is not None}, key=lambda o: o[1].casefold())
        types = sorted({m.type for q in quotations for m in q.mentions})
        filters = {"years": fragments.options(years), "outlets": fragments.options(outlets),
                   "types": fragments.options(types)}
        scripts = Markup(f'<script src="../assets/{escape(self.assets.get("figure.js", ""))}"></script>')
        for number, (first, last) in enumerate(chunks, start=1):
            quotes = fragments.quote_sections(month_groups(quotations[first:last], cards[first:last]))
            pager = {"current": number, "pages": [f"{Path(n).name}" for n in names]}
            content = fragments.figure_content(summary, quotes, line, pager, filters, last - first, first + 1)
            yield names[number - 1], self._in_shell("figure", "../", summary.taken, summary.name, content, scripts)

    def quotation_page(self, quotation: QuotationRow, figure: FigureSummary) -> str:
        """The page of a quotation carried by several articles."""
        taken, outlets = self._quotation_outlets(quotation)
        content = fragments.quotation_content(quotation, figure, outlets)
        return self._in_shell("quotation", "../", format_date(taken) if taken else figure.taken,
                              f"Quotation {quotation.quotation_id}", content)

    @staticmethod
    def _quotation_outlets(quotation: QuotationRow) -> tuple[Any, list[tuple[str, list[Any]]]]:
        by_outlet: dict[str, list[Any]] = {}
        taken = None
        for mention in quotation.mentions:  # in time order: the first seen per outlet comes first
            when = mention.published or mention.fetched_at
            outlet = by_outlet.setdefault(mention.outlet or "(unknown outlet)", [0, when, mention.outlet_id])
            outlet[0] += 1
            if mention.fetched_at and (taken is None or mention.fetched_at > taken):
                taken = mention.fetched_at
        return taken, sorted(by_outlet.items(), key=lambda item: (-item[1][0], item[0].casefold()))

    def outlet_page(self, summary: OutletSummary, top: list[tuple]) -> str:
        taken = summary.fetched_last.strftime("%Y-%m-%d %H:%M UTC") if summary.fetched_last else None
        return self._page("outlet.html.j2", "../", taken, outlet=summary, top=top,
                          timeline=charts.timeline(summary.monthly))

    def index_page(self, figures: list[FigureSummary], taken: str | None, report: ReportFilter) -> str:
        return self._page("index.html.j2", "", taken, figures=figures, report=report,
                          rows=fragments.index_rows(figures))

    def outlets_page(self, outlets: list[dict[str, Any]], taken: str | None) -> str:
        return self._page("outlets.html.j2", "../", taken, outlets=outlets)

    def search_page(self, shards: list[str], taken: str | None) -> str:
        return self._page("search.html.j2", "", taken, shards=shards)
