"""Database errors are one line naming the URL (password masked) and what to do, exit status 2, no
traceback; read-only commands never create a database or a directory; nothing stored is lost."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from db.engine import open_engine
from db.models import Article
from tracker.cli import main


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    """``quotes ARGS`` through the real entry point (its error handling included): (exit status, stderr)."""
    monkeypatch.setattr("sys.argv", ["quotes", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0), capsys.readouterr().err


def one_line(err: str) -> str:
    """The one error line (progress lines aside), and no traceback."""
    lines = [line for line in err.strip().splitlines() if not line[:4].isdigit()]  # progress: "<time> ..."
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"url": "https://e.example/1", "text": '"We will," said Ann Lee.'}) + "\n",
                    encoding="utf-8")
    return path


WRITE = ("ingest", "--no-attribute")


@pytest.mark.parametrize(("url", "expect"), [
    ("nosuchdb://x", "not a database URL"),
    ("postgresql://quotes:s3cret@127.0.0.1:1/quotes", "nothing answers at that host and port"),
    ("postgresql://quotes:s3cret@nonexistent.invalid/quotes", "unknown host"),
])
def test_unusable_urls_are_one_line_with_the_password_masked(capsys, monkeypatch, articles, url, expect) -> None:
    for command in (["search", "tax"], [*WRITE, str(articles)], ["export", "quotes"]):
        status, err = run(capsys, monkeypatch, *command, "--db", url)
        line = one_line(err)
        assert status == 2 and expect in line and "s3cret" not in line
        assert make_url(url).host is None or make_url(url).host in line


def test_a_sqlite_path_in_an_unwritable_or_missing_place(capsys, monkeypatch, articles, tmp_path) -> None:
    status, err = run(capsys, monkeypatch, *WRITE, str(articles), "--db", "sqlite:////proc/quotes.db")
    assert status == 2 and "/proc/quotes.db" in one_line(err)
    missing = tmp_path / "no" / "such" / "dir"
    status, err = run(capsys, monkeypatch, *WRITE, str(articles), "--db", f"sqlite:///{missing / 'x.db'}")
    assert status == 2 and "does not exist" in one_line(err)
    assert not (tmp_path / "no").exists()  # the directory is not created


def test_a_file_that_is_not_a_database_is_left_as_it_was(capsys, monkeypatch, articles, tmp_path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database\n" * 10, encoding="utf-8")
    before = notes.read_bytes()
    for command in (["search", "tax"], [*WRITE, str(articles)], ["report", "--out", str(tmp_path / "site")]):
        status, err = run(capsys, monkeypatch, *command, "--db", f"sqlite:///{notes}")
        assert status == 2 and "not an SQLite database" in one_line(err)
    assert notes.read_bytes() == before


@pytest.mark.parametrize("command", [["search", "tax"], ["export", "quotes"], ["people", "list"],
                                     ["status"], ["report", "--out", "SITE"]])
def test_read_only_commands_never_create_a_database(capsys, monkeypatch, tmp_path, command) -> None:
    typo = tmp_path / "quotse.db"
    command = [str(tmp_path / "site") if part == "SITE" else part for part in command]
    status, err = run(capsys, monkeypatch, *command, "--db", f"sqlite:///{typo}")
    line = one_line(err)
    assert status == 2 and str(typo) in line and "no such database file" in line
    assert not typo.exists()
    status, err = run(capsys, monkeypatch, *command, "--db", f"sqlite:///{tmp_path / 'nodir' / 'q.db'}")
    assert status == 2 and not (tmp_path / "nodir").exists()


@pytest.mark.postgres
def test_a_missing_postgresql_database(capsys, monkeypatch, postgres_url, articles) -> None:
    missing = make_url(postgres_url).set(database=f"quotes_missing_{uuid.uuid4().hex[:8]}")
    url = missing.render_as_string(hide_password=False)
    for command in (["search", "tax"], [*WRITE, str(articles)]):
        status, err = run(capsys, monkeypatch, *command, "--db", url)
        line = one_line(err)
        assert status == 2 and "no such PostgreSQL database" in line and missing.database in line


@pytest.mark.postgres
def test_a_write_as_the_read_only_role_is_one_line_and_changes_nothing(capsys, monkeypatch, postgres_url,
                                                                       articles) -> None:
    role = f"reader_{uuid.uuid4().hex[:10]}"
    assert run(capsys, monkeypatch, *WRITE, str(articles), "--db", postgres_url)[0] == 0
    assert run(capsys, monkeypatch, "db", "grant-readonly", role, "--db", postgres_url)[0] == 0
    as_reader = make_url(postgres_url).set(username=role, password=None).render_as_string(hide_password=False)
    try:
        other = articles.with_name("b.jsonl")
        other.write_text(json.dumps({"url": "https://e.example/2", "text": "More."}) + "\n", encoding="utf-8")
        status, err = run(capsys, monkeypatch, *WRITE, str(other), "--db", as_reader)
        assert status == 2 and "may only read" in one_line(err) and role in err
        engine = open_engine(postgres_url)
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(Article)).scalar_one() == 1
        engine.dispose()
    finally:
        admin = create_engine(make_url(postgres_url).set(drivername="postgresql+psycopg"))
        with admin.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()
