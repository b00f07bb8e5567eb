"""Read-only access: SQLite opened with mode=ro cannot write; a PostgreSQL role made by
`quotes db grant-readonly ROLE` can read everything and write nothing."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from support.quote_fixtures import MCCAIN, build_quote_db
from typer.testing import CliRunner

from db.access import AccessError, grant_readonly, open_readonly, readonly_url
from db.engine import open_engine
from db.search import search_quotations
from tracker.cli import app


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    path = tmp_path / "quotes.db"
    engine = open_engine(f"sqlite:///{path}")
    build_quote_db(engine)
    engine.dispose()
    return path


def test_sqlite_read_only_reads_but_cannot_write(sqlite_file: Path) -> None:
    engine = open_readonly(sqlite_file)
    try:
        assert [hit.text for hit in search_quotations(engine, "abased himself")] == [MCCAIN]
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM quotations_with_speaker")).scalar_one() == 4
        for statement in (
            "INSERT INTO outlets (name, created_at) VALUES ('x', '2025-01-01 00:00:00')",
            "UPDATE quotations SET text = 'changed'",
            "DELETE FROM mentions",
            "CREATE TABLE scratch (id integer)",
        ):
            with pytest.raises(OperationalError, match="readonly database"):
                with engine.begin() as conn:
                    conn.execute(text(statement))
    finally:
        engine.dispose()
    with open_engine(f"sqlite:///{sqlite_file}").connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM mentions")).scalar_one() == 5


def test_sqlite_read_only_sees_a_writer_s_commits(sqlite_file: Path) -> None:
    writer = open_engine(f"sqlite:///{sqlite_file}")
    reader = open_readonly(sqlite_file)
    try:
        with writer.begin() as conn:
            conn.execute(text("UPDATE people SET name = 'Senator John McCain' WHERE name = 'John McCain'"))
        assert [hit.speaker for hit in search_quotations(reader, "abased")] == ["Senator John McCain"]
    finally:
        reader.dispose()
        writer.dispose()


def test_readonly_url_and_errors(tmp_path: Path, sqlite_file: Path) -> None:
    url = readonly_url(f"sqlite:///{sqlite_file}")
    assert url.query["mode"] == "ro"
    assert readonly_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(AccessError, match="no such database file"):
        open_readonly(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    odd = tmp_path / "dir with space & ?mark.db"
    odd.write_bytes(sqlite_file.read_bytes())
    engine = open_readonly(odd)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM quotations")).scalar_one() == 4
    engine.dispose()


def test_grant_readonly_is_for_postgresql(sqlite_file: Path) -> None:
    engine = open_engine(f"sqlite:///{sqlite_file}")
    with pytest.raises(AccessError, match="for PostgreSQL"):
        grant_readonly(engine, "reader")
    engine.dispose()


# --- PostgreSQL ---------------------------------------------------------------------------------


@pytest.fixture
def pg_engine(postgres_url: str):
    engine = open_engine(postgres_url)
    build_quote_db(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def role(pg_engine):
    """A role name of this test's own; dropped afterwards (roles are cluster-wide)."""
    name = f"reader_{uuid.uuid4().hex[:10]}"
    yield name
    with pg_engine.begin() as conn:
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": name}).first():
            conn.execute(text(f'DROP OWNED BY "{name}"'))
            conn.execute(text(f'DROP ROLE "{name}"'))


def _as_role(pg_engine, role: str):
    return create_engine(make_url(pg_engine.url).set(username=role, password=None))


def _assert_reads_but_cannot_write(pg_engine, role: str) -> None:
    reader = _as_role(pg_engine, role)
    try:
        with reader.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar_one() == role
            assert conn.execute(text("SELECT count(*) FROM mentions_with_article")).scalar_one() == 5
            assert [hit.text for hit in search_quotations(conn, "abased himself")] == [MCCAIN]
        for statement in (
            "INSERT INTO outlets (name, created_at) VALUES ('x', now())",
            "UPDATE quotations SET text = 'changed'",
            "DELETE FROM mentions",
            "CREATE TABLE scratch (id integer)",
        ):
            with pytest.raises(ProgrammingError, match="permission denied"):
                with reader.begin() as conn:
                    conn.execute(text(statement))
    finally:
        reader.dispose()


def test_postgres_readonly_role_cannot_write(pg_engine, role: str) -> None:
    grant_readonly(pg_engine, role)
    grant_readonly(pg_engine, role)  # idempotent
    _assert_reads_but_cannot_write(pg_engine, role)


def test_grant_readonly_command(pg_engine, role: str) -> None:
    url = pg_engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["db", "grant-readonly", role, "--db", url])
    assert result.exit_code == 0, result.output
    _assert_reads_but_cannot_write(pg_engine, role)


def test_postgres_readonly_role_reads_tables_added_later(pg_engine, role: str) -> None:
    grant_readonly(pg_engine, role)
    with pg_engine.begin() as conn:
        conn.execute(text("CREATE TABLE added_later (id integer)"))
        conn.execute(text("INSERT INTO added_later VALUES (1)"))
    reader = _as_role(pg_engine, role)
    with reader.connect() as conn:
        assert conn.execute(text("SELECT id FROM added_later")).scalar_one() == 1
    reader.dispose()


@pytest.mark.parametrize("bad", ["reader; DROP TABLE quotations", "x" * 64, "1reader", 'a"b', ""])
def test_role_names_are_checked_not_spliced(pg_engine, bad: str) -> None:
    with pytest.raises(AccessError, match="not a plain role name"):
        grant_readonly(pg_engine, bad)
    with pg_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM quotations")).scalar_one() == 4


def test_read_commands_name_the_real_upgrade_command(sqlite_file: Path) -> None:
    url = f"sqlite:///{sqlite_file}"
    engine = open_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    result = CliRunner().invoke(app, ["search", "abased", "--db", url])
    assert result.exit_code == 1
    assert f"quotes db upgrade --db {url}" in result.output
    assert "mode=ro" not in result.output


def test_export_to_a_device_writes_through(sqlite_file: Path) -> None:
    devnull = Path("/dev/null")
    if not devnull.is_char_device():
        pytest.skip("no /dev/null here")
    result = CliRunner().invoke(
        app, ["export", "mentions", "-o", str(devnull), "--db", f"sqlite:///{sqlite_file}"]
    )
    assert result.exit_code == 0, result.output
    assert "exported 5 mentions" in result.output
    assert devnull.is_char_device()  # not replaced by a regular file
