"""Migrations: one head, no drift from the models on either backend, upgrade/current commands,
and the schema check that refuses a database behind the code."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from typer.testing import CliRunner

import db.engine as db_engine
from db.engine import (
    SchemaOutOfDateError,
    create_raw_engine,
    current_revision,
    database_url,
    head_revision,
    open_engine,
    upgrade,
)
from db.errors import DatabaseUnavailable
from db.models import Base
from tracker.cli import app

# What the search revision adds outside the models (FTS5 virtual tables and their shadow tables,
# tsvector columns and their indexes) is not drift.
SEARCH_OBJECT = re.compile(r"fts|search|tsv", re.IGNORECASE)


def _name(obj: object) -> str:
    return str(getattr(obj, "name", "") or "")


def _is_search_extra(diff: tuple) -> bool:
    kind = diff[0]
    if kind == "remove_table":
        return diff[1].name not in Base.metadata.tables or bool(SEARCH_OBJECT.search(_name(diff[1])))
    if kind == "remove_index":
        return diff[1].table.name not in Base.metadata.tables or bool(SEARCH_OBJECT.search(_name(diff[1])))
    if kind == "remove_column":
        return bool(SEARCH_OBJECT.search(_name(diff[3])))
    return False


def _drift(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    flat = [d for group in diffs for d in (group if isinstance(group, list) else [group])]
    return [d for d in flat if not _is_search_extra(d)]


def test_one_migration_head() -> None:
    heads = db_engine._script_directory().get_heads()
    assert len(heads) == 1, heads
    assert head_revision() == heads[0], "a new migration: set db.engine.SCHEMA_REVISION to its revision"


def test_opening_a_sqlite_database_imports_neither_alembic_nor_postgresql(tmp_path: Path) -> None:
    """Alembic is for migrating and the PostgreSQL dialect for PostgreSQL; every command opens the
    database and imports the models, and importing those two costs ~0.3 s of start-up."""
    url = f"sqlite:///{tmp_path / 'q.db'}"
    open_engine(url).dispose()
    code = ("import sys; import db.models; from db.engine import open_engine; open_engine(sys.argv[1]).dispose(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic' or 'postgresql' in m))")
    result = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "[]"


def test_no_drift_between_models_and_migrations(engine) -> None:
    assert current_revision(engine) == head_revision()
    assert _drift(engine) == []


def test_postgresql_urls_get_the_psycopg3_driver() -> None:
    assert database_url("postgresql://u@h:5432/x").drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/x").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://u@h/x").drivername == "postgresql+psycopg"


def test_fresh_sqlite_file_is_created_migrated_wal_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    engine = open_engine(f"sqlite:///{path}")
    assert path.exists()
    with pytest.raises(DatabaseUnavailable, match="does not exist"):  # a mistyped directory is not created
        open_engine(f"sqlite:///{tmp_path / 'sub' / 'fresh.db'}")
    assert not (tmp_path / "sub").exists()
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_database_behind_the_code_is_refused_with_the_upgrade_command(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    raw = create_raw_engine(url)
    upgrade(raw, "0001")
    raw.dispose()
    monkeypatch.setattr(db_engine, "head_revision", lambda: "9999")  # the code has moved on
    with pytest.raises(SchemaOutOfDateError, match=r"quotes db upgrade --db sqlite:///.*old\.db"):
        open_engine(url)


def test_tables_without_a_revision_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "foreign.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE something (id INTEGER)")
    with pytest.raises(SchemaOutOfDateError, match="quotes db upgrade"):
        open_engine(f"sqlite:///{path}")


def test_db_upgrade_and_current_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    before = runner.invoke(app, ["db", "current", "--db", url])
    assert before.exit_code == 1 and "(none" in before.output
    assert not (tmp_path / "cli.db").exists()  # asking for the revision creates no database
    result = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert result.exit_code == 0, result.output
    assert head_revision() in result.output
    after = runner.invoke(app, ["db", "current", "--db", url])
    assert after.exit_code == 0 and "up to date" in after.output


@pytest.mark.postgres
def test_db_upgrade_on_postgresql(postgres_url: str) -> None:
    result = CliRunner().invoke(app, ["db", "upgrade", "--db", postgres_url])
    assert result.exit_code == 0, result.output
    engine = open_engine(postgres_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM quotations")).scalar() == 0
    engine.dispose()


def test_migrations_run_from_a_copied_package_in_another_directory(tmp_path: Path) -> None:
    """Alembic is configured in code: an installed copy of db/ (no alembic.ini, no repository
    around it, another working directory) creates and reports the schema."""
    site = tmp_path / "site"
    shutil.copytree(Path(db_engine.__file__).parent, site / "db",
                    ignore=shutil.ignore_patterns("__pycache__"))
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    code = (
        f"import db.engine as e; assert e.__file__.startswith({str(site)!r}), e.__file__;"
        "engine = e.open_engine('sqlite:///quotes.db');"
        "assert e.current_revision(engine) == e.head_revision(); print('ok')"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", code], cwd=workdir, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok" and (workdir / "quotes.db").exists()


def test_two_processes_opening_one_fresh_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "race.db"
    code = f"from db.engine import open_engine; open_engine('sqlite:///{path}'); print('ok')"
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
