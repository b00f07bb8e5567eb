"""Build the static report site from the database: ``build_site(engine, out, version=...)``.

One streaming pass over the quotations, ordered by figure (db.reporting): each figure's pages, downloads,
multi-article quotation pages and search entries are written while only that figure is in memory.
The site is built in a temporary directory next to ``out`` and swapped in at the end.

Incremental rebuilds: ``out/manifest.json`` keeps, per page, the hash of its inputs (the figure's or
outlet's fingerprint from SQL aggregates, the templates, the static files, the tracker version and the
report filters). A rerun re-reads and re-renders only figures/outlets whose hash changed and hard-links
every other page from the previous build.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import logging
import multiprocessing
import os
import time
import uuid
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

import orjson
from sqlalchemy import Engine

from db import reporting
from db.reporting import UNATTRIBUTED, FigureInfo, OutletSummary, QuotationRow, ReportFilter
from reports import fragments, output
from reports.charts import sparkline
from reports.render import Renderer, safe_href
from reports.summary import FigureSummary

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
N_SHARDS = 64  # search index files; a new article rewrites only the shards of the figures it touches
PAGE_BUDGET = 1_800_000  # bytes of quotation cards per figure page: with the page chrome, under ~2 MB
UNATTRIBUTED_NAME = "(speaker not resolved)"


@dataclass
class BuildStats:
    out: Path
    full: bool
    figures: int = 0
    quotations: int = 0
    pages_rendered: int = 0
    files_reused: int = 0
    figures_reread: int = 0
    in_place: bool = False  # built into the spare copy of the site (see reports.output)
    lock_wait: float = 0.0  # seconds spent waiting for another build of the same site
    seconds: float = 0.0


@dataclass
class _FigureResult:
    key: str
    summary: FigureSummary
    files: list[str] = field(default_factory=list)


def build_site(engine: Engine, out: str | Path, *, version: str, report: ReportFilter | None = None,
               full: bool = False, workers: int | None = None, background_cleanup: bool = False) -> BuildStats:
    """Write (or update) the report site in ``out``; return what was done.

    ``version`` is the tracker's version, printed on every page (reports does not import tracker).
    ``full=True`` ignores the previous build's manifest. ``workers``: processes rendering pages while
    the database is read (default: one per CPU, up to 4, when there are many figures to render).
    ``background_cleanup``: delete the replaced site in a detached process (the CLI does).
    """
    build = _SiteBuild(engine, Path(out), version, report or ReportFilter(), full, workers)
    build.background_cleanup = background_cleanup
    with _cyclic_gc_paused():
        return build.run()


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """A build allocates millions of small acyclic objects (rows, strings, markup), all freed by reference
    counting; meanwhile the cyclic collector would rescan everything kept (the previous manifest, the
    figures' summaries) over and over, a sixth of a rerun's time. Paused for the build, then restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def shard_of(figure_id: int) -> int:
    return figure_id % N_SHARDS


class _SiteBuild:
    def __init__(self, engine: Engine, out: Path, version: str, report: ReportFilter, full: bool,
                 workers: int | None = None) -> None:
        self.engine, self.out, self.version, self.report, self.workers = engine, out, version, report, workers
        self.renderer = Renderer(version)
        self.inputs = output.digest(MANIFEST_FORMAT, version, self.renderer.fingerprint, _filter_key(report))
        self.full = full
        self.old: dict[str, Any] = {}  # the previous build's manifest, read once this build holds the lock
        self.stats = BuildStats(out, full=True)
        self.pages: dict[str, str] = {}
        self.written: list[str] = []  # files written (not reused) by this build: the spare's next sync
        self.children: list[tuple[Any, Any]] = []  # forked page writers: (process, join) (_Renderers)
        self.outlet_summaries: list[OutletSummary] | None = None  # read during a parallel full build
        self.background_cleanup = False

    def _load_manifest(self) -> dict[str, Any]:
        manifest = output.read_manifest(self.out) or {}
        return manifest if manifest.get("inputs") == self.inputs else {}

    def run(self) -> BuildStats:
        started = time.perf_counter()
        with output.build_lock(self.out):
            self.stats.lock_wait = time.perf_counter() - started  # another build, or the spare being made
            # the two change-detection scans run in SQLite (which releases the GIL) while this thread
            # reads the previous manifest and the people; the threads end before any process is forked
            self.queries = ThreadPoolExecutor(2)
            try:
                self.figure_fingerprints = self.queries.submit(reporting.figure_fingerprints, self.engine)
                self.outlet_fingerprints = self.queries.submit(reporting.outlet_fingerprints, self.engine)
                self.old = {} if self.full else self._load_manifest()
                self.stats.full = not self.old
                self._run()
            finally:
                self.queries.shutdown(wait=True, cancel_futures=True)
        if not self.old:  # a full build: the next rerun builds into a linked copy of this site
            if self.background_cleanup:
                output.make_spare_later(self.out)  # waits for the lock, which is released by now
            else:
                output.make_spare(self.out)
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def _run(self) -> None:
        spare = None
        if self.old:
            spare = output.take_spare(self.out, self.old, background_cleanup=self.background_cleanup)
        else:
            output.discard_spare(self.out, background=self.background_cleanup)
        self.in_place = spare is not None
        self.tmp = spare or output.make_build_dir(self.out)
        self.stats.in_place = self.in_place
        # building in the spare, an unchanged file is already in place: "reusing" it links nothing
        self.out_prefix, self.tmp_prefix = f"{self.tmp if self.in_place else self.out}/", f"{self.tmp}/"
        try:
            self.renderer.assets = output.copy_assets(self.renderer.static_dir, self.tmp)
            self.taken_at = reporting.data_taken_at(self.engine)
            figures = self._build_figures()
            outlets = self._build_outlets(figures)
            self._build_indexes(figures, outlets)
            self._join_children()
            removed = sorted(set(self.old.get("pages", {})) - set(self.pages))
            if self.in_place:
                output.remove_files(self.tmp, removed)
            self._write_manifest(figures, outlets, removed)
            output.swap_in(self.tmp, self.out, keep_spare=bool(self.old),
                           background_cleanup=self.background_cleanup)
            for stale in output.retired_trees(self.out):  # left by an interrupted earlier cleanup
                if str(os.getpid()) not in stale.name:
                    output.remove_tree(stale, background=self.background_cleanup)
        except BaseException:
            import shutil

            for child, _ in self.children:
                child.kill()
                child.join()
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise

    def _join_children(self) -> None:
        """Wait for every forked page writer (each is joined even when another failed), then fail if any did."""
        children, self.children = self.children, []
        errors = []
        for _, join in children:
            try:
                join()
            except Exception as exc:  # noqa: BLE001 - raised below, after the other children are joined
                errors.append(exc)
        if errors:
            raise errors[0]

    # --- figures -------------------------------------------------------------------------------------

    def _build_figures(self) -> dict[int, _FigureResult]:
        infos = reporting.figures(self.engine)
        infos[UNATTRIBUTED] = FigureInfo(UNATTRIBUTED, UNATTRIBUTED_NAME, "unresolved")
        self.infos = infos
        keys = {fid: output.digest(fp, _info_key(infos.get(fid)))
                for fid, fp in self.figure_fingerprints.result().items()}
        self.outlet_fingerprints.result()
        self.queries.shutdown(wait=True)  # no thread left running when processes are forked
        old_figures = {int(k): {**v, "summary": FigureSummary.from_manifest(v["summary"])}
                       for k, v in self.old.get("figures", {}).items()}
        changed = {fid for fid, key in keys.items() if old_figures.get(fid, {}).get("key") != key}
        removed = set(old_figures) - set(keys)
        dirty_shards = set(range(N_SHARDS)) if not self.old else {shard_of(f) for f in changed | removed}
        to_read = self._figures_to_read(keys, changed, dirty_shards, old_figures)
        self.stats.figures_reread = len(keys) if to_read is None else len(to_read)

        results: dict[int, _FigureResult] = {}
        workers = self.workers if self.workers is not None else _auto_workers(len(changed))
        if to_read is None and workers > 1:
            self._build_partitions(keys, workers, results)
        else:
            self._stream_figures(keys, changed, dirty_shards, to_read, old_figures, workers, results)
        self._record_shards(dirty_shards)
        self._keep_unchanged_figures(keys, changed, old_figures, results)
        for result in results.values():
            self.stats.quotations += result.summary.n
            result.summary.monthly = {}  # they drew the figure's own page (rendered by now): not kept
        return results

    def _figures_to_read(self, keys: dict[int, str], changed: set[int], dirty_shards: set[int],
                         old_figures: dict[int, Any]) -> set[int] | None:
        """The figures a rerun reads: the changed ones, and those whose search lines must be rewritten and
        cannot be kept from the previous build's shard files. None (every figure) for a full build."""
        if not self.old:
            self.kept_lines = None
            return None
        self.kept_lines = self._kept_search_lines(dirty_shards, old_figures, keys, changed)
        return changed | {
            f for f in keys if shard_of(f) in dirty_shards and f not in self.kept_lines.get(shard_of(f), {})
            and f in old_figures and old_figures[f]["summary"].n > 0}

    def _record_shards(self, dirty_shards: set[int]) -> None:
        """The search shards: rewritten ones get a new key, the others are reused from the previous build."""
        for shard in set(range(N_SHARDS)) - dirty_shards:
            self._reuse(f"search/shard-{shard:02d}.js", self.old["pages"][f"search/shard-{shard:02d}.js"])
        for shard in dirty_shards:
            self.pages[f"search/shard-{shard:02d}.js"] = output.digest(self.inputs, "shard", shard, time.time())
            self.written.append(f"search/shard-{shard:02d}.js")

    def _keep_unchanged_figures(self, keys: dict[int, str], changed: set[int], old_figures: dict[int, Any],
                                results: dict[int, _FigureResult]) -> None:
        """Figures not rendered now: their previous files reused (rendered again if deleted by hand)."""
        missing: set[int] = set()
        for fid in keys:
            if fid in results:
                continue
            if fid in changed:  # nothing left after the filters
                results[fid] = _FigureResult(keys[fid], self._summary(fid, []))
                continue
            record = old_figures[fid]
            old_pages = self.old["pages"]
            if self.in_place:  # the spare holds the previous build's files: nothing to bring over
                for relative in record["files"]:
                    self.pages[relative] = old_pages.get(relative, record["key"])
                self.stats.files_reused += len(record["files"])
                results[fid] = _FigureResult(record["key"], record["summary"], record["files"])
            elif all(self._reuse(relative, old_pages.get(relative, record["key"])) for relative in record["files"]):
                results[fid] = _FigureResult(record["key"], record["summary"], record["files"])
            else:
                missing.add(fid)
        if missing:  # pages deleted from the previous site by hand: render those figures again
            with _Renderers(self, 1) as renderers:
                for fid, quotations in reporting.iter_figure_quotations(self.engine, self.report, missing):
                    results[fid] = _FigureResult(keys[fid], self._summary(fid, quotations))
                    renderers.submit(results[fid], quotations)

    def _kept_search_lines(self, dirty: set[int], old_figures: dict[int, Any], keys: dict[int, str],
                           changed: set[int]) -> dict[int, dict[int, str]]:
        """Per search shard to rewrite: the previous lines of its unchanged figures (they need no reading)."""
        kept: dict[int, dict[int, str]] = {}
        for shard in dirty:
            members = sorted(f for f, record in old_figures.items()
                             if shard_of(f) == shard and record["summary"].n > 0)
            lines = _old_shard_lines(self.out, shard, members)
            if lines is not None:
                kept[shard] = {f: line for f, line in lines.items() if f in keys and f not in changed}
        return kept

    def _stream_figures(self, keys: dict[int, str], changed: set[int], dirty_shards: set[int],
                        to_read: set[int] | None, old_figures: dict[int, Any], workers: int,
                        results: dict[int, _FigureResult]) -> None:
        """Read the figures in this process (rendering inline or in workers): reruns and small builds."""
        with _ShardWriters(self.tmp, dirty_shards, self.kept_lines) as shards, \
                _Renderers(self, workers) as renderers:
            for fid, quotations in reporting.iter_figure_quotations(self.engine, self.report, to_read):
                if fid not in keys:
                    continue
                if fid in changed:
                    results[fid] = _FigureResult(keys[fid], self._summary(fid, quotations))
                    self.stats.figures += 1 if results[fid].summary.href else 0
                    renderers.submit(results[fid], quotations)
                if shard_of(fid) in dirty_shards:
                    summary = results[fid].summary if fid in results else old_figures[fid]["summary"]
                    shards.add(shard_of(fid), self._search_entries(fid, quotations, summary), fid)

    def _build_partitions(self, keys: dict[int, str], workers: int, results: dict[int, _FigureResult]) -> None:
        """A full build in ``workers`` forked processes, each reading and writing its own share of the
        figures (figure id modulo the number of processes) and of the search shards: the database is read
        in parallel and no quotation crosses a process boundary, only each figure's summary comes back."""
        parts = 1 << (workers.bit_length() - 1)  # a power of two divides N_SHARDS: each shard has one writer
        # the workers read every mention: they count each outlet's mentions per figure on the way, unless
        # dates are filtered (outlet pages count all of an outlet's mentions, as a rerun's query does)
        count_tops = self.report.since is None and self.report.until is None
        _worker.update(build=self, keys=keys, parts=parts, count_tops=count_tops)
        tops: dict[int, dict[int, int]] = {}
        with ProcessPoolExecutor(parts, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_build_partition, part) for part in range(parts)]
            # meanwhile, this process reads the outlets' summaries (a few per outlet, rendered later)
            self.outlet_summaries = list(reporting.iter_outlets(self.engine, None, with_top_figures=not count_tops))
            for future in futures:
                done, part_tops = future.result()
                for oid, counts in part_tops.items():  # partitions hold different figures: no overlap
                    tops.setdefault(oid, {}).update(counts)
                for fid, summary, files in done:
                    results[fid] = _FigureResult(keys[fid], summary, [relative for relative, _, _ in files])
                    self.stats.figures += 1 if summary.href else 0
                    for relative, key, _ in files:
                        self.pages[relative] = key
                    self.stats.pages_rendered += len(files)
        if count_tops:
            for outlet in self.outlet_summaries:
                reporting.rank_top_figures(outlet, tops.get(outlet.outlet_id, {}))
        _worker.clear()

    def _reuse(self, relative: str, key: str) -> bool:
        if not output.reuse_file(self.out_prefix, self.tmp_prefix, relative):
            return False
        self.pages[relative] = key
        self.stats.files_reused += 1
        return True

    def _write(self, relative: str, content: str | bytes, key: str) -> None:
        output.write_file(self.tmp, relative, content)
        self.pages[relative] = key
        self.written.append(relative)
        self.stats.pages_rendered += 1

    def _summary(self, fid: int, quotations: list[QuotationRow]) -> FigureSummary:
        info = self.infos.get(fid) or FigureInfo(fid, f"#{fid}", "person")
        monthly: dict[str, int] = {}
        outlets: set[int] = set()
        taken = None
        for quotation in quotations:
            if quotation.month:
                monthly[quotation.month] = monthly.get(quotation.month, 0) + 1
            for mention in quotation.mentions:
                if mention.outlet_id is not None:
                    outlets.add(mention.outlet_id)
                if mention.fetched_at and (taken is None or mention.fetched_at > taken):
                    taken = mention.fetched_at
        dates = [q.when for q in quotations if q.when]
        has_page = fid != UNATTRIBUTED and len(quotations) >= max(self.report.min_quotes, 1)
        return FigureSummary(id=fid, name=info.name, kind=info.kind, n=len(quotations),
                             first=min(dates, default=None), last=max(dates, default=None), n_outlets=len(outlets),
                             spark=sparkline(monthly), taken=_iso(taken),
                             href=f"people/{fid}.html" if has_page else None, monthly=monthly)

    def _search_entries(self, fid: int, quotations: list[QuotationRow], summary: FigureSummary) -> Iterator[list]:
        href = summary.href
        for quotation in quotations:
            first = quotation.mentions[0]
            multi = quotation.n_carrying > 1
            yield [quotation.text, summary.name if fid != UNATTRIBUTED else "", quotation.when or "",
                   href or "", f"quotes/{quotation.quotation_id}.html" if multi else "",
                   safe_href(first.article_url) or "", first.outlet or ""]

    # --- outlets -------------------------------------------------------------------------------------

    def _build_outlets(self, figures: dict[int, _FigureResult]) -> dict[int, dict[str, Any]]:
        links = {fid: [r.summary.name, r.summary.href] for fid, r in figures.items()}
        old_outlets = {int(k): v for k, v in self.old.get("outlets", {}).items()}
        fingerprints = self.outlet_fingerprints.result()
        if self.report.outlet is not None:
            fingerprints = {oid: fp for oid, fp in fingerprints.items() if fp[0] == self.report.outlet}
        results: dict[int, dict[str, Any]] = {}
        dirty = []
        for oid, fp in fingerprints.items():
            record, key = old_outlets.get(oid), output.digest(fp)
            if record and record["key"] == key and all(
                    links.get(fid) == link for fid, link in record["links"]) and self._reuse_all(record):
                results[oid] = record
            else:
                dirty.append(oid)
        summaries = self.outlet_summaries if self.outlet_summaries is not None else reporting.iter_outlets(
            self.engine, dirty if self.old else None)
        for summary in summaries:
            if summary.outlet_id in fingerprints:
                key = output.digest(fingerprints[summary.outlet_id])
                results[summary.outlet_id] = self._render_outlet(summary, key, links)
        return results

    def _reuse_all(self, record: dict[str, Any]) -> bool:
        relative = record["file"]
        if not (self.out / relative).is_file():
            return False
        self._reuse(relative, record["key"])
        return True

    def _render_outlet(self, summary: OutletSummary, key: str, links: dict[int, list]) -> dict[str, Any]:
        relative = f"outlets/{summary.outlet_id}.html"
        top = [(fid, n, *(links.get(fid) or [f"#{fid}", None])) for fid, n in summary.top_figures]
        self._write(relative, self.renderer.outlet_page(summary, top), key)
        return {"key": key, "file": relative, "links": [[fid, links.get(fid)] for fid, *_ in top],
                "summary": {"id": summary.outlet_id, "name": summary.name, "domain": summary.domain,
                            "n_articles": summary.n_articles, "n_mentions": summary.n_mentions,
                            "first": _iso(summary.first), "last": _iso(summary.last),
                            "monthly": summary.monthly, "href": relative}}

    # --- index pages and manifest --------------------------------------------------------------------

    def _build_indexes(self, figures: dict[int, _FigureResult], outlets: dict[int, dict[str, Any]]) -> None:
        listed = sorted((r.summary for r in figures.values() if r.summary.href),
                        key=lambda s: (-s.n, s.name))
        taken = _iso(self.taken_at)
        index_key = output.digest(self.inputs, "index", time.time())
        self._write("index.html", self.renderer.index_page(listed, taken, self.report), index_key)
        outlet_rows = sorted((o["summary"] for o in outlets.values()), key=lambda s: (-s["n_mentions"], s["name"]))
        self._write("outlets/index.html", self.renderer.outlets_page(outlet_rows, taken), index_key)
        shards = [f"search/shard-{shard:02d}.js" for shard in range(N_SHARDS)]
        self._write("search.html", self.renderer.search_page(shards, taken), index_key)

    def _write_manifest(self, figures: dict[int, _FigureResult], outlets: dict[int, dict[str, Any]],
                        removed: list[str]) -> None:
        manifest = {
            "format": MANIFEST_FORMAT, "inputs": self.inputs, "version": self.version,
            # the spare copy of the site is brought up to date from these (reports.output.take_spare)
            "generation": uuid.uuid4().hex, "base": self.old.get("generation"),
            "written": sorted(self.written) if self.old else None, "removed": removed,
            "built_at": _iso(datetime.now(timezone.utc)), "data_taken_at": _iso(self.taken_at),
            "filters": _filter_key(self.report),
            "figures": {str(fid): {"key": r.key, "summary": r.summary.to_manifest(), "files": r.files}
                        for fid, r in figures.items()},
            "outlets": {str(oid): record for oid, record in outlets.items()},
            "pages": self.pages,
        }
        output.write_manifest(self.tmp, manifest)


