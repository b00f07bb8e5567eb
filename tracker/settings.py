"""Every setting of the tracker in one table (like Datasette's ``SETTINGS``): its name, environment
variable, default, type and help are written here once, and the environment is read here and nowhere
else.

What is built from the table: the values of one run (:func:`get_settings`), the CLI's shared options
(:mod:`tracker.options`), the Scrapy settings a crawl receives (:func:`scrapy_settings`), and the
reference in ``docs/settings.md`` (``tests/test_settings.py`` checks it against the table both ways).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, make_dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One setting. ``scrapy``: the crawl needs it, as the Scrapy setting named like ``env``."""

    name: str
    env: str
    default: Any
    type: type
    help: str
    scrapy: bool = False

    def parse(self, text: str) -> Any:
        """The value of the environment variable's ``text``, or SettingError saying what is wrong."""
        if self.type is bool:
            return _parse_bool(self, text)
        try:
            return self.type(text)
        except ValueError:
            raise SettingError(f"{self.env} must be {_TYPE_WORDS[self.type]}, got {text!r}") from None


class SettingError(ValueError):
    """An environment variable whose value is not of its setting's type."""


_TYPE_WORDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _parse_bool(setting: Setting, text: str) -> bool:
    word = text.strip().lower()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    raise SettingError(f"{setting.env} must be true or false, got {text!r}")


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "QUOTES_DATABASE_URL", "sqlite:///quotes.db", str,
            "The quote database: an SQLite file or a `postgresql://` URL (every command's `--db`).", scrapy=True),
    Setting("spacy_model", "QUOTES_SPACY_MODEL", None, str,
            "The spaCy pipeline package that attribution runs on (unset: attribution's own default, "
            "`attribution.model.DEFAULT_MODEL`).", scrapy=True),
    Setting("sources_file", "QUOTES_SOURCES", None, str,
            "The sources file of `quotes crawl --source/--all` (unset: `crawler/sources.toml`).", scrapy=True),
    Setting("redis_url", "QUOTES_REDIS_URL", None, str,
            "A Redis server: crawl processes on several machines share one frontier through it."),
    Setting("crawl_attribute", "QUOTES_ATTRIBUTE", True, bool,
            "Attribute articles as they are crawled (`quotes crawl --no-attribute`: `quotes attribute` later).",
            scrapy=True),
    Setting("keep_html", "QUOTES_KEEP_HTML", True, bool,
            "Store each crawled article's HTML (compressed), so that extraction can be rerun.", scrapy=True),
    Setting("extract_processes", "QUOTES_EXTRACT_PROCESSES", None, int,
            "Extraction processes of a crawl (unset: one per core, at most 4; 0: in the crawl process).",
            scrapy=True),
    Setting("warc_dir", "QUOTES_WARC_DIR", None, str,
            "Archive every crawled response as WARC in this directory (`quotes crawl --warc-dir`).", scrapy=True),
    Setting("redis_dupefilter_ttl", "QUOTES_REDIS_DUPEFILTER_TTL", 3600, int,
            "Seconds the shared frontier remembers a request, so that one lost with a killed process is "
            "fetched again by a later run.", scrapy=True),
    Setting("redis_idle_grace", "QUOTES_REDIS_IDLE_GRACE", 10.0, float,
            "Seconds a crawl process with the shared frontier stays open after its last response, in case "
            "a sibling is about to enqueue pages.", scrapy=True),
    Setting("redis_poll_interval", "QUOTES_REDIS_POLL_INTERVAL", 0.5, float,
            "Seconds between two looks at the shared frontier's queue by a crawl process with room for "
            "requests (Scrapy looks only after its own responses and every 5 s), so siblings share the pages.",
            scrapy=True),
    Setting("fetch_max_tries", "QUOTES_FETCH_MAX_TRIES", 4, int,
            "Tries of a page that failed (HTTP error, DNS, timeout...) over later crawls before it is given up.",
            scrapy=True),
    Setting("fetch_retry_backoff", "QUOTES_FETCH_RETRY_BACKOFF", 3600.0, float,
            "Seconds before a failed page is tried again by a later crawl, doubled after each failure.",
            scrapy=True),
    Setting("progress_interval", "QUOTES_PROGRESS_INTERVAL", 60.0, float,
            "Seconds between two progress lines of a crawl off a terminal (scheduled runs, scrapyd's log); "
            "0: none.", scrapy=True),
    Setting("processes", "QUOTES_PROCESSES", 1, int,
            "Worker processes of `quotes attribute` and `quotes extract --input`."),
    Setting("batch_size", "QUOTES_BATCH_SIZE", 16, int,
            "Documents handled together: claimed per batch by `quotes attribute`, per spaCy batch by "
            "`quotes extract --input`."),
    Setting("lease_seconds", "QUOTES_LEASE_SECONDS", 600, int,
            "Seconds a batch claimed by `quotes attribute` stays its worker's (a killed worker's batch is "
            "taken over when the lease ends)."),
    Setting("curator", "QUOTES_CURATOR", None, str,
            "Who hand corrections are recorded as (`quotes people rename`, `quotes mentions reassign/reject`, "
            "`quotes corrections undo`; `--by`; unset: the login name)."),
)

SETTINGS_BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}

Settings = make_dataclass("Settings", [(setting.name, Any) for setting in SETTINGS], frozen=True)
Settings.__doc__ = "The value of every Setting for one run (``settings.database_url``); see get_settings()."


def get_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the environment now (not at import), so tests and subprocesses see their own values.

    An empty variable counts as unset. Raises SettingError for a value that is not of its type.
    """
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        text = environ.get(setting.env)
        values[setting.name] = setting.default if text in (None, "") else setting.parse(text)
    return Settings(**values)


NATIVE_THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_native_thread() -> None:
    """One BLAS/OpenMP thread per process, unless the environment says otherwise: N worker processes on
    N cores, no oversubscription. (Only takes effect before numpy is first imported.)"""
    for name in NATIVE_THREAD_LIMITS:
        os.environ.setdefault(name, "1")


def scrapy_settings(settings: Settings) -> dict[str, Any]:
    """The Scrapy settings a crawl receives from the table: ``QUOTES_*`` named like the variables."""
    return {setting.env: getattr(settings, setting.name) for setting in SETTINGS if setting.scrapy}


def login_name() -> str:
    """The user running this process (the ``curator`` setting's fallback)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container without a passwd entry)
        return "unknown"
