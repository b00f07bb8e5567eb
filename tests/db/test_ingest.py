"""quotes ingest: JSON Lines and WARC in, articles and quotations out; bad lines reported, the rest kept;
re-ingesting adds nothing; a process killed mid-ingest loses nothing and duplicates nothing on rerun."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from db_fakes import RegexExtractor
from sqlalchemy import func, select
from typer.testing import CliRunner

from db.engine import open_engine, reader
from db.ingest import ingest_files
from db.models import Article, Mention, Person, Quotation
from tracker.cli import app

MCCAIN = "No prior president has ever abased himself more abjectly before a tyrant,"
ROOT = Path(__file__).resolve().parents[2]
DB_FIXTURES = ROOT / "tests" / "fixtures" / "db"


def write_jsonl(path: Path, rows: list[dict | str | bytes]) -> Path:
    with path.open("wb") as out:
        for row in rows:
            if isinstance(row, dict):
                row = json.dumps(row, ensure_ascii=False)
            out.write((row.encode("utf-8") if isinstance(row, str) else row) + b"\n")
    return path


def counts(engine) -> dict[str, int]:
    with reader(engine) as conn:  # never queues behind the writer under test
        return {model.__tablename__: conn.execute(select(func.count()).select_from(model)).scalar_one()
                for model in (Article, Mention, Quotation, Person)}


def done_when_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "mccain.jsonl", [
        {"url": "https://www.independent.co.uk/voices/trump-putin-summit-helsinki.html", "title": "Trump and Putin",
         "published": "2025-08-07", "outlet": "The Independent", "authors": ["Kim Sengupta"],
         "text": (DB_FIXTURES / "helsinki-2025-08-07.txt").read_text(encoding="utf-8")},
        {"url": "https://news.example.com/2018/07/17/republicans-rebuke-trump", "title": "Republicans break with Trump",
         "published": "2018-07-17T09:30:00-04:00", "outlet": "Example News", "authors": "Staff",
         "text": (DB_FIXTURES / "mccain-reaction-2018-07-17.txt").read_text(encoding="utf-8")},
    ])


@pytest.mark.slow
def test_done_when_two_articles_one_mccain_quotation(db_url: str, tmp_path: Path) -> None:
    """The issue's done-when, end to end with the real Extractor, on SQLite and PostgreSQL."""
    path = done_when_file(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(path), "--db", db_url])
    assert first.exit_code == 0, first.output
    engine = open_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Person.name, Quotation.said_on, Quotation.n_articles)
            .join(Person, Person.id == Quotation.person_id)
            .where(Quotation.text_norm.contains("abased himself"))
        ).all()
    assert len(rows) == 1
    assert tuple(rows[0]) == ("John McCain", "2018-07", 2)
    before = counts(engine)
    again = runner.invoke(app, ["ingest", str(path), "--db", db_url])
    assert again.exit_code == 0, again.output
    assert "2 already stored" in again.output
    assert counts(engine) == before
    engine.dispose()


def test_bad_lines_are_reported_and_the_rest_stored(sqlite_url: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        {"url": "https://a.example/1", "text": 'Fine. "We will build it," said Jane Smith.'},
        "{not json",
        {"title": "no url", "text": "x"},
        {"url": "https://a.example/empty", "text": "   "},
        {"url": "https://a.example/nothing"},
        '["a", "list"]',
        {"url": "https://a.example/date", "text": "t", "published": "not a date at all qq"},
        b'{"url": "https://a.example/bytes", "text": "Caf\xe9 \xff \\"Still here,\\" said Ann Lee."}',
        "",
        {"url": "https://a.example/1", "text": "the same URL again"},
    ])
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", sqlite_url, "--no-attribute"])
    assert result.exit_code == 2
    for line, message in [(2, "not valid JSON"), (3, 'missing "url"'), (4, "article https://a.example/empty has no text"),
                          (5, 'needs "text" or "html"'), (6, "expected a JSON object"), (7, "unreadable date")]:
        assert f"mixed.jsonl:{line}: {message}" in result.output
    engine = open_engine(sqlite_url)
    with engine.connect() as conn:
        texts = dict(conn.execute(select(Article.url, Article.text)).all())
    assert set(texts) == {"https://a.example/1", "https://a.example/bytes"}
    assert "\ufffd" in texts["https://a.example/bytes"] and "Still here" in texts["https://a.example/bytes"]
    assert "1 already stored" in result.output
    engine.dispose()


def test_html_records_go_through_the_injected_extractor(sqlite_url: str, tmp_path: Path) -> None:
    from crawler.extraction import extract_page

    body = "".join(f"<p>Paragraph {i} of a story about the harbour and the town council meeting.</p>" for i in range(12))
    html = (f"<html><head><title>Harbour vote</title></head><body><article><h1>Harbour vote</h1>{body}"
            '<p>"We will build it," said Jane Smith.</p></article></body></html>')
    path = write_jsonl(tmp_path / "html.jsonl", [{"url": "https://h.example/vote", "html": html,
                                                 "published": "2024-05-01", "authors": ["A. Writer"]}])
    engine = open_engine(sqlite_url)
    report = ingest_files(engine, [path], extract_html=extract_page, extractor=RegexExtractor())
    assert (report.stored, report.mentions, report.errors) == (1, 1, [])
    with engine.connect() as conn:
        row = conn.execute(select(Article)).one()
    assert "We will build it" in row.text and row.authors == ["A. Writer"] and row.html_gz
    assert row.published.isoformat() == "2024-05-01T00:00:00+00:00"
    engine.dispose()


