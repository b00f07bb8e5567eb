"""The ``quotes`` command line. Each command group lives in ``tracker/commands/<group>.py``
and exposes ``register(app)``; this module only assembles them and sets up logging."""

from __future__ import annotations

import gc
import importlib
import logging
import sys

import typer

from tracker import __version__
from tracker.settings import SettingError, get_settings

COMMAND_MODULES = ("extract", "db", "research", "curation", "crawl", "report", "serve")

app = typer.Typer(
    name="quotes",
    help="Quote and attribution tracker: crawl news, attribute quotations, store them, report them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if not value:
        return
    from attribution.model import describe_model, load_nlp

    nlp = load_nlp(get_settings().spacy_model)
    typer.echo(f"quotes {__version__}")
    typer.echo(f"spaCy model: {describe_model(nlp)}")
    raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(  # noqa: ARG001 - handled by its eager callback
        False, "--version", callback=_print_version, is_eager=True, help="Show versions and the spaCy model."
    ),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More logging (-v info, -vv debug)."),
) -> None:
    """Quote and attribution tracker."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"tracker.commands.{name}").register(app)


_register_commands()


def main() -> None:
    try:
        app()
    except Exception as exc:
        # A missing spaCy model or a bad setting is the user's to fix: one clear message, not a traceback.
        from attribution.model import ModelNotFoundError

        if _is_database_error(exc):
            # A database that cannot be opened or written as asked: one line naming it, exit 2.
            from db.engine import last_url
            from db.errors import explain

            typer.echo(f"error: {explain(exc, last_url())}", err=True)
            raise SystemExit(2) from None
        if not isinstance(exc, ModelNotFoundError | SettingError):
            raise
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from None
    finally:
        # The command is done: spare the interpreter's last garbage collection over everything the
        # libraries still hold (a tenth of a second of every `quotes report`); memory goes back at exit.
        gc.freeze()


def _is_database_error(exc: BaseException) -> bool:
    if "sqlalchemy" not in sys.modules:  # nothing opened a database
        return False
    from sqlalchemy.exc import SQLAlchemyError

    from db.errors import DatabaseUnavailable

    return isinstance(exc, SQLAlchemyError | DatabaseUnavailable)


if __name__ == "__main__":
    main()