ALL_PARTS = ("quotes", "pages", "downloads")


@dataclass
class FigureWriter:
    """Writes one figure's files into the build directory: its multi-article quotation pages, its (split)
    pages and its CSV/JSON downloads. A quotation page whose own inputs (the quotation's mentions, the
    figure's name and link) are unchanged since the previous build is hard-linked, not rendered."""

    renderer: Renderer
    version: str
    inputs: str
    old_prefix: str
    new_prefix: str
    old_pages: dict[str, str]
    budget: int

    def write(self, summary: FigureSummary, quotations: list[QuotationRow], key: str,
              parts: tuple[str, ...] = ALL_PARTS) -> list[tuple[str, str, bool]]:
        """Write the figure's ``parts`` ("quotes": its multi-article quotation pages; "pages": its own pages;
        "downloads": CSV and JSON). Returns (path, input hash, reused) per file."""
        written = []
        fragments.forget_sources()  # the previous figure's rows are done with
        if "quotes" in parts:
            written.extend(self._quotation_pages(summary, quotations))
        if not summary.href:
            return written
        fid = summary.id
        files: list[tuple[str, str | bytes]] = []
        if "pages" in parts:
            files.extend(self.renderer.figure_pages(summary, quotations, self.budget))
        if "downloads" in parts:
            files.extend([(f"downloads/{fid}.csv", _figure_csv(summary, quotations)),
                          (f"downloads/{fid}.json", _figure_json(summary, quotations, self.version))])
        for relative, content in files:
            output.write_file(Path(self.new_prefix), relative, content)
            written.append((relative, key, False))
        return written

    def _quotation_pages(self, summary: FigureSummary, quotations: list[QuotationRow]) -> list[tuple[str, str, bool]]:
        written = []
        for quotation in quotations:
            if quotation.n_carrying > 1:
                relative = f"quotes/{quotation.quotation_id}.html"
                page_key = output.digest(self.inputs, quotation.quotation_id, [m.mention_id for m in quotation.mentions],
                                         summary.name, summary.href)
                reused = self.old_pages.get(relative) == page_key and output.reuse_file(
                    self.old_prefix, self.new_prefix, relative)
                if not reused:
                    output.write_file(Path(self.new_prefix), relative, self.renderer.quotation_page(quotation, summary))
                written.append((relative, page_key, reused))
        return written


