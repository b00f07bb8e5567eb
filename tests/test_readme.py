"""The README stays honest: every `quotes` command it shows exists, and its Quickstart is what CI runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_command_paths() -> list[list[str]]:
    """The sub-command path of each `quotes ...` line in the README's shell blocks."""
    paths = []
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if not line.startswith("quotes "):
                continue
            words = [w for w in shlex.split(line)[1:] if not w.startswith("-")]
            path = words[:1]
            if words[:1] in (["db"], ["people"]):
                path = words[:2]
            if path:
                paths.append(path)
    return paths


@pytest.mark.parametrize("path", _readme_command_paths(), ids=" ".join)
def test_readme_command_exists(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output


def test_quickstart_is_two_make_commands_and_ci_runs_the_test_one() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make (\w+)", quickstart, flags=re.M)
    assert commands == ["demo", "test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo: .*\n\t.*quotes demo", makefile, flags=re.M)
