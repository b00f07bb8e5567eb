"""News sources: the default list in ``sources.toml`` and ad-hoc sources from the command line."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_SOURCES_FILE = Path(__file__).with_name("sources.toml")


class SourceError(ValueError):
    """A sources file or a source name that cannot be used."""


@dataclass(frozen=True)
class Source:
    """What one crawl reads: feeds and sitemaps to poll, a site to walk, or a fixed URL list."""

    name: str
    outlet: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    @property
    def allowed_domains(self) -> list[str] | None:
        """Domains the crawl may fetch: the listed ones plus the hosts of the feeds, sitemaps and
        sites. None (no restriction) for a bare URL list or a feed of a source without domains,
        whose links may point anywhere."""
        if not self.domains and not self.sites and not self.sitemaps:
            return None
        hosts = {_host(u) for u in (*self.feeds, *self.sitemaps, *self.sites)}
        return sorted({*self.domains, *hosts} - {""})

    def describe(self) -> str:
        parts = [f"{len(x)} {label}" for x, label in
                 ((self.feeds, "feeds"), (self.sitemaps, "sitemaps"), (self.sites, "sites"),
                  (self.urls, "urls")) if x]
        return ", ".join(parts) or "nothing"


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _check_url(url: object, where: str) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise SourceError(f"{where}: {url!r} is not an http(s) URL")
    return url


def _tuple_of_urls(entry: dict, key: str, where: str) -> tuple[str, ...]:
    values = entry.get(key, [])
    if not isinstance(values, list):
        raise SourceError(f"{where}: '{key}' must be a list")
    return tuple(_check_url(v, where) for v in values)


def load_sources(path: str | Path | None = None) -> dict[str, Source]:
    """Read a sources file (TOML, ``[[source]]`` tables) into {name: Source}, in file order."""
    path = Path(path) if path else DEFAULT_SOURCES_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourceError(f"sources file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: not valid TOML: {exc}") from exc
    sources: dict[str, Source] = {}
    for i, entry in enumerate(data.get("source", []), start=1):
        where = f"{path}: source #{i}"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SourceError(f"{where}: needs a 'name'")
        if name in sources:
            raise SourceError(f"{where}: duplicate name {name!r}")
        source = Source(
            name=name,
            outlet=entry.get("outlet"),
            feeds=_tuple_of_urls(entry, "feeds", where),
            sitemaps=_tuple_of_urls(entry, "sitemaps", where),
            sites=_tuple_of_urls(entry, "sites", where),
            domains=tuple(str(d).lower().removeprefix("www.") for d in entry.get("domains", [])),
        )
        if not (source.feeds or source.sitemaps or source.sites):
            raise SourceError(f"{where} ({name}): lists no feeds, sitemaps or sites")
        sources[name] = source
    return sources


def get_source(name: str, path: str | Path | None = None) -> Source:
    sources = load_sources(path)
    try:
        return sources[name]
    except KeyError:
        known = ", ".join(sources) or "none"
        raise SourceError(f"unknown source {name!r} (known: {known})") from None


def adhoc_source(*, feed: str | None = None, sitemap: str | None = None, site: str | None = None,
                 urls: list[str] | None = None, name: str | None = None) -> Source:
    """A source made from one command-line target, named after its kind and host."""
    if feed:
        url = _check_url(feed, "--feed")
        return Source(name=name or f"feed:{_host(url)}", feeds=(url,))
    if sitemap:
        url = _check_url(sitemap, "--sitemap")
        return Source(name=name or f"sitemap:{_host(url)}", sitemaps=(url,))
    if site:
        url = _check_url(site, "--site")
        return Source(name=name or f"site:{_host(url)}", sites=(url,))
    if urls is not None:
        checked = tuple(_check_url(u, "--url-list") for u in urls)
        return Source(name=name or "url-list", urls=checked)
    raise SourceError("no target given")


def read_url_list(path: str | Path) -> list[str]:
    """URLs of a file, one a line; blank lines and ``#`` comments skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