SPLIT_QUOTATIONS = 1500  # a figure this prolific, re-rendered by a rerun, has its pages written by a fork


def _write_pages_in_child(writer: FigureWriter, summary: FigureSummary, quotations: list[QuotationRow], key: str,
                          channel: Any) -> None:
    """In a forked child (the rows are shared, not copied): write the figure's pages; send back the files."""
    try:
        channel.send(("ok", writer.write(summary, quotations, key, parts=("pages",))))
    except BaseException as exc:  # reported to the parent, which fails the build
        channel.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        channel.close()


MIN_FIGURES_FOR_WORKERS = 200  # below this, starting processes costs more than it saves
JOB_QUOTATIONS = 400  # figures are sent to the workers in batches of about this many quotations

_worker: dict[str, Any] = {}


def _auto_workers(n_figures: int) -> int:
    return 1 if n_figures < MIN_FIGURES_FOR_WORKERS else max(1, min(4, os.cpu_count() or 1))


def _init_worker(writer: FigureWriter) -> None:
    _worker["writer"] = writer  # forked: the parent's renderer and templates come along


def _render_batch(batch: list[tuple[FigureSummary, list[QuotationRow], str]]) -> list[tuple[int, list]]:
    return [(summary.id, _worker["writer"].write(summary, quotations, key)) for summary, quotations, key in batch]


