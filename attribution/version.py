"""ATTRIBUTION_VERSION: a release number plus a digest of everything that decides what is attributed.

Hashed: the rules (the modules holding them and their configuration), the data files they read (the
cue lexicon, name lists) and the learned weights. New weights or a changed rule give a new version, so
the database re-attributes stored articles without anyone bumping a constant. Reading and hashing these
files takes about a millisecond and needs no spaCy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

RELEASE = "0.7"  # bump only for a change the digest cannot see (none expected)
PACKAGE = Path(__file__).resolve().parent
HASHED_SUFFIXES = (".py", ".json", ".bin")
# Code that builds or trains but never runs when attributing: not part of the version.
NOT_HASHED = {"train.py", "version.py", "build_cues.py", "build_first_names.py"}


def hashed_files(root: Path = PACKAGE) -> list[Path]:
    """Every rule module, data file and weights file of the package, in a fixed order."""
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix in HASHED_SUFFIXES
             and p.name not in NOT_HASHED and "__pycache__" not in p.parts]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def attribution_version(root: Path = PACKAGE) -> str:
    digest = hashlib.sha256()
    for path in hashed_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return f"{RELEASE}+{digest.hexdigest()[:12]}"
