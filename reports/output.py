"""Writing the site: a build directory swapped in atomically, files reused by hard link, a spare copy
of the site kept for fast reruns, content-hashed static assets, and the JSON-in-JavaScript encoding of the
search index.

The spare: after a swap, the replaced site is kept as ``.OUT.spare`` instead of being deleted. Its files
are hard links shared with the live site, except those the last build wrote. The next incremental build
brings the spare up to date with the live site (it re-links only what the last build wrote or removed,
as that build's manifest lists them), writes its own changes into it and swaps it in: a rerun touches
the files that changed, not the tens of thousands that did not. Files are never edited in place
(:func:`write_file` replaces the directory entry), so writing into the spare never alters the live site.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

try:
    import fcntl
except ImportError:  # Windows: builds of one site are not serialised
    fcntl = None  # type: ignore[assignment]

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


def digest(*parts: Any) -> str:
    """A short stable hash of JSON-serialisable inputs (the per-page input hash of the manifest)."""
    payload = orjson.dumps(parts, default=str, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return hashlib.sha256(payload).hexdigest()[:24]


def js_json(value: Any) -> str:
    """JSON that is safe inside a script: no ``</script>``, ``<!--``, ``]]>`` or U+2028/9 can survive.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where their \\u escapes mean the same.
    """
    text = orjson.dumps(value).decode("utf-8")
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


SITE_DIRS = ("assets", "downloads", "outlets", "people", "quotes", "search")
WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
MANIFEST = "manifest.json"


def make_build_dir(out: Path) -> Path:
    """A fresh directory next to ``out`` (same file system, so the final rename is atomic), with the
    site's folders made once (tens of thousands of files are then written without a mkdir each)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    for name in SITE_DIRS:
        (build / name).mkdir()
    return build


def reuse_file(old_prefix: str, new_prefix: str, relative: str) -> bool:
    """Bring an unchanged file from the previous build: a hard link (files are never edited in place).

    Prefixes are directory paths ending in '/': plain strings, as this runs once per page on a rerun.
    False when the previous build does not have the file.
    """
    source, target = old_prefix + relative, new_prefix + relative
    if source == target:  # building in the spare: the file is already there
        return True
    try:
        os.link(source, target)
    except FileNotFoundError:
        if not os.path.isfile(source):
            return False
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)
    except OSError:  # no hard links on this file system
        if not os.path.isfile(source):
            return False
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target)
    return True