def _build_partition(part: int) -> tuple[list[tuple[int, FigureSummary, list[tuple[str, str, bool]]]],
                                         dict[int, dict[int, int]]]:
    """In a forked worker: read, render and write the figures (and search shards) of one partition;
    return each figure's summary and files, and (when asked) each outlet's mentions per figure."""
    build, keys, parts, count_tops = _worker["build"], _worker["keys"], _worker["parts"], _worker["count_tops"]
    tops: dict[int, dict[int, int]] = {}
    build.engine.dispose(close=False)  # the parent's pooled connections are not this process's to use
    writer = FigureWriter(build.renderer, build.version, build.inputs, build.out_prefix, build.tmp_prefix, {},
                          PAGE_BUDGET)
    done = []
    with _ShardWriters(build.tmp, {shard for shard in range(N_SHARDS) if shard % parts == part}) as shards:
        for fid, quotations in reporting.iter_figure_quotations(build.engine, build.report,
                                                                partition=(part, parts)):
            if fid not in keys:
                continue
            summary = build._summary(fid, quotations)
            shards.add(shard_of(fid), build._search_entries(fid, quotations, summary))
            done.append((fid, summary, writer.write(summary, quotations, keys[fid])))
            if count_tops and fid != UNATTRIBUTED:
                _count_outlet_mentions(tops, fid, quotations)
    return done, tops


