"""Shared fixtures of the attribution tests: the pipeline is loaded once per test session."""

from __future__ import annotations

import json

import pytest
from support.paths import ATTRIBUTION_FIXTURES as FIXTURES


@pytest.fixture(scope="session")
def extractor():
    from attribution import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed() -> dict:
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    expected["text"] = (FIXTURES / expected["file"]).read_text(encoding="utf-8")
    return expected


@pytest.fixture(scope="session")
def seed_doc(extractor, seed):
    return extractor.process(seed["text"], seed["published"])
