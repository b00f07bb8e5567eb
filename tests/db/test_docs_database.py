"""docs/database.md stays honest: every command it shows exists and takes the options it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "database.md"
GROUPS = {"db"}


def documented_commands() -> list[tuple[list[str], list[str]]]:
    text = DOC.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\n\s+(?=\[|--)", " ", block)  # continuation lines of one command
        for line in joined.splitlines():
            words = line.split("#")[0].split()
            if not words or words[0] != "quotes":
                continue
            path = words[1:3] if words[1] in GROUPS else words[1:2]
            options = sorted(set(re.findall(r"(--[a-z][a-z-]*)", line)))
            commands.append((path, options))
    return commands


def test_the_doc_shows_commands() -> None:
    paths = {" ".join(path) for path, _ in documented_commands()}
    assert {"db upgrade", "db current", "ingest", "attribute"} <= paths


@pytest.mark.parametrize(("path", "options"), documented_commands(), ids=lambda v: " ".join(v))
def test_documented_command_and_options_exist(path: list[str], options: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    for option in options:
        assert option in result.output, f"{' '.join(path)} has no {option}"