def _count_outlet_mentions(tops: dict[int, dict[int, int]], fid: int, quotations: list[QuotationRow]) -> None:
    for quotation in quotations:
        for mention in quotation.mentions:
            if mention.outlet_id is not None:
                per_figure = tops.setdefault(mention.outlet_id, {})
                per_figure[fid] = per_figure.get(fid, 0) + 1


class _Renderers:
    """Figure rendering, inline or in worker processes fed while the database is streamed.

    At most 2 batches per worker are in flight, so memory stays bounded whatever the database's size.
    """

    def __init__(self, build: _SiteBuild, workers: int) -> None:
        self.build, self.workers = build, workers
        self.writer = FigureWriter(build.renderer, build.version, build.inputs, build.out_prefix, build.tmp_prefix,
                                   build.old.get("pages", {}), PAGE_BUDGET)
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[Future] = deque()
        self.batch: list[tuple[FigureSummary, list[QuotationRow], str]] = []
        self.batch_size = 0
        self.results: dict[int, _FigureResult] = {}

    def __enter__(self) -> _Renderers:
        if self.workers > 1:
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker,
                initargs=(self.writer,))
        return self

    def submit(self, result: _FigureResult, quotations: list[QuotationRow]) -> None:
        self.results[result.summary.id] = result
        if self.pool is None:
            if len(quotations) >= SPLIT_QUOTATIONS and result.summary.href and self._fork_pages(result, quotations):
                return
            self._record(result.summary.id, self.writer.write(result.summary, quotations, result.key))
            return
        self.batch.append((result.summary, quotations, result.key))
        self.batch_size += len(quotations)
        if self.batch_size >= JOB_QUOTATIONS:
            self._send()

    def _fork_pages(self, result: _FigureResult, quotations: list[QuotationRow]) -> bool:
        """A prolific figure in a rerun: a forked child writes its pages (most of the work) while this
        process writes its quotation pages and downloads and goes on with the build; the child is joined
        before the manifest is written (:meth:`_SiteBuild._join_children`). False where fork is missing."""
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:
            return False
        receiving, sending = context.Pipe(duplex=False)
        child = context.Process(target=_write_pages_in_child,
                                args=(self.writer, result.summary, quotations, result.key, sending), daemon=True)
        child.start()
        sending.close()
        fid = result.summary.id
        quotation_pages = self.writer.write(result.summary, quotations, result.key, parts=("quotes",))
        downloads = self.writer.write(result.summary, quotations, result.key, parts=("downloads",))

        def join() -> None:
            try:
                status, payload = receiving.recv()
            except EOFError:
                status, payload = "error", f"the process writing figure {fid}'s pages died"
            finally:
                receiving.close()
                child.join()
            if status != "ok":
                raise RuntimeError(payload)
            self._record(fid, quotation_pages + payload + downloads)  # the order a one-process write has

        self.build.children.append((child, join))
        return True

    def _send(self) -> None:
        if not self.batch:
            return
        assert self.pool is not None
        self.pending.append(self.pool.submit(_render_batch, self.batch))
        self.batch, self.batch_size = [], 0
        while len(self.pending) > 2 * self.workers:
            self._collect(self.pending.popleft())

    def _collect(self, future: Future) -> None:
        for fid, files in future.result():
            self._record(fid, files)

    def _record(self, fid: int, files: list[tuple[str, str, bool]]) -> None:
        result = self.results[fid]
        result.files = [relative for relative, _, _ in files]
        for relative, key, reused in files:
            self.build.pages[relative] = key
            if reused:
                self.build.stats.files_reused += 1
            else:
                self.build.stats.pages_rendered += 1
                self.build.written.append(relative)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self.pool is None:
            return
        try:
            if exc_type is None:
                self._send()
                while self.pending:
                    self._collect(self.pending.popleft())
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)


