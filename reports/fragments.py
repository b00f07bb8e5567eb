"""The site's repeated HTML, in plain Python: quote cards, quotation pages' content, timeline charts,
sparklines, pagers, article links, and a figure page's content, year/month sections and filter options
(100,000 cards for 100,000 quotations).

This is the one implementation of each fragment: the page templates call the small ones as Jinja globals
(registered by reports.render: ``timeline_chart``, ``sparkline``, ``article_link``), and the figure and
quotation pages' content is rendered here and set in the base layout (shell.html.j2). Python, not Jinja2
macros, because a large build would otherwise spend most of its time in Jinja2's runtime (macro calls,
attribute lookups, one ``Markup`` object per output value): measured 1.5-2x faster on 100,000 cards.

Escaping is done here, as autoescape would: every value goes through :func:`escape` (``markupsafe.escape``'s
replacements) and only http(s) URLs become links (:func:`safe_href`). tests/reports/test_report_fragments.py
pins the output with golden files and feeds hostile data through every fragment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from db.reporting import MentionRow, QuotationRow
from reports.charts import Timeline, month_label
from reports.summary import FigureSummary

CARD_ARTICLE_LIMIT = 25  # articles listed on a card; the quotation's own page lists them all
NOFOLLOW = 'rel="noopener noreferrer nofollow"'
UNLINKED = '<span class="unlinked" title="not an http(s) link">'
PAYWALL = ' · <span class="paywall">paywalled</span>'  # after the article link of a paywalled article


def escape(value: object) -> str:
    """``markupsafe.escape(value)`` as a plain str (the same five replacements, without building a Markup
    object per value, which is most of the cost of escaping 100,000 cards)."""
    if value.__class__ is not str:
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")  # type: ignore[attr-defined]
            .replace('"', "&#34;"))


# Names, outlets, cues, types and date evidence repeat across thousands of cards: escaped once each.
escape_repeated = lru_cache(maxsize=8192)(escape)

WEB_URL = re.compile(r"^https?://[^\s/?#@\\]+[^\s]*$", re.IGNORECASE)


def safe_href(url: str | None) -> str | None:
    """The URL if it may become a link (absolute http/https with a host, no whitespace), else None.

    Anything else (``javascript:``, ``data:``, relative or malformed) is shown as text, never linked.
    """
    if not url:
        return None
    url = url.strip()
    return url if WEB_URL.match(url) else None


def format_date(value: datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value[:10]
    return value.astimezone(timezone.utc).date().isoformat()


def _date(value: datetime | str | None) -> str:
    """format_date, escaped: a datetime's ISO date needs no escaping, a string (from the database) does."""
    return value.astimezone(timezone.utc).date().isoformat() if isinstance(value, datetime) else escape(
        format_date(value))


# A mention's source line is shown on its quotation's card and, for a quotation carried by several
# articles, again on the quotation's own page: rendered once, kept while its figure is written. Keyed by the
# row object, which the entry keeps alive (so its id cannot be reused); reports.site clears it per figure.
_SOURCE_CACHE_LIMIT = 50_000
_sources: dict[tuple[int, str], tuple[MentionRow, str]] = {}


def forget_sources() -> None:
    _sources.clear()


def _source(mention: MentionRow, root: str) -> str:
    key = (id(mention), root)
    cached = _sources.get(key)
    if cached is not None:
        return cached[1]
    if len(_sources) >= _SOURCE_CACHE_LIMIT:
        _sources.clear()
    html = _render_source(mention, root)
    _sources[key] = (mention, html)
    return html


def _render_source(mention: MentionRow, root: str) -> str:
    """Outlet link, date and article link of one mention (a card's and a quotation page's list item)."""
    if mention.outlet_id is not None:
        outlet = f'<a class="outlet" href="{root}outlets/{mention.outlet_id:d}.html">{escape_repeated(mention.outlet)}</a>'
    else:
        outlet = '<span class="outlet">unknown outlet</span>'
    when = _date(mention.published or mention.fetched_at)
    return f"{outlet} · <time>{when}</time> · {_article_link(mention.article_url, mention.article_title, mention.paywalled)}"


