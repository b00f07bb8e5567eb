"""Bad input to ``quotes ingest``: one clear line, exit status 2, and nothing stored lost or truncated.

A lone surrogate is cleaned before the extractor sees it; a WARC cut anywhere between 30 and 99 % is
reported with its byte offset and its cut page is not stored (a later ingest of the whole file stores
it whole); a garbage ``.warc`` is an error."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from db_fakes import RegexExtractor
from sqlalchemy import select
from typer.testing import CliRunner

from db.engine import open_engine
from db.ingest import ingest_files
from db.models import Article
from tracker.cli import app


class StrictExtractor(RegexExtractor):
    """Fails like spaCy's tokenizer on text UTF-8 cannot encode."""

    def extract(self, text: str, published: str | None = None):
        text.encode("utf-8")
        return super().extract(text, published)

    def extract_many(self, docs: Iterable[tuple[str, str | None]], processes: int = 1,
                     batch_size: int = 16) -> Iterator[list]:
        for text, published in docs:
            yield self.extract(text, published)


def _texts(url: str) -> dict[str, str]:
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return dict(conn.execute(select(Article.url, Article.text)).all())
    finally:
        engine.dispose()


def test_a_lone_surrogate_is_cleaned_before_attribution_and_a_rerun_adds_nothing(db_url: str,
                                                                                 tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"url": "https://s.example/1", "text": "\\"Odd \\ud800 here,\\" said Ann Lee."}\n'
                    '{"url": "https://s.example/2", "text": "\\"Fine,\\" said Bob Ray."}\n', encoding="utf-8")
    engine = open_engine(db_url)
    report = ingest_files(engine, [path], extractor=StrictExtractor())
    assert (report.stored, report.mentions, report.errors) == (2, 2, [])
    again = ingest_files(engine, [path], extractor=StrictExtractor())
    assert (again.stored, again.already, again.errors) == (0, 2, [])
    engine.dispose()
    assert _texts(db_url)["https://s.example/1"] == '"Odd \ufffd here," said Ann Lee.'


def _page(i: int) -> bytes:
    body = "".join(f"<p>Paragraph {j} of story {i} about the harbour and the council budget.</p>" for j in range(30))
    return f"<html><body><article><h1>Story {i}</h1>{body}</article></body></html>".encode()


def _warc_bytes(pages: int, *, gzip: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for i in range(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://w.example/{i}", "response",
                                                      payload=io.BytesIO(_page(i)), http_headers=headers))
    return out.getvalue()


def _ingest(path: Path, url: str):
    return CliRunner().invoke(app, ["ingest", str(path), "--db", url, "--no-attribute"])


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("share", [0.3, 0.5, 0.7, 0.9, 0.99])
def test_a_cut_warc_is_reported_with_its_offset_and_no_cut_page_is_stored(sqlite_url: str, tmp_path: Path,
                                                                          gzip: bool, share: float) -> None:
    whole = _warc_bytes(3, gzip=gzip)
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    full, cut = tmp_path / "full" / name, tmp_path / name
    full.parent.mkdir()
    full.write_bytes(whole)
    cut.write_bytes(whole[: int(len(whole) * share)])
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    assert _ingest(full, reference).exit_code == 0
    expected = _texts(reference)

    result = _ingest(cut, sqlite_url)
    assert result.exit_code == 2, result.output
    assert "truncated" in result.output and "byte" in result.output
    stored = _texts(sqlite_url)
    assert all(stored[url] == expected[url] for url in stored)  # what is stored is whole

    again = _ingest(full, sqlite_url)  # the complete copy later: every page, whole
    assert again.exit_code == 0, again.output
    assert _texts(sqlite_url) == expected


def test_a_garbage_warc_is_an_error(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "garbage.warc"
    path.write_bytes(b"\x7fELF\x02\x01 not a web archive \x00\xff" * 40)
    result = _ingest(path, sqlite_url)
    assert result.exit_code == 2
    assert "garbage.warc@0: not a WARC file" in result.output
    assert "0 errors" not in result.output