SHARD_HEAD, SHARD_TAIL, SHARD_SEPARATOR = "(window.QT_SEARCH = window.QT_SEARCH || []).push([\n", "\n]);\n", ",\n"


class _ShardWriters:
    """The search index as N_SHARDS script files: one line of entries per figure, in figure id order.

    Streamed while figures go past, or (a rerun, ``kept`` given) assembled at the end from the figures
    read now and the lines of unchanged figures kept from the previous build's files.
    """

    def __init__(self, root: Path, shards: set[int], kept: dict[int, dict[int, str]] | None = None) -> None:
        self.root, self.shards, self.kept = root, shards, kept
        self.files: dict[int, TextIO] = {}
        self.first: dict[int, bool] = {}
        self.lines: dict[int, dict[int, str]] = {shard: {} for shard in shards}

    def __enter__(self) -> _ShardWriters:
        (self.root / "search").mkdir(parents=True, exist_ok=True)
        if self.kept is not None:
            return self
        for shard in self.shards:
            path = self.root / f"search/shard-{shard:02d}.js"
            path.unlink(missing_ok=True)  # never truncate a file that may be shared with the live site
            handle = open(path, "w", encoding="utf-8")  # noqa: SIM115
            handle.write(SHARD_HEAD)
            self.files[shard], self.first[shard] = handle, True
        return self

    def add(self, shard: int, entries: Iterator[list], fid: int = -1) -> None:
        encoded = output.js_json(list(entries))[1:-1]  # one figure's entries, without the list's brackets
        if not encoded:
            return
        if self.kept is not None:
            self.lines[shard][fid] = encoded
            return
        handle = self.files[shard]
        handle.write(("" if self.first[shard] else SHARD_SEPARATOR) + encoded)
        self.first[shard] = False

    def __exit__(self, exc_type: object, *exc: object) -> None:
        for handle in self.files.values():
            handle.write(SHARD_TAIL)
            handle.close()
        if self.kept is None or exc_type is not None:
            return
        for shard in self.shards:
            lines = {**self.kept.get(shard, {}), **self.lines[shard]}
            body = SHARD_SEPARATOR.join(lines[fid] for fid in sorted(lines))
            output.write_file(self.root, f"search/shard-{shard:02d}.js", SHARD_HEAD + body + SHARD_TAIL)


