"""The command line's shared options, declared once from the settings table (tracker/settings.py).

Each is ``None`` unless given, so the setting's environment variable, else its default, applies:
:func:`resolve` makes the settings of one command from what was given.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import typer

from tracker.settings import SETTINGS_BY_NAME, Settings, get_settings


def help_for(name: str, text: str) -> str:
    """An option's help: ``text``, then where the default comes from (the setting's variable, its default)."""
    setting = SETTINGS_BY_NAME[name]
    default = f", else {setting.default}" if setting.default is not None else ""
    return f"{text} (default: {setting.env}{default})."


def resolve(**given: Any) -> Settings:
    """The settings of this run, with the options that were given (not None) in place of the table's."""
    return replace(get_settings(), **{name: value for name, value in given.items() if value is not None})


Database = Annotated[str | None, typer.Option("--db", metavar="URL", help=help_for("database_url", "Database URL"))]
Processes = Annotated[int | None, typer.Option(
    "--processes", min=1, help=help_for("processes", "Worker processes on this machine"))]
BatchSize = Annotated[int | None, typer.Option(
    "--batch-size", min=1, help=help_for("batch_size", "Documents per batch"))]
Lease = Annotated[int | None, typer.Option(
    "--lease", min=10, help=help_for("lease_seconds", "Seconds a claimed batch stays ours"))]
Curator = Annotated[str | None, typer.Option(
    "--by", help=help_for("curator", "Who makes the correction (unset: the login name)"))]
Reason = Annotated[str | None, typer.Option("--reason", help="Why: kept with the correction.")]