def _warc(path: Path, pages: list[tuple[str, str, str, bytes]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, status, content_type, payload in pages:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))
    return path


def test_warc_html_responses_are_ingested(engine, tmp_path: Path) -> None:
    from crawler.extraction import extract_page

    body = "".join(f"<p>Sentence {i} about the regional budget and the harbour plans.</p>" for i in range(15))
    page = (f'<html><body><article><h1>Budget</h1>{body}<p>"Taxes will not rise," said Jane Smith.</p>'
            "</article></body></html>").encode()
    path = _warc(tmp_path / "crawl.data", [  # told apart from JSON Lines by content, not name
        ("https://w.example/budget", "200 OK", "text/html; charset=utf-8", page),
        ("https://w.example/logo.png", "200 OK", "image/png", b"\x89PNG"),
        ("https://w.example/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
    ])
    report = ingest_files(engine, [path], extract_html=extract_page, extractor=RegexExtractor(), outlet="W")
    assert (report.stored, report.errors) == (1, [])
    assert counts(engine)["mentions"] == 1
    again = ingest_files(engine, [path], extract_html=extract_page, extractor=RegexExtractor())
    assert (again.stored, again.already) == (0, 1)


KILL_SCRIPT = """
import sys
from pathlib import Path
from db.engine import open_engine, reader
from db.ingest import ingest_files
from db_fakes import RegexExtractor
engine = open_engine(sys.argv[1])
ingest_files(engine, [Path(sys.argv[2])], extractor=RegexExtractor(), batch_size=4)
print("done")
"""


def _many_articles(path: Path, n: int) -> Path:
    rows = []
    for i in range(n):
        text = (f'Story {i}. "Shared line repeated by every outlet today," said Jane Smith. '
                f'"Own words number {i} for this story only," said John Doe{"" if i % 3 else " again"}.')
        rows.append({"url": f"https://k.example/{i}", "text": text, "published": f"2025-01-{1 + i % 28:02d}"})
    return write_jsonl(path, rows)


@pytest.mark.slow
def test_killed_ingest_loses_nothing_and_rerun_completes(db_url: str, tmp_path: Path) -> None:
    n = 200
    path = _many_articles(tmp_path / "many.jsonl", n)
    engine = open_engine(db_url)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests" / "db")])}
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, db_url, str(path)], env=env, cwd=ROOT)
    deadline = time.monotonic() + 120
    while counts(engine)["articles"] < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = counts(engine)
    assert 0 < partial["articles"] < n, "the kill should land mid-ingest"
    # Atomic per article: every stored article has all of its mentions.
    assert partial["mentions"] == 2 * partial["articles"]

    done = subprocess.run([sys.executable, "-c", KILL_SCRIPT, db_url, str(path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    final = counts(engine)
    assert (final["articles"], final["mentions"]) == (n, 2 * n)
    with engine.connect() as conn:
        shared = conn.execute(select(Quotation).where(Quotation.text.like("Shared line%"))).one()
    assert (shared.n_articles, shared.n_mentions) == (n, n)
    engine.dispose()


@pytest.mark.slow
def test_a_50_mb_page_in_the_input_is_refused_clearly_and_the_rest_stored(sqlite_url: str, tmp_path: Path) -> None:
    from crawler.extraction import extract_page

    huge = "<html><body>" + "<p>An enormous page that repeats itself again and again.</p>\n" * 900_000 + "</body></html>"
    assert len(huge) > 50_000_000
    path = write_jsonl(tmp_path / "huge.jsonl", [
        {"url": "https://big.example/huge", "html": huge},
        {"url": "https://big.example/fine", "text": 'A normal story. "All fine here," said Jane Smith.'},
    ])
    engine = open_engine(sqlite_url)
    report = ingest_files(engine, [path], extract_html=extract_page, extractor=RegexExtractor())
    assert report.stored == 1 and report.mentions == 1
    assert report.errors == ["huge.jsonl:1: article https://big.example/huge has no text "
                             "(extraction status: too_large): nothing stored"]
    with engine.connect() as conn:
        assert conn.execute(select(Article.url)).scalars().all() == ["https://big.example/fine"]
    engine.dispose()


def test_truncated_files_keep_what_was_read(engine, tmp_path: Path) -> None:
    import gzip

    rows = b"".join(json.dumps({"url": f"https://t.example/{i}", "text": f"Story {i} " * 50}).encode() + b"\n"
                    for i in range(200))
    whole = gzip.compress(rows)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    report = ingest_files(engine, [cut])
    assert 0 < report.stored < 200
    assert len(report.errors) == 1 and "truncated or corrupt" in report.errors[0]

    page = b"<html><body><article>" + b"<p>A paragraph of the story about the budget.</p>" * 40 + b"</article></body></html>"
    warc = _warc(tmp_path / "w.warc.gz", [(f"https://t.example/w{i}", "200 OK", "text/html", page) for i in range(3)])
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 200])
    from crawler.extraction import extract_page

    report = ingest_files(engine, [warc], extract_html=extract_page)
    assert report.stored == 2  # the complete records (warcio drops a cut-off last record silently)
