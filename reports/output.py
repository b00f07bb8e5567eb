"""Writing the site: a temporary build directory swapped in atomically, files reused by hard link,
content-hashed static assets, and the JSON-in-JavaScript encoding of the search index."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


def digest(*parts: Any) -> str:
    """A short stable hash of JSON-serialisable inputs (the per-page input hash of the manifest)."""
    payload = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def js_json(value: Any) -> str:
    """JSON that is safe inside a script: no ``</script>``, ``<!--``, ``]]>`` or U+2028/9 can survive.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where their \\u escapes mean the same.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


SITE_DIRS = ("assets", "downloads", "outlets", "people", "quotes", "search")
WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


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
    """Write one file of the site (plain os calls: this runs once per page, 35,000 times for a big site)."""
    path = f"{root}/{relative}"
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
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


def swap_in(build_dir: Path, out: Path, *, background_cleanup: bool = False) -> None:
    """Make ``build_dir`` the site at ``out`` in one step, then delete the previous site.

    On Linux ``renameat2(RENAME_EXCHANGE)`` swaps two directories atomically, so a reader never sees a
    missing or half-written site; elsewhere two renames leave a window of a few microseconds.
    With ``background_cleanup`` the previous site (tens of thousands of files for a large report) is
    deleted by a detached process, so the command finishes as soon as the new site is in place.
    """
    if not out.exists():
        os.rename(build_dir, out)
        return
    retired = out.with_name(f".{out.name}.retired-{os.getpid()}-{time.time_ns()}")
    if _exchange(build_dir, out):
        os.rename(build_dir, retired)
    else:
        os.rename(out, retired)
        os.rename(build_dir, out)
    remove_tree(retired, background=background_cleanup)


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
    return sorted(out.parent.glob(f".{out.name}.retired-*"))


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
