"""One database engine per process and URL, shared by the spider, the pipelines and the extensions."""

from __future__ import annotations

from functools import lru_cache

from scrapy.settings import BaseSettings


def database_url(settings: BaseSettings) -> str:
    """The crawl's database: the QUOTES_DATABASE_URL setting the crawl received."""
    url = settings.get("QUOTES_DATABASE_URL")
    if not url:
        raise RuntimeError("no QUOTES_DATABASE_URL: the crawl was not given its database")
    return url


@lru_cache(maxsize=4)
def _engine(url: str):
    from db.engine import open_engine

    return open_engine(url)


def engine_for(settings: BaseSettings):
    return _engine(database_url(settings))