def _old_shard_lines(old_site: Path, shard: int, members: list[int]) -> dict[int, str] | None:
    """The previous build's line per figure of one search shard (``members``: its figures with entries,
    in id order), or None when the file is missing or does not match the manifest."""
    try:
        text = (old_site / f"search/shard-{shard:02d}.js").read_text("utf-8")
    except OSError:
        return None
    if not (text.startswith(SHARD_HEAD) and text.endswith(SHARD_TAIL)):
        return None
    body = text[len(SHARD_HEAD):len(text) - len(SHARD_TAIL)]
    lines = body.split(SHARD_SEPARATOR) if body else []  # JSON text holds no raw newline
    return dict(zip(members, lines, strict=True)) if len(lines) == len(members) else None


def _filter_key(report: ReportFilter) -> dict[str, Any]:
    return {"since": report.since, "until": report.until, "outlet": report.outlet, "min_quotes": report.min_quotes}


def _info_key(info: FigureInfo | None) -> list:
    return [info.name, info.kind, info.description] if info else []


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if value else None


CSV_COLUMNS = ["quotation_id", "text", "when", "when_source", "said_on_evidence", "type", "cue",
               "speaker_as_written", "speaker_resolved", "figure", "confidence", "sentence", "outlet",
               "article_title", "article_url", "published"]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_FIRST = frozenset(FORMULA_PREFIXES)


