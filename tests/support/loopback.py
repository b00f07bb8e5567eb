"""A news site on 127.0.0.1 made of the real pages in tests/fixtures/html, for crawling tests.

No test touches the internet: this serves the fixture pages (articles under ``/news/``, section
fronts and a forum page under ``/section/``) with an RSS feed and sitemaps generated from them,
plus the awkward cases a crawler meets: a robots.txt disallowing ``/private/``, a page answering
403 (and one 401), a page answering 503 every other time, a slow page, a 30 MB page, a page of invalid UTF-8 and a redirect loop. Feeds and sitemaps
answer conditional GETs (ETag / Last-Modified -> 304). Every request is counted per path.

Use the ``loopback_site`` fixture (import it into your conftest or test module) or the class::

    from support.loopback import LoopbackSite
    with LoopbackSite() as site:
        site.url("/feed.xml"); site.counts["/news/x.html"]
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import pytest

HTML_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "html"
LAST_MODIFIED = datetime(2025, 8, 7, 12, 0, tzinfo=timezone.utc)
HUGE_BYTES = 30 * 1024 * 1024


@dataclass(frozen=True)
class FixturePage:
    file: str
    kind: str  # article | index | forum | portal
    original_url: str | None
    title: str | None
    date: str | None
    gold_text: str | None

    @property
    def path(self) -> str:
        stem = Path(self.file).stem
        return f"/news/{stem}.html" if self.kind == "article" else f"/section/{stem}.html"


def load_manifest(html_dir: Path = HTML_DIR) -> list[FixturePage]:
    pages = []
    for line in (html_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry.get("kind") == "feed":
            continue
        gold = entry.get("gold") or {}
        pages.append(FixturePage(file=entry["file"], kind=entry["kind"], original_url=entry.get("url"),
                                 title=gold.get("title"), date=gold.get("date"), gold_text=gold.get("text")))
    return pages


class _Listing:
    """A generated feed or sitemap with its validators."""

    def __init__(self, body: bytes, content_type: str) -> None:
        self.body = body
        self.content_type = content_type
        self.etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        self.last_modified = format_datetime(LAST_MODIFIED, usegmt=True)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up (download size limits, timeouts) are expected here: no traceback."""


