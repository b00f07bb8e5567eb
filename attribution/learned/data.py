"""PolNeAR articles as token tag sequences: every token is source, cue, content or none.

PolNeAR is univocal (no token belongs to two attributions), so one BIO tag per token carries every
attribution of an article: ``B-SRC``/``I-SRC`` (the source's mention), ``B-CUE``/``I-CUE`` and
``B-CNT``/``I-CNT`` (each content fragment begins with a B).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

LABELS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CNT", "I-CNT")
KINDS = ("SRC", "CUE", "CNT")
# Where two annotated spans claim one token (rare: an annotation slip), the narrower role wins.
_PRIORITY = {"CUE": 3, "SRC": 2, "CNT": 1}


def read_articles(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The articles of a PolNeAR JSON Lines file (``limit``: the first N only)."""
    with Path(path).open(encoding="utf-8") as src:
        for n, line in enumerate(src):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def role_spans(article: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(kind, start, end) character spans of every source, cue and content fragment of an article."""
    spans: list[tuple[str, int, int]] = []
    for quote in article.get("quotes", []):
        for start, end in quote.get("speaker_spans") or []:
            spans.append(("SRC", start, end))
        cue = quote.get("cue")
        if cue:
            spans.append(("CUE", cue["start"], cue["end"]))
        for start, end in quote.get("fragments") or [[quote["start"], quote["end"]]]:
            spans.append(("CNT", start, end))
    return spans


def token_tags(doc: Doc, spans: list[tuple[str, int, int]]) -> list[str]:
    """One BIO tag per token of ``doc``: a token belongs to a span when it starts inside it."""
    kind_of: list[str | None] = [None] * len(doc)
    first: list[bool] = [False] * len(doc)
    starts = [t.idx for t in doc]
    for kind, start, end in spans:
        began = False
        for i in _tokens_starting_in(starts, start, end):
            if doc[i].is_space:
                continue
            current = kind_of[i]
            if current is not None and _PRIORITY[current] > _PRIORITY[kind]:
                began = False
                continue
            kind_of[i] = kind
            first[i] = not began
            began = True
    return ["O" if k is None else f"{'B' if b else 'I'}-{k}" for k, b in zip(kind_of, first, strict=True)]


def _tokens_starting_in(starts: list[int], start: int, end: int) -> range:
    import bisect

    return range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))