def _cell(value: str | None) -> str | None:
    """Untrusted text for a spreadsheet: a leading apostrophe if it would start a formula."""
    return "'" + value if value and value[0] in FORMULA_FIRST else value


def _figure_csv(summary: FigureSummary, quotations: list[QuotationRow]) -> str:
    """One row per mention (a quotation carried by three articles is three rows).

    Untrusted text that a spreadsheet would run as a formula gets a leading apostrophe (:func:`_cell`).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    name = _cell(summary.name)
    writer.writerows(
        (q.quotation_id, _cell(q.text), _cell(q.when), q.when_source, _cell(m.said_on_evidence), _cell(m.type),
         _cell(m.cue), _cell(m.speaker_mention), _cell(m.speaker), name, round(m.confidence, 3), _cell(m.sentence),
         _cell(m.outlet), _cell(m.article_title), _cell(m.article_url), m.published.isoformat() if m.published else None)
        for q in quotations for m in q.mentions)
    return buffer.getvalue()


def _figure_json(summary: FigureSummary, quotations: list[QuotationRow], version: str) -> bytes:
    data = {
        "figure": {"id": summary.id, "name": summary.name, "kind": summary.kind},
        "data_taken_at": summary.taken, "tracker_version": version,
        "quotations": [{
            "id": q.quotation_id, "text": q.text, "when": q.when, "when_source": q.when_source,
            "mentions": [{
                "text": m.text, "type": m.type, "cue": m.cue, "speaker_as_written": m.speaker_mention,
                "speaker_resolved": m.speaker, "confidence": m.confidence, "sentence": m.sentence,
                "said_on": m.said_on, "said_on_evidence": m.said_on_evidence, "outlet": m.outlet,
                "article": {"title": m.article_title, "url": m.article_url,
                            "published": m.published},  # orjson writes datetime.isoformat()'s text
            } for m in q.mentions],
        } for q in quotations],
    }
    return orjson.dumps(data)