def _article_link(url: str | None, title: str | None, paywalled: bool = False) -> str:
    paywall = PAYWALL if paywalled else ""
    href = safe_href(url)
    if href:
        return f'<a href="{escape(href)}" {NOFOLLOW}>{escape(title or href)}</a>{paywall}'
    return f"{UNLINKED}{escape(title or url)}</span>{paywall}"


def article_link(url: str | None, title: str | None, paywalled: bool = False) -> Markup:
    """A link to an article, titled (by its URL when untitled), marked when paywalled; an URL that is not
    http(s) is shown as text."""
    return Markup(_article_link(url, title, paywalled))


CORRECTED = '<dt>Curation</dt><dd class="corrected">corrected by hand</dd>\n'


def quote_card(quotation: QuotationRow, root: str) -> Markup:
    """A quotation's card: its text, date, speaker, cue, curation and (up to CARD_ARTICLE_LIMIT) articles."""
    mentions = quotation.mentions
    rep = quotation.representative
    n_articles = quotation.n_carrying
    if len(mentions) == 1:  # most quotations: no sets to build
        types, outlets = rep.type, "" if rep.outlet_id is None else str(rep.outlet_id)
    else:
        types = " ".join(sorted({m.type for m in mentions}))
        outlets = " ".join(sorted({str(m.outlet_id) for m in mentions if m.outlet_id is not None}))
    if quotation.said_on:
        how = f"dated from the article text: {escape_repeated(rep.said_on_evidence or 'no evidence recorded')}"
    else:
        how = "no date of saying found: first seen in an article"
    parts = [
        f'<article class="quote" data-year="{escape_repeated((quotation.when or "unknown")[:4])}" '
        f'data-types=" {escape_repeated(types)} " data-outlets=" {escape_repeated(outlets)} ">\n'
        f"<blockquote>{escape(quotation.text)}</blockquote>\n"
        f'<dl class="meta">\n'
        f'<dt>Said</dt><dd><time>{escape_repeated(quotation.when or "unknown")}</time> <span class="how">{how}</span></dd>\n'
        f"<dt>Speaker</dt><dd>written “{escape_repeated(rep.speaker_mention or '?')}”, "
        f"resolved to {escape_repeated(rep.speaker or '?')}</dd>\n"
        f"<dt>Cue</dt><dd>{escape_repeated(rep.cue or 'none')} · {escape_repeated(rep.type)} · "
        f"confidence {rep.confidence:.2f}</dd>\n"
        f"{CORRECTED if quotation.corrected else ''}</dl>\n"
    ]
    if rep.sentence:
        parts.append(f'<p class="sentence">{escape(rep.sentence)}</p>')
    parts.append('<ul class="sources">\n')
    parts.extend(f"<li>{_source(m, root)}</li>\n" for m in mentions[:CARD_ARTICLE_LIMIT])
    parts.append("</ul>\n")
    if n_articles > 1:
        parts.append(f'<p class="spread"><a href="{root}quotes/{quotation.quotation_id:d}.html">'
                     f"Carried by {n_articles} articles: spread over time and outlets</a></p>")
    parts.append("</article>\n")
    return Markup("".join(parts))


