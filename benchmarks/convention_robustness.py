"""Attribution quality when only the quoting convention changes: PolNeAR as a British paper would set it.

    .venv/bin/python benchmarks/convention_robustness.py [--gold FILE] [--no-titles] [--processes N] [--keep DIR]

PolNeAR is American news: double quotation marks, single ones nested inside, "Mr." with a stop. British
and Commonwealth papers (BBC, Guardian, Telegraph, Daily Mail, ABC Australia) quote with single marks,
the same ’ as the apostrophe, double marks nested inside, and write "Mr" without the stop. The gold file
(default PolNeAR dev) is rewritten that way with its gold offsets kept valid:

- a quotation's double marks become single ones (“ -> ‘, ” -> ’, straight " -> straight '); a quotation
  nested inside one becomes a double-mark one; apostrophes stay, so ’ closes quotations and words alike;
- "Mr." / "Mrs." / "Ms." / "Dr." before a name lose their stop (every offset remapped), unless --no-titles.

The transform is a scanner of its own, not attribution.marks, so it does not share the tracker's mistakes.
Both versions go through the batch contract (``quotes extract``) and ../shared/eval/score.py; printed are
extraction and end-to-end F1 for direct, mixed and all types, original beside transformed.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the quality benchmark's scoring helper, shared
from attribution_quality import add_speaker_spans  # noqa: E402

# ../shared beside the checkout (a worktree one level deeper finds it further up).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), ROOT.parent / "shared")
DEV = SHARED / "data" / "polnear" / "polnear-dev.jsonl"
SCORER = SHARED / "eval" / "score.py"
QUOTES = [sys.executable, "-m", "tracker.cli"]  # from the checkout's root: this checkout's code
TYPE_SETS = (("direct", "direct"), ("mixed", "mixed"), ("all", None))
TITLE_RE = re.compile(r"\b(Mr|Mrs|Ms|Dr)\.(?= [A-Z])")


# ------------------------------------------------------------------ the transform
def single_mark_text(text: str) -> str:
    """``text`` with its quotations in single marks and their nested quotations in double ones."""
    chars = list(text)
    pos = 0
    for line in text.split("\n"):
        _swap_line(text, pos, pos + len(line), chars)
        pos += len(line) + 1
    return "".join(chars)


def _swap_line(text: str, start: int, end: int, chars: list[str]) -> None:
    inside = False
    for i in range(start, end):
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if ch == "“":
            inside, chars[i] = True, "‘"
        elif ch == "”":
            inside, chars[i] = False, "’"
        elif ch == '"':
            inside = not inside if inside or not after.isspace() else inside
            chars[i] = "'"
        elif inside and ch in "‘'" and chars[i] == ch and not before.isalnum() and not after.isspace():
            close = _nested_close(text, i + 1, end, "’" if ch == "‘" else "'")
            if close is not None:
                chars[i], chars[close] = ("“", "”") if ch == "‘" else ('"', '"')


def _nested_close(text: str, i: int, end: int, mark: str) -> int | None:
    """The closing mark of a single-mark quotation nested in a double-mark one, opened before ``i``: the
    first ``mark`` after a non-space and before a non-word (not a plural possessive before a lower-case
    word, "the Clintons’ campaign"), ahead of the outer quotation's closing mark."""
    for j in range(i, end):
        if text[j] in '“”"':
            return None
        after = text[j + 1:j + 2] or " "
        if text[j] == mark and not text[j - 1].isspace() and not after.isalnum():
            if not (text[j - 1] in "sS" and after == " " and text[j + 2:j + 3].islower()):
                return j
    return None


def transform(doc: dict, titles: bool) -> dict:
    """One gold document in the British convention, its quotations' offsets (and texts) kept right."""
    text = single_mark_text(doc["text"])
    removed = [m.end() - 1 for m in TITLE_RE.finditer(text)] if titles else []
    if removed:
        text = "".join(text[a + 1:b] for a, b in zip([-1, *removed], [*removed, len(text)], strict=True))

    def moved(offset: int) -> int:
        return offset - bisect.bisect_left(removed, offset)

    quotes = []
    for q in doc["quotes"]:
        q = dict(q, start=moved(q["start"]), end=moved(q["end"]))
        q["text"] = text[q["start"]:q["end"]]
        for key in ("fragments", "speaker_spans"):
            if q.get(key):
                q[key] = [[moved(s), moved(e)] for s, e in q[key]]
        if q.get("cue"):
            cue = dict(q["cue"], start=moved(q["cue"]["start"]), end=moved(q["cue"]["end"]))
            q["cue"] = dict(cue, text=text[cue["start"]:cue["end"]])
        quotes.append(q)
    return dict(doc, text=text, quotes=quotes)


# ------------------------------------------------------------------ running and scoring
def run(gold: Path, workdir: Path, processes: int) -> dict[str, tuple[float, float]]:
    """Extraction and end-to-end F1 per type set of this checkout on ``gold``."""
    inp, preds, scored = workdir / "input.jsonl", workdir / "preds.jsonl", workdir / "scored.jsonl"
    with gold.open(encoding="utf-8") as src, inp.open("w", encoding="utf-8") as dst:
        for line in src:
            doc = json.loads(line)
            dst.write(json.dumps({"id": doc["id"], "text": doc["text"], "published": doc.get("date")}) + "\n")
    subprocess.run([*QUOTES, "extract", "--input", str(inp), "--output", str(preds), "--processes",
                    str(processes)], check=True, cwd=ROOT)
    add_speaker_spans(preds, scored)
    figures = {}
    for label, types in TYPE_SETS:
        cmd = [sys.executable, str(SCORER), str(gold), str(scored)] + (["--types", types] if types else [])
        table = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        ext = float(re.search(r"^extraction .*F1 ([\d.]+)", table, re.M).group(1))
        e2e = float(re.search(r"^end-to-end .*F1 ([\d.]+)", table, re.M).group(1))
        figures[label] = (ext, e2e)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEV, help="a gold JSONL in PolNeAR's layout (default: dev)")
    ap.add_argument("--no-titles", action="store_true", help="keep the stop of Mr./Mrs./Ms./Dr.")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="keep inputs, predictions and the transformed gold here")
    args = ap.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="convention-robustness-"))
    (workdir / "original").mkdir(parents=True, exist_ok=True)
    (workdir / "british").mkdir(parents=True, exist_ok=True)
    british = workdir / "british" / "gold.jsonl"
    with args.gold.open(encoding="utf-8") as src, british.open("w", encoding="utf-8") as dst:
        for line in src:
            if line.strip():
                dst.write(json.dumps(transform(json.loads(line), not args.no_titles), ensure_ascii=False) + "\n")
    before = run(args.gold, workdir / "original", args.processes)
    after = run(british, workdir / "british", args.processes)
    print(f"{args.gold.name}: original -> British convention (single marks{'' if args.no_titles else ', Mr'})")
    print(f"{'types':8} {'extraction F1':>24} {'end-to-end F1':>24}")
    for label, _ in TYPE_SETS:
        (e1, t1), (e2, t2) = before[label], after[label]
        print(f"{label:8} {e1:8.3f} -> {e2:.3f} ({e2 - e1:+.3f}) {t1:8.3f} -> {t2:.3f} ({t2 - t1:+.3f})")


if __name__ == "__main__":
    main()