def write_file(root: Path | str, relative: str, content: str | bytes) -> None:
    """Write one file of the site (plain os calls: this runs once per page, 35,000 times for a big site).

    An existing file is unlinked first, never truncated: it may be a hard link shared with the live site.
    """
    path = f"{root}/{relative}"
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd = os.open(path, WRITE_FLAGS, 0o666)
    except FileExistsError:
        os.unlink(path)
        fd = os.open(path, WRITE_FLAGS, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, WRITE_FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def copy_assets(static_dir: Path, root: Path) -> dict[str, str]:
    """Copy static files to assets/NAME.HASH.EXT; return logical name -> hashed name."""
    names: dict[str, str] = {}
    for source in sorted(static_dir.iterdir()):
        if not source.is_file():
            continue
        data = source.read_bytes()
        hashed = f"{source.stem}.{hashlib.sha256(data).hexdigest()[:10]}{source.suffix}"
        write_file(root, f"assets/{hashed}", data)
        names[source.name] = hashed
    return names


def swap_in(build_dir: Path, out: Path, *, keep_spare: bool, background_cleanup: bool = False) -> None:
    """Make ``build_dir`` the site at ``out`` in one step; the previous site becomes the spare
    (``keep_spare``, after an incremental build) or is deleted.

    On Linux ``renameat2(RENAME_EXCHANGE)`` swaps two directories atomically, so a reader never sees a
    missing or half-written site; elsewhere two renames leave a window of a few microseconds.
    With ``background_cleanup`` a deleted site (tens of thousands of files for a large report) is
    deleted by a detached process, so the command finishes as soon as the new site is in place.
    """
    if not out.exists():
        os.rename(build_dir, out)
        return
    retired = _retired_path(out)
    if _exchange(build_dir, out):
        os.rename(build_dir, retired)
    else:
        os.rename(out, retired)
        os.rename(build_dir, out)
    if keep_spare and not spare_path(out).exists():
        os.rename(retired, spare_path(out))
    else:
        remove_tree(retired, background=background_cleanup)


# --- the spare ---------------------------------------------------------------------------------------

def spare_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.spare")


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """One build (or spare preparation) of a site at a time: an exclusive lock next to ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.with_name(f".{out.name}.lock"), "a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def read_manifest(site: Path) -> dict[str, Any] | None:
    try:
        manifest = orjson.loads((site / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def write_manifest(root: Path, manifest: dict[str, Any]) -> None:
    """The manifest, its generation first: :func:`_generation` reads only the file's head."""
    write_file(root, MANIFEST, orjson.dumps({"generation": manifest["generation"], **manifest}))


GENERATION = re.compile(rb'^\{"generation":"([0-9a-f]{32})"')


def _generation(site: Path) -> str | None:
    """The build a site's files come from (a spare's manifest is megabytes: only its head is read)."""
    try:
        with open(site / MANIFEST, "rb") as handle:
            match = GENERATION.match(handle.read(64))
    except OSError:
        return None
    return match.group(1).decode("ascii") if match else None


def take_spare(out: Path, live: dict[str, Any], *, background_cleanup: bool = False) -> Path | None:
    """The spare brought up to the live site's state, ready to be built into; None when there is no
    usable spare (missing, interrupted, or from an unrelated build: it is then deleted).

    ``live`` is the live site's manifest. The spare is usable when it holds the live generation, or the
    one the live site was built on (``base``): then the files the live build wrote are linked over and
    those it removed are removed. Its manifest is deleted first, so an interruption leaves it unusable.
    """
    spare = spare_path(out)
    if not spare.is_dir():
        return None
    generation = _generation(spare)
    try:
        if generation is None or live.get("generation") is None:
            raise ValueError("no generation")
        if generation != live["generation"]:
            if generation != live.get("base") or live.get("written") is None:
                raise ValueError("unrelated spare")
        (spare / MANIFEST).unlink()
        if generation != live["generation"]:
            relink(out, spare, live["written"])
            remove_files(spare, live.get("removed", []))
    except (OSError, ValueError):
        discard_spare(out, background=background_cleanup)
        return None
    return spare


def relink(source: Path, target: Path, relatives: Iterable[str]) -> None:
    """Make each ``target/relative`` a hard link of ``source/relative`` (OSError if a source is gone)."""
    old_prefix, new_prefix = f"{source}/", f"{target}/"
    for relative in relatives:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(new_prefix + relative)
        if not reuse_file(old_prefix, new_prefix, relative):
            raise FileNotFoundError(old_prefix + relative)


def remove_files(root: Path, relatives: Iterable[str]) -> None:
    prefix = f"{root}/"
    for relative in relatives:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(prefix + relative)


def discard_spare(out: Path, *, background: bool = False) -> None:
    spare = spare_path(out)
    if spare.exists():
        retired = _retired_path(out)
        os.rename(spare, retired)
        remove_tree(retired, background=background)


def make_spare(out: Path) -> None:
    """A spare that is the live site itself, by hard links (after a full build: its ~35,000 files, ~0.3 s)."""
    with build_lock(out):
        if not (out / MANIFEST).is_file() or spare_path(out).exists():
            return
        partial = out.with_name(f".{out.name}.spare-partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        try:
            for directory, _, files in os.walk(out):
                target = os.path.join(partial, os.path.relpath(directory, out))
                os.makedirs(target, exist_ok=True)
                for name in files:
                    os.link(os.path.join(directory, name), os.path.join(target, name))
            os.rename(partial, spare_path(out))
        except OSError:  # e.g. no hard links on this file system: reruns link (or copy) the site instead
            shutil.rmtree(partial, ignore_errors=True)


def make_spare_later(out: Path) -> None:
    """:func:`make_spare` in a detached process (it waits for the build lock the caller holds)."""
    try:
        subprocess.Popen([sys.executable, "-m", "reports.output", "make-spare", str(out)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         cwd=Path(__file__).resolve().parents[1])
    except OSError:
        pass  # no spare: the next rerun hard-links the site instead


def _retired_path(out: Path) -> Path:
    """Where a replaced site or discarded spare waits for deletion (see :func:`retired_trees`)."""
    return out.with_name(f".{out.name}.retired-{os.getpid()}-{time.time_ns()}")


def remove_tree(path: Path, *, background: bool = False) -> None:
    if background:
        try:
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
                              str(path)], start_new_session=True, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return
        except OSError:
            pass  # could not start a process: delete it here
    shutil.rmtree(path, ignore_errors=True)


def retired_trees(out: Path) -> list[Path]:
    """Previous sites whose deletion was interrupted (e.g. the machine stopped)."""
    return sorted([*out.parent.glob(f".{out.name}.retired-*"), *out.parent.glob(f".{out.name}.spare-partial-*")])


def _exchange(first: Path, second: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0


if __name__ == "__main__" and sys.argv[1:2] == ["make-spare"]:
    make_spare(Path(sys.argv[2]))