def quotation_content(quotation: QuotationRow, figure: FigureSummary,
                      outlets: list[tuple[str, list[Any]]]) -> Markup:
    """A quotation page's content: the quotation's spread over outlets and every article carrying it."""
    mentions = quotation.mentions
    n_articles = quotation.n_carrying
    name = escape(figure.name)
    speaker = f'<a href="../{escape(figure.href)}">{name}</a>' if figure.href else name
    if quotation.said_on:
        dated = f" ({escape_repeated(quotation.representative.said_on_evidence or 'dated from the article text')})"
    else:
        dated = " (first seen)"
    first, last = mentions[0], mentions[-1]
    parts = [
        f"<h1>A quotation carried by {n_articles} articles</h1>\n"
        f'<blockquote class="big">{escape(quotation.text)}</blockquote>\n'
        f'<p class="lead">Attributed to {speaker};\n'
        f"said {escape_repeated(quotation.when or 'on an unknown date')}{dated}.</p>\n"
        f'<p class="lead">First carried {_date(first.published or first.fetched_at)}, '
        f"last {_date(last.published or last.fetched_at)}, by {len(outlets)} "
        f"outlet{'s' if len(outlets) != 1 else ''}.</p>\n"
        "<h2>Outlets</h2>\n"
        '<table><thead><tr><th scope="col">Outlet</th><th scope="col" class="num">Articles</th>'
        '<th scope="col">First carried</th></tr></thead><tbody>\n'
    ]
    for outlet_name, (n, when, outlet_id) in outlets:
        label = escape(outlet_name)
        cell = f'<a href="../outlets/{outlet_id:d}.html">{label}</a>' if outlet_id is not None else label
        parts.append(f'<tr><td>{cell}</td><td class="num">{n:d}</td><td>{_date(when)}</td></tr>\n')
    parts.append("</tbody></table>\n<h2>Every article, in time order</h2>\n<ol class=\"mentions\">\n")
    for m in mentions:
        said = (f", said {escape_repeated(m.said_on)} ({escape_repeated(m.said_on_evidence or 'no evidence recorded')})"
                if m.said_on else "")
        sentence = f". Sentence: <q>{escape(m.sentence)}</q>" if m.sentence else ""
        parts.append(
            f"<li>{_source(m, '../')}"
            f'<p class="detail">{escape_repeated(m.type)} quotation, cue “{escape_repeated(m.cue or "none")}”, speaker written '
            f"“{escape_repeated(m.speaker_mention or '?')}” resolved to {escape_repeated(m.speaker or '?')}, "
            f"confidence {m.confidence:.2f}{said}{sentence}</p></li>\n")
    parts.append("</ol>\n")
    return Markup("".join(parts))


def timeline_chart(line: Timeline, label: str) -> Markup:
    """Bars of counts per month, as SVG, with ``label`` as caption (figure and outlet pages)."""
    label = escape(label)
    parts = [f'<figure class="timeline">\n<svg viewBox="0 0 {line.width} {line.height}" width="100%" '
             f'preserveAspectRatio="none" role="img" aria-label="{label}">\n']
    parts.extend(
        f'<rect class="bar" x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}" '
        f'data-month="{escape_repeated(bar.month)}" data-count="{bar.count}"><title>{escape_repeated(bar.label)}: {bar.count}'
        f"</title></rect>\n" for bar in line.bars)
    parts.extend(f'<text class="tick" x="{x}" y="{line.height - 3}">{escape(year)}</text>\n'
                 for x, year in line.year_ticks)
    peak = f" (busiest month: {line.peak})" if line.peak else ""
    parts.append(f"</svg>\n<figcaption>{label}{peak}</figcaption>\n</figure>\n")
    return Markup("".join(parts))


def quote_sections(groups: list[dict[str, Any]]) -> Markup:
    """A figure page's cards under year and month headings (``groups`` from render.month_groups)."""
    parts = []
    for year in groups:
        label = escape_repeated(year["year"])
        parts.append(f'<section class="year" data-year="{label}">\n<h2>{label}</h2>\n')
        parts.extend(f'<section class="month">\n<h3>{escape_repeated(month_label(month["month"]))}</h3>\n'
                     f'{month["cards"]}</section>\n' for month in year["months"])
        parts.append("</section>\n")
    return Markup("".join(parts))


