"""One source of truth for the tracker's settings: every default lives here, every env var is read here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_DATABASE_URL = "sqlite:///quotes.db"
DEFAULT_SPACY_MODEL = "en_core_web_sm"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=lambda: _env("QUOTES_DATABASE_URL", DEFAULT_DATABASE_URL))
    spacy_model: str = field(default_factory=lambda: _env("QUOTES_SPACY_MODEL", DEFAULT_SPACY_MODEL))
    redis_url: str | None = field(default_factory=lambda: _env("QUOTES_REDIS_URL"))
    sources_file: str | None = field(default_factory=lambda: _env("QUOTES_SOURCES"))


def get_settings() -> Settings:
    """Read the environment now (not at import), so tests and subprocesses see their own values."""
    return Settings()
