"""One database engine per process and URL, shared by the spider, the pipelines and the extensions."""

from __future__ import annotations

from functools import lru_cache

from scrapy.settings import BaseSettings


def database_url(settings: BaseSettings) -> str:
    """The crawl's database: QUOTES_DATABASE_URL of the Scrapy settings, else the tracker's."""
    url = settings.get("QUOTES_DATABASE_URL")
    if url:
        return url
    from tracker.settings import get_settings

    return get_settings().database_url


@lru_cache(maxsize=4)
def _engine(url: str):
    from db.engine import open_engine

    return open_engine(url)


def engine_for(settings: BaseSettings):
    return _engine(database_url(settings))
