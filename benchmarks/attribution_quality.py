"""Attribution quality on the PolNeAR dev split and the seed article.

    .venv/bin/python benchmarks/attribution_quality.py [--processes N] [--keep DIR] [--errors]
                                                       [--reliability-json FILE]

Runs the batch contract exactly as the evaluation does (``quotes extract --input docs.jsonl --output
preds.jsonl``), then prints ../shared/eval/score.py's table for direct, direct+mixed and all types, the
reliability of ``confidence`` (10 equal-width bins: count, mean confidence, share right end to end, and the
expected calibration error; ``--reliability-json`` writes those numbers for
``benchmarks/reliability_plot.py``), and the seed article's checks (../shared/data/seed/expected.json).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's attribution, for the seed checks
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "polnear" / "polnear-dev.jsonl"
SCORER = SHARED / "eval" / "score.py"
SEED_DIR = SHARED / "data" / "seed"
# ``python -m tracker.cli`` from the checkout's root: the code of this checkout, not whichever one the
# shared virtualenv's editable install points to.
QUOTES = [sys.executable, "-m", "tracker.cli"]
TYPE_SETS = (("direct", "direct"), ("direct+mixed", "direct,mixed"), ("all", None))


def write_input(path: Path) -> int:
    n = 0
    with DEV.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for line in src:
            doc = json.loads(line)
            dst.write(json.dumps({"id": doc["id"], "text": doc["text"], "published": doc.get("date")}) + "\n")
            n += 1
    return n


def run_batch(inp: Path, out: Path, processes: int) -> None:
    cmd = [*QUOTES, "extract", "--input", str(inp), "--output", str(out), "--processes", str(processes)]
    subprocess.run(cmd, check=True, cwd=ROOT)


def add_speaker_spans(preds: Path, scored: Path) -> None:
    """The scorer reads the mention as ``speaker_spans``; ours is speaker_start/speaker_end."""
    with preds.open(encoding="utf-8") as src, scored.open("w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            for q in row.get("quotes", []):
                if q.get("speaker_start") is not None:
                    q["speaker_spans"] = [[q["speaker_start"], q["speaker_end"]]]
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")


def score(scored: Path, types: str | None, errors: Path | None) -> str:
    cmd = [sys.executable, str(SCORER), str(DEV), str(scored)]
    if types:
        cmd += ["--types", types]
    if errors:
        cmd += ["--errors", str(errors)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def calibration_report(scored: Path, out: Path | None) -> str:
    """The reliability table of the predicted confidences on dev, labelled as the end-to-end score does."""
    from attribution.calibrate import labelled, load_scorer, read_jsonl
    from attribution.calibration import reliability

    gold = {doc["id"]: doc for doc in read_jsonl(DEV)}
    predictions = {row["id"]: row.get("quotes", []) for row in read_jsonl(scored)}
    quotes, labels = labelled(load_scorer(SCORER), gold, predictions)
    rows, ece = reliability([q.confidence for q in quotes], labels)
    lines = [f"{len(quotes)} scored quotations ({sum(labels)} right end to end)",
             "bin          count  mean conf.  accuracy"]
    for row in rows:
        conf = "-" if row["confidence"] is None else f"{row['confidence']:.3f}"
        acc = "-" if row["accuracy"] is None else f"{row['accuracy']:.3f}"
        lines.append(f"[{row['low']:.1f}, {row['high']:.1f})  {row['count']:6}  {conf:>10}  {acc:>8}")
    lines.append(f"expected calibration error (ECE): {ece:.3f}  (target <= 0.05)")
    if out is not None:
        out.write_text(json.dumps({"bins": rows, "ece": ece, "n": len(quotes)}, indent=1) + "\n", encoding="utf-8")
    return "\n".join(lines) + "\n"


def seed_checks() -> list[tuple[str, bool, str]]:
    expected = json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))
    text = (SEED_DIR / expected["file"]).read_text(encoding="utf-8")
    from attribution import Extractor

    quotes = Extractor().extract(text, expected["published"])
    results = []
    for item in expected["must_find"]:
        found = [q for q in quotes if _overlap(q.start, q.end, item["start"], item["end"]) >= 0.5]
        q = found[0] if found else None
        got = f"speaker={q.speaker!r} said_on={q.said_on!r} cue={q.cue!r}" if q else "not found"
        ok = bool(q) and q.speaker == item["speaker"] and (q.said_on or "").startswith(item["said_on"])
        results.append((f"must_find {item['text'][:40]!r} -> {item['speaker']}, {item['said_on']}", ok, got))
    for item in expected["must_not_attribute"]:
        bad = [q for q in quotes if q.speaker and q.start < item["end"] and item["start"] < q.end]
        got = "; ".join(f"{q.speaker} on {q.text[:50]!r}" for q in bad) or "no speaker"
        results.append((f"must_not_attribute {item['text']!r}", not bad, got))
    return results


def _overlap(s1: int, e1: int, s2: int, e2: int) -> float:
    """Character IoU of two spans (the scorer's matching rule)."""
    inter = max(0, min(e1, e2) - max(s1, s2))
    return inter / (max(e1, e2) - min(s1, s2)) if inter else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="keep input/predictions/errors in this directory")
    ap.add_argument("--errors", action="store_true", help="write the scorer's error cases (with --keep)")
    ap.add_argument("--reliability-json", type=Path, help="write the reliability table here (for the plot)")
    args = ap.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="attribution-quality-"))
    workdir.mkdir(parents=True, exist_ok=True)
    inp, preds, scored = workdir / "dev-input.jsonl", workdir / "dev-preds.jsonl", workdir / "dev-scored.jsonl"
    n = write_input(inp)
    print(f"PolNeAR dev: {n} documents -> quotes extract --input ... --output ...", flush=True)
    run_batch(inp, preds, args.processes)
    add_speaker_spans(preds, scored)
    for label, types in TYPE_SETS:
        errors = workdir / f"errors-{label}.jsonl" if args.errors else None
        print(f"\n== {label} ==")
        print(score(scored, types, errors), end="")
    print("\n== calibration (all types) ==")
    print(calibration_report(scored, args.reliability_json), end="")
    print("\n== seed article ==")
    failures = 0
    for name, ok, got in seed_checks():
        failures += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}   [{got}]")
    print(f"\nseed: {failures} failure(s)")


if __name__ == "__main__":
    main()