def options(choices: Iterable[tuple[Any, str] | str]) -> Markup:
    """``<option>`` elements of a filter: (value, label) pairs or plain values."""
    parts = []
    for choice in choices:
        if isinstance(choice, tuple):
            parts.append(f'<option value="{escape(choice[0])}">{escape(choice[1])}</option>')
        else:
            parts.append(f"<option>{escape(choice)}</option>")
    return Markup("".join(parts))


def _sparkline(points: str, label: str | None = None) -> str:
    aria = f' aria-label="{escape(label)}"' if label else ""
    line = f'<polyline points="{escape(points)}"/>' if points else ""
    return f'<svg class="spark" viewBox="0 0 120 24"{aria}>{line}</svg>\n'


def sparkline(points: str, label: str | None = None) -> Markup:
    """A compact SVG line of ``points`` (charts.sparkline); size comes from CSS (the index has 5,000)."""
    return Markup(_sparkline(points, label))


def index_rows(figures: Iterable[FigureSummary]) -> Markup:
    """The index's table rows, one per figure. End tags of cells and rows are optional in HTML: left out,
    5,000 rows stay well under 2 MB."""
    return Markup("".join(
        f'<tr data-name="{escape(f.name.lower())}"><td><a href="{escape(f.href)}">{escape(f.name)}</a>'
        f'<td>{escape(f.kind)}<td>{f.n:d}<td>{escape(f.first or "")}<td>{escape(f.last or "")}'
        f'<td>{f.n_outlets:d}<td>{_sparkline(f.spark)}' for f in figures))


def pager_nav(pager: dict[str, Any]) -> str:
    """Links to a split figure's pages (nothing for one page)."""
    pages = pager["pages"]
    if len(pages) <= 1:
        return ""
    current = pager["current"]
    links = "".join(f'<span class="current">{number}</span>' if number == current
                    else f'<a href="{escape(name)}">{number}</a>' for number, name in enumerate(pages, start=1))
    return f'<nav class="pager" aria-label="Pages">\n{links}</nav>\n'


def figure_content(figure: FigureSummary, quotes: Markup, timeline: Markup, pager: dict[str, Any],
                   filters: dict[str, Markup], shown: int, first_number: int) -> Markup:
    """A figure page's content: the figure's heading, timeline, filters and (a page of) cards."""
    n, n_outlets, fid = figure.n, figure.n_outlets, figure.id
    nav = pager_nav(pager)
    pages = len(pager["pages"])
    note = (f'<p class="page-note">Page {pager["current"]} of {pages}: quotations {first_number} to '
            f"{first_number + shown - 1}. Filters apply to this page.</p>") if pages > 1 else ""
    return Markup(
        f"<h1>{escape(figure.name)}</h1>\n"
        f'<p class="lead">{escape(n)} quotation{"s" if n != 1 else ""} from {escape(figure.first or "?")} to '
        f'{escape(figure.last or "?")} in {escape(n_outlets)} outlet{"s" if n_outlets != 1 else ""}.\n'
        f'Download: <a href="../downloads/{escape(fid)}.csv" download>CSV</a> · '
        f'<a href="../downloads/{escape(fid)}.json" download>JSON</a></p>\n'
        f"{timeline}\n"
        '<form class="filters" id="filters" role="search">\n'
        f'<label>Year <select id="f-year"><option value="">all</option>{filters["years"]}</select></label>\n'
        f'<label>Outlet <select id="f-outlet"><option value="">all</option>{filters["outlets"]}</select></label>\n'
        f'<label>Type <select id="f-type"><option value="">all</option>{filters["types"]}</select></label>\n'
        '<label>Text <input id="f-text" type="search" autocomplete="off"></label>\n'
        '<span id="shown" aria-live="polite"></span>\n'
        "</form>\n"
        f"{note}{nav}\n"
        f'<div id="quotes">\n{quotes}</div>\n'
        f"{nav}\n")
