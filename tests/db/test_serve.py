"""``quotes serve``: a real Datasette on 127.0.0.1 answers JSON queries on the quote database, read-only."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.util import find_spec
from pathlib import Path

import pytest
from support.quote_fixtures import MCCAIN, build_quote_db
from typer.testing import CliRunner

from db.engine import open_engine
from tracker.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own loopback server
        return json.loads(response.read())


@pytest.mark.skipif(find_spec("datasette") is None, reason='Datasette is not installed (pip install ".[research]")')
def test_datasette_serves_search_facets_and_canned_queries(tmp_path: Path) -> None:
    path = tmp_path / "quotes.db"
    engine = open_engine(f"sqlite:///{path}")
    build_quote_db(engine)
    engine.dispose()
    before = path.read_bytes()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "tracker.cli", "serve", "--db", f"sqlite:///{path}",
                               "--port", str(port)], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/quotes"
    try:
        for _ in range(150):
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                time.sleep(0.2)
        hits = _get(f"{base}/quotations_with_speaker.json?_search=abased&_shape=array")
        assert [row["text"] for row in hits] == [MCCAIN]
        faceted = _get(f"{base}/mentions_with_article.json")
        assert {"speaker", "outlet"} <= set(faceted["facet_results"])
        months = _get(f"{base}/quotations_per_person_month.json")
        assert "month" in months["facet_results"]
        canned = _get(f"{base}/person_per_month.json?speaker=Donald+Trump&_shape=array")
        assert canned and all(set(row) == {"month", "n_quotations", "n_mentions"} for row in canned)
        written = urllib.request.Request(f"{base}.json?sql=DELETE+FROM+quotations", method="GET")
        with pytest.raises(urllib.error.HTTPError):  # a write is refused
            urllib.request.urlopen(written, timeout=10)  # noqa: S310
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
    assert path.read_bytes() == before


def test_serve_never_creates_a_database(tmp_path: Path) -> None:
    typo = tmp_path / "quotse.db"
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{typo}"])
    assert result.exit_code != 0 and not typo.exists()