class LoopbackSite:
    """The loopback news site. ``counts`` maps each requested path to its number of requests."""

    ROBOTS = "User-agent: *\nDisallow: /private/\n"
    SPECIAL_PATHS = ("/private/secret.html", "/forbidden.html", "/slow.html", "/huge.html",
                     "/invalid-utf8.html", "/loop/a")

    def __init__(self, html_dir: Path = HTML_DIR, *, slow_seconds: float = 15.0) -> None:
        self.html_dir = html_dir
        self.slow_seconds = slow_seconds
        self.pages = load_manifest(html_dir)
        self.by_path = {p.path: p for p in self.pages}
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.listings: dict[str, _Listing] = {}
        # Extra permanent redirects (path -> path) and extra pages (path -> bytes) a test may add.
        self.redirects: dict[str, str] = {}
        self.extra_pages: dict[str, bytes] = {}
        # Called with the request handler of every request (e.g. to look at its headers).
        self.on_request: Callable[[BaseHTTPRequestHandler], None] | None = None

    # --- what is served ------------------------------------------------------------------------

    @property
    def articles(self) -> list[FixturePage]:
        return [p for p in self.pages if p.kind == "article"]

    @property
    def non_articles(self) -> list[FixturePage]:
        return [p for p in self.pages if p.kind != "article"]

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start the site first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def set_feed(self, path: str, page_paths: list[str], title: str = "Loopback News") -> str:
        """Serve an RSS 2.0 feed at ``path`` listing ``page_paths``; returns its URL."""
        items = []
        for page_path in page_paths:
            page = self.by_path.get(page_path)
            pub = ""
            if page and page.date:
                day = datetime.fromisoformat(page.date[:10]).replace(hour=9, tzinfo=timezone.utc)
                pub = f"<pubDate>{format_datetime(day, usegmt=True)}</pubDate>"
            item_title = escape(page.title if page and page.title else page_path)
            items.append(f"<item><title>{item_title}</title><link>{escape(self.url(page_path))}</link>"
                         f"<guid>{escape(self.url(page_path))}</guid>{pub}</item>")
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>{escape(title)}</title><link>{escape(self.base_url)}/</link>"
                f"<description>test feed</description>{''.join(items)}</channel></rss>")
        self.listings[path] = _Listing(body.encode(), "application/rss+xml")
        return self.url(path)

    def set_front(self, path: str, page_paths: list[str]) -> str:
        """Serve an HTML front at ``path`` linking ``page_paths``, with validators (ETag,
        Last-Modified) and 304 answers like a listing; returns its URL."""
        links = "".join(f'<li><a href="{escape(p)}">{escape(self.by_path[p].title or p)}</a></li>' for p in page_paths)
        body = (f"<!doctype html><html><head><title>Loopback News front</title></head><body>"
                f"<h1>Loopback News</h1><ul>{links}</ul></body></html>")
        self.listings[path] = _Listing(body.encode(), "text/html; charset=utf-8")
        return self.url(path)

    def set_news_sitemap(self, path: str, page_paths: list[str]) -> str:
        """Serve a Google News sitemap (news:publication_date, news:title) at ``path``."""
        entries = []
        for page_path in page_paths:
            page = self.by_path.get(page_path)
            news = ""
            if page and page.date:
                title = f"<news:title>{escape(page.title)}</news:title>" if page.title else ""
                news = ("<news:news><news:publication><news:name>Loopback News</news:name>"
                        "<news:language>en</news:language></news:publication>"
                        f"<news:publication_date>{page.date[:10]}</news:publication_date>{title}</news:news>")
            entries.append(f"<url><loc>{escape(self.url(page_path))}</loc>{news}</url>")
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(entries) + "</urlset>")
        self.listings[path] = _Listing(body.encode(), "application/xml")
        return self.url(path)

    def set_sitemap_index(self, path: str, sitemap_paths: list[str]) -> str:
        locs = "".join(f"<sitemap><loc>{escape(self.url(p))}</loc></sitemap>" for p in sitemap_paths)
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>')
        self.listings[path] = _Listing(body.encode(), "application/xml")
        return self.url(path)

    def _default_listings(self) -> None:
        every_page = [p.path for p in self.pages]
        self.set_feed("/feed.xml", every_page + list(self.SPECIAL_PATHS))
        self.set_news_sitemap("/sitemap-news.xml", [p.path for p in self.articles])
        self.set_news_sitemap("/sitemap-sections.xml", [p.path for p in self.non_articles])
        self.set_sitemap_index("/sitemap.xml", ["/sitemap-news.xml", "/sitemap-sections.xml"])

    def home_page(self) -> bytes:
        links = "".join(f'<li><a href="{escape(p.path)}">{escape(p.title or p.file)}</a></li>' for p in self.pages)
        return (f"<!doctype html><html><head><title>Loopback News</title></head><body><h1>Loopback News</h1>"
                f"<ul>{links}</ul></body></html>").encode()

    def reset_counts(self) -> None:
        with self._lock:
            self.counts.clear()

    def fetches_of(self, paths: list[str]) -> dict[str, int]:
        return {p: self.counts[p] for p in paths}

    # --- server ---------------------------------------------------------------------------------

    def start(self) -> LoopbackSite:
        self._server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self._default_listings()
        self._thread = threading.Thread(target=self._server.serve_forever, name="loopback-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LoopbackSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _count(self, path: str) -> None:
        with self._lock:
            self.counts[path] += 1

    def page_bytes(self, page: FixturePage) -> bytes:
        return (self.html_dir / page.file).read_bytes()

    def invalid_utf8_page(self) -> bytes:
        """A real article with bytes that are not UTF-8 dropped into its paragraphs."""
        html = self.page_bytes(self.by_path["/news/naeb-npr-org-446a3818.html"])
        return html.replace(b"</p>", b" caf\xe9 \xff\xfe\x80</p>")


class _Handler(BaseHTTPRequestHandler):
    """Serves ``site``: its own pages and listings first, then the fixed misbehaving pages, else 404."""

    site: LoopbackSite
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = urlsplit(self.path).path
        if self.site.on_request is not None:
            self.site.on_request(self)
        self.site._count(path)
        try:
            if not (self._site_page(path) or self._special_page(path)):
                self._send(404, b"<html><body>Not found</body></html>")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. DOWNLOAD_MAXSIZE): fine

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _site_page(self, path: str) -> bool:
        """robots.txt, the home page, and the pages, redirects and listings the test set up."""
        site = self.site
        if path == "/robots.txt":
            self._send(200, site.ROBOTS.encode(), "text/plain")
        elif path == "/":
            self._send(200, site.home_page())
        elif path in site.extra_pages:
            self._send(200, site.extra_pages[path])
        elif path in site.redirects:
            self._send(301, b"", headers={"Location": site.url(site.redirects[path])})
        elif path in site.listings:
            self._listing(site.listings[path])
        elif path in site.by_path:
            self._send(200, site.page_bytes(site.by_path[path]))
        elif _copied(path) in site.by_path:  # the same page under many URLs
            self._send(200, site.page_bytes(site.by_path[_copied(path)]))
        else:
            return False
        return True

    def _special_page(self, path: str) -> bool:
        """The pages that misbehave on purpose: refused, flaky, slow, huge, badly encoded, looping."""
        site = self.site
        if path == "/private/secret.html":
            self._send(200, site.page_bytes(site.articles[0]))
        elif path == "/forbidden.html":
            self._send(403, b"<html><body>Forbidden</body></html>")
        elif path == "/unauthorized.html":
            self._send(401, b"<html><body>Log in first</body></html>")
        elif path == "/flaky.html":  # unavailable at every odd request, fine at every even one
            if site.counts[path] % 2:
                self._send(503, b"<html><body>Try again</body></html>", headers={"Retry-After": "0"})
            else:
                self._send(200, site.page_bytes(site.articles[2]))
        elif path == "/slow.html":
            time.sleep(site.slow_seconds)
            self._send(200, site.page_bytes(site.articles[1]))
        elif path == "/huge.html":
            self._huge()
        elif path == "/invalid-utf8.html":
            self._send(200, site.invalid_utf8_page())
        elif path in LOOP:
            self._send(302, b"", headers={"Location": site.url(LOOP[path])})
        else:
            return False
        return True

    def _listing(self, listing: _Listing) -> None:
        validators = {"ETag": listing.etag, "Last-Modified": listing.last_modified}
        if_none_match = self.headers.get("If-None-Match")
        if_modified_since = self.headers.get("If-Modified-Since")
        not_modified = if_none_match == listing.etag if if_none_match else False
        if not if_none_match and if_modified_since:
            try:
                not_modified = parsedate_to_datetime(if_modified_since) >= LAST_MODIFIED
            except (TypeError, ValueError):
                not_modified = False
        if not_modified:
            self.send_response(304)
            for key, value in validators.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, listing.body, listing.content_type, validators)

    def _huge(self) -> None:
        chunk = b"<p>" + b"filler text of a page far too large to be an article " * 2000 + b"</p>\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        sent = 0
        while sent < HUGE_BYTES:
            piece = chunk[: HUGE_BYTES - sent]
            self.wfile.write(piece)
            sent += len(piece)


LOOP = {"/loop/a": "/loop/b", "/loop/b": "/loop/a"}  # two pages redirecting to each other


def _copied(path: str) -> str | None:
    """The original path of ``/copy/<n>/<original path>``, else None."""
    if not path.startswith("/copy/") or path.count("/") < 3:
        return None
    return "/" + path.split("/", 3)[3]


def _make_handler(site: LoopbackSite) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"site": site})


@pytest.fixture
def loopback_site() -> Iterator[LoopbackSite]:
    """A started LoopbackSite on an ephemeral 127.0.0.1 port, stopped after the test."""
    with LoopbackSite() as site:
        yield site
