"""scrapyd as docs/operations.md runs it: ``scrapyd-deploy local -p quotes`` from a copy of the repository
builds an egg with the Scrapy entry point and uploads it to a real scrapyd on 127.0.0.1, and a
``schedule.json`` call crawls a loopback feed into the database."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.crawling import ROOT, articles, path_of, quotes_env, run_quotes, runs
from support.loopback import LoopbackSite

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
PROJECT_FILES = ("pyproject.toml", "setup.py", "scrapy.cfg", "README.md", "LICENSE")
PACKAGES = ("attribution", "crawler", "db", "reports", "tracker")

if not (BIN / "scrapyd").exists() or not (BIN / "scrapyd-deploy").exists():
    pytest.skip("scrapyd and scrapyd-client are not installed (pip install '.[test]')", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own 127.0.0.1 server)
        return json.loads(response.read())


def _post(url: str, fields: list[tuple[str, str]]) -> dict:
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(url, data=data, timeout=30) as response:  # noqa: S310
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A scrapyd on a free 127.0.0.1 port, its eggs, logs and job database in tmp_path."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = _free_port()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\nitems_dir =\npoll_interval = 1\n")
    with (home / "scrapyd.out").open("w") as out:
        process = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, env=quotes_env(), stdout=out,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(url + "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((home / "scrapyd.out").read_text()) from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _project_copy(tmp_path: Path, scrapyd_url: str) -> Path:
    """The repository's installable files, with scrapy.cfg's deploy target moved to the test's scrapyd
    (scrapyd-deploy builds in the project folder: build/ and *.egg-info stay out of the worktree)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, project / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, project / package, ignore=shutil.ignore_patterns("__pycache__"))
    cfg = (project / "scrapy.cfg").read_text()
    (project / "scrapy.cfg").write_text(cfg.replace("http://127.0.0.1:6800/", scrapyd_url))
    return project


def _wait_finished(scrapyd_url: str, job: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = _get(scrapyd_url + "listjobs.json?project=quotes")
        if any(j["id"] == job for j in jobs.get("finished", [])):
            return
        time.sleep(1)
    raise AssertionError(f"job {job} did not finish: {jobs}")


def test_scrapyd_deploy_and_schedule_store_articles(scrapyd: str, loopback_site: LoopbackSite,
                                                    db_url: str, tmp_path: Path) -> None:
    project = _project_copy(tmp_path, scrapyd)
    egg = tmp_path / "quotes.egg"
    built = subprocess.run([str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)], cwd=project,
                           env=quotes_env(), capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    with zipfile.ZipFile(egg) as archive:
        entry_points = archive.read("EGG-INFO/entry_points.txt").decode()
    assert "[scrapy]\nsettings = tracker.scrapy_settings" in entry_points

    deployed = subprocess.run([str(BIN / "scrapyd-deploy"), "local", "-p", "quotes"], cwd=project,
                              env=quotes_env(), capture_output=True, text=True, timeout=300)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr[-3000:]
    assert _get(scrapyd + "listspiders.json?project=quotes")["spiders"] == ["news"]

    # Migrations cannot run from inside a zipped egg: the database is made first, as documented.
    upgraded = run_quotes("db", "upgrade", "--db", db_url)
    assert upgraded.returncode == 0, upgraded.stderr
    paths = [p.path for p in loopback_site.articles[:3]]
    feed = loopback_site.set_feed("/scrapyd.xml", paths)
    settings = {"QUOTES_DATABASE_URL": db_url, "QUOTES_ATTRIBUTE": "False", "DOWNLOAD_DELAY": "0",
                "AUTOTHROTTLE_ENABLED": "False", "QUOTES_EXTRACT_PROCESSES": "0"}
    fields = [("project", "quotes"), ("spider", "news"), ("feed", feed),
              *(("setting", f"{k}={v}") for k, v in settings.items())]
    scheduled = _post(scrapyd + "schedule.json", fields)
    assert scheduled["status"] == "ok", scheduled
    _wait_finished(scrapyd, scheduled["jobid"])

    assert sorted(path_of(r["url"]) for r in articles(db_url)) == sorted(paths)
    (run,) = runs(db_url)
    assert run["source"] == "feed:127.0.0.1" and run["close_reason"] == "finished" and run["articles"] == 3
