"""docs/operations.md and deploy/ stay honest: the commands and options they show exist, and the
scheduled units do what the docs say."""

from __future__ import annotations

import configparser
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")


def _quotes_invocations() -> list[list[str]]:
    """Every `quotes ...` command line in the doc's shell blocks."""
    calls = []
    for block in re.findall(r"```sh\n(.*?)```", DOC, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith("quotes "):
                    calls.append(shlex.split(part)[1:])
    return calls


@pytest.mark.parametrize("argv", _quotes_invocations(), ids=" ".join)
def test_documented_commands_and_options_exist(argv: list[str]) -> None:
    from tracker.cli import app

    command = argv[0]
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, f"`quotes {command}` does not exist"
    for option in (a.split("=")[0] for a in argv[1:] if a.startswith("-")):
        assert option in result.output, f"`quotes {command}` has no {option}"


def test_doc_names_settings_that_exist() -> None:
    from tracker import scrapy_settings
    from tracker.settings import SETTINGS

    variables = {setting.env for setting in SETTINGS}
    for name in re.findall(r"`((?:QUOTES|CLOSESPIDER|DOWNLOAD|ROBOTSTXT|RETRY|USER)_[A-Z_]+)`", DOC):
        if name.startswith("CLOSESPIDER_"):
            continue  # Scrapy's own, set per crawl
        assert name in variables or hasattr(scrapy_settings, name), name


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read_string((ROOT / "deploy" / name).read_text())
    return parser


def test_systemd_units_run_crawl_then_report_under_flock() -> None:
    service, timer = _unit("quotes-crawl.service"), _unit("quotes-crawl.timer")
    exec_start = service["Service"]["ExecStart"]
    assert "flock" in exec_start
    assert exec_start.index("quotes crawl --all") < exec_start.index("quotes report")
    assert "--timeout" in exec_start
    assert service["Service"]["Type"] == "oneshot"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "quotes-crawl.service"


def test_crontab_line_is_equivalent() -> None:
    lines = [x for x in (ROOT / "deploy" / "crontab").read_text().splitlines() if x and not x.startswith("#")]
    (line,) = lines
    assert len(line.split()[:5]) == 5 and "flock -n" in line
    assert line.index("quotes crawl --all") < line.index("quotes report")


def test_scrapy_cfg_has_settings_and_a_deploy_target() -> None:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "scrapy.cfg")
    assert cfg["settings"]["default"] == "tracker.scrapy_settings"
    assert any(section.startswith("deploy") for section in cfg.sections())


# --- the scheduled commands, run for real with a stand-in `quotes` -----------------------------------

FAKE_QUOTES = """#!/bin/sh
echo "$1 db=$QUOTES_DATABASE_URL" >> "$CALLS"
[ "$1" = crawl ] && exit "$CRAWL_EXIT"
exit 0
"""


def _install_fake(tmp_path: Path) -> dict[str, str]:
    """A fake /opt/quote-tracker whose `quotes` notes each call and the database it was given."""
    (tmp_path / "opt" / ".venv" / "bin").mkdir(parents=True)
    quotes = tmp_path / "opt" / ".venv" / "bin" / "quotes"
    quotes.write_text(FAKE_QUOTES)
    quotes.chmod(0o755)
    (tmp_path / "log").mkdir()
    (tmp_path / "env").write_text("QUOTES_DATABASE_URL=postgresql://quotes@db.internal/quotes\n")
    return {"/opt/quote-tracker": str(tmp_path / "opt"), "/etc/quote-tracker/env": str(tmp_path / "env"),
            "/var/log/quotes": str(tmp_path / "log"), "/tmp/quotes-crawl.lock": str(tmp_path / "lock"),
            "/run/lock/quotes-crawl.lock": str(tmp_path / "lock"), "/srv/quotes": str(tmp_path / "srv")}


def _moved(command: str, paths: dict[str, str]) -> str:
    for old, new in paths.items():
        command = command.replace(old, new)
    return command


def _run(argv: list[str], tmp_path: Path, crawl_exit: int, **env: str) -> subprocess.CompletedProcess:
    import os

    base = {"PATH": os.environ["PATH"], "CALLS": str(tmp_path / "calls"), "CRAWL_EXIT": str(crawl_exit), **env}
    return subprocess.run(argv, env=base, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("crawl_exit", [0, 1, 2])
def test_the_crontab_line_loads_the_environment_file_and_surfaces_a_failed_crawl(tmp_path: Path,
                                                                                 crawl_exit: int) -> None:
    (line,) = [x for x in (ROOT / "deploy" / "crontab").read_text().splitlines() if x and not x.startswith("#")]
    command = _moved(line.split(None, 5)[5], _install_fake(tmp_path))
    result = _run(["/bin/sh", "-c", command], tmp_path, crawl_exit)
    calls = (tmp_path / "calls").read_text().splitlines()
    # The environment file of the systemd unit was loaded; the report is built even after a failure.
    assert calls == ["crawl db=postgresql://quotes@db.internal/quotes", "report db=postgresql://quotes@db.internal/quotes"]
    # cron ignores exit statuses; what it mails (MAILTO) is the job's output: nothing when all went well, one line when the crawl failed.
    assert result.stdout.strip() == ("" if crawl_exit == 0 else
                                     f"quotes crawl failed (exit {crawl_exit}): see {tmp_path / 'log'}/crawl.log")


@pytest.mark.parametrize("crawl_exit", [0, 1, 2])
def test_the_systemd_service_fails_when_the_crawl_failed_and_still_builds_the_report(tmp_path: Path,
                                                                                    crawl_exit: int) -> None:
    service = _unit("quotes-crawl.service")["Service"]
    assert service["EnvironmentFile"] == "/etc/quote-tracker/env"  # required, as the crontab requires it
    # systemd joins continued lines and turns $$ into $ (it expands $NAME itself).
    exec_start = service["ExecStart"].replace("\\\n", " ").replace("$$", "$")
    argv = shlex.split(_moved(exec_start, _install_fake(tmp_path)))
    result = _run(argv, tmp_path, crawl_exit, QUOTES_DATABASE_URL="postgresql://quotes@db.internal/quotes")
    assert [c.split()[0] for c in (tmp_path / "calls").read_text().splitlines()] == ["crawl", "report"]
    assert result.returncode == crawl_exit
