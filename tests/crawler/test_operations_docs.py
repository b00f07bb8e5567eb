"""docs/operations.md and deploy/ stay honest: the commands and options they show exist, and the
scheduled units do what the docs say."""

from __future__ import annotations

import configparser
import re
import shlex
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
