"""``quotes demo``: the whole pipeline, offline, on the bundled sample of news pages.

1. serve tracker/demo_data/*.html on 127.0.0.1 (a threaded http.server) with an RSS feed listing them;
2. crawl that feed exactly as an operator would: ``quotes crawl --feed URL --db URL`` in a subprocess
   (fetch, extract, attribute, store);
3. write the report from the fresh SQLite database.

Composition only: crawling, attribution, storage and rendering are the other packages' business.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
SAMPLE_MANIFEST = DEMO_DATA / "sample.json"
FEED_PATH = "/feed.rss"
CRAWL_TIMEOUT_SECONDS = 900
# The sample is served by us to us: no politeness delay is needed, and robots.txt allows everything.
CRAWL_SETTINGS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS_PER_DOMAIN=4")


class DemoError(RuntimeError):
    """The demo could not run to the end; the message says which step failed."""


@dataclass(frozen=True)
class SamplePage:
    file: str
    path: str  # where the demo server serves it
    title: str | None
    published: str | None
    original_url: str | None


@dataclass(frozen=True)
class DemoResult:
    database_url: str
    site: Path
    feed_url: str
    articles: int
    quotations: int


def sample_pages(manifest: Path = SAMPLE_MANIFEST) -> list[SamplePage]:
    """The bundled pages, each served under a path named after its file."""
    data = json.loads(manifest.read_text("utf-8"))
    return [SamplePage(p["file"], f"/news/{p['file']}", p.get("title"), p.get("published"), p.get("original_url"))
            for p in data["pages"]]


def rss_feed(base_url: str, pages: list[SamplePage]) -> bytes:
    """An RSS 2.0 feed of the sample pages (newest first), as a news site would publish it."""
    items = []
    for page in sorted(pages, key=lambda p: p.published or "", reverse=True):
        parts = [f"<title>{escape(page.title or page.file)}</title>", f"<link>{escape(base_url + page.path)}</link>",
                 f"<guid isPermaLink=\"true\">{escape(base_url + page.path)}</guid>"]
        if page.published:
            day = datetime.fromisoformat(page.published).replace(hour=12, tzinfo=timezone.utc)
            parts.append(f"<pubDate>{format_datetime(day)}</pubDate>")
        items.append("<item>" + "".join(parts) + "</item>")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
            "<title>Quote tracker demo sample</title>"
            f"<link>{escape(base_url)}/</link><description>Bundled news pages for the offline demo</description>"
            + "".join(items) + "</channel></rss>\n").encode("utf-8")


class _SampleHandler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[bytes, str]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        route = self.routes.get(path)
        if route is None:
            self.send_error(404)
            return
        body, content_type = route
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: the crawl reports what it fetched


@contextmanager
def serve_sample(pages: list[SamplePage] | None = None, data_dir: Path = DEMO_DATA) -> Iterator[str]:
    """Serve the sample pages, robots.txt and the feed on 127.0.0.1; yield the feed's URL."""
    pages = sample_pages() if pages is None else pages
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SampleHandler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    routes = {page.path: ((data_dir / page.file).read_bytes(), "text/html; charset=utf-8") for page in pages}
    routes["/robots.txt"] = (b"User-agent: *\nAllow: /\n", "text/plain")
    routes[FEED_PATH] = (rss_feed(base_url, pages), "application/rss+xml")
    server.RequestHandlerClass = type("Handler", (_SampleHandler,), {"routes": routes})
    thread = threading.Thread(target=server.serve_forever, name="demo-server", daemon=True)
    thread.start()
    try:
        yield base_url + FEED_PATH
    finally:
        server.shutdown()
        server.server_close()


def crawl_command(feed_url: str, database_url: str) -> list[str]:
    """The operator's command for crawling one feed, run with this interpreter."""
    command = [sys.executable, "-m", "tracker.cli", "crawl", "--feed", feed_url, "--db", database_url,
               "--name", "demo"]
    for setting in CRAWL_SETTINGS:
        command += ["-s", setting]
    return command


def fresh_database(out: Path) -> str:
    """A new SQLite database in ``out`` (any earlier demo database there is removed)."""
    out.mkdir(parents=True, exist_ok=True)
    database = out / "quotes.db"
    for stale in (database, out / "quotes.db-wal", out / "quotes.db-shm"):
        stale.unlink(missing_ok=True)
    return f"sqlite:///{database.resolve()}"


def run_demo(out: Path, *, version: str, echo: Callable[[str], None] = print,
             keep_serving: bool = False) -> DemoResult:
    """Serve, crawl, attribute, store and report; return where everything went."""
    from db.engine import open_engine
    from reports.site import build_site

    out = Path(out)
    database_url = fresh_database(out)
    with serve_sample() as feed_url:
        echo(f"Serving {len(sample_pages())} sample pages; feed at {feed_url}")
        echo("Crawling the feed (extraction and attribution take a minute)...")
        _crawl(feed_url, database_url, echo)
        engine = open_engine(database_url)
        articles, quotations = _counts(engine)
        if not articles:
            raise DemoError("the crawl stored no article: see the crawl log above")
        echo(f"Stored {articles} articles and {quotations} quotations in {database_url}")
        stats = build_site(engine, out / "site", version=version, full=True)
        echo(f"Report: {stats.figures} figure pages, {stats.quotations} quotations, {stats.seconds:.1f} s")
        if keep_serving:
            _wait_for_interrupt(echo)
    engine.dispose()
    return DemoResult(database_url, out / "site", feed_url, articles, quotations)


def _crawl(feed_url: str, database_url: str, echo: Callable[[str], None]) -> None:
    try:
        completed = subprocess.run(crawl_command(feed_url, database_url), capture_output=True,
                                   text=True, timeout=CRAWL_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DemoError(f"the crawl did not finish in {CRAWL_TIMEOUT_SECONDS} s") from exc
    for line in completed.stdout.splitlines():
        echo(f"  {line}")
    if completed.returncode != 0:
        tail = "\n".join(completed.stderr.splitlines()[-25:])
        raise DemoError(f"`quotes crawl` failed (exit {completed.returncode}):\n{tail}")


def _counts(engine) -> tuple[int, int]:  # noqa: ANN001 - an Engine, imported lazily
    from sqlalchemy import func, select

    from db.models import Article, Quotation

    with engine.connect() as conn:
        return (conn.execute(select(func.count(Article.id))).scalar_one(),
                conn.execute(select(func.count(Quotation.id))).scalar_one())


def _wait_for_interrupt(echo: Callable[[str], None]) -> None:
    echo("Serving the sample pages so the report's article links work; Ctrl-C stops.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
