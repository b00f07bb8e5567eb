"""Attribution speed: the Extractor against plain ``nlp.pipe`` with the same model, on the same texts.

    .venv/bin/python benchmarks/attribution_speed.py [--docs N] [--repeat R] [--batch-size B]
                                                     [--memory-chars C] [--unpieced-too] [--skip-memory]

One run, one process: words/s of plain ``nlp.pipe`` (the model's full pipeline, parser everywhere) and of
``Extractor.extract_many`` (what ``quotes extract --input`` runs: selective parse + quote finding,
linking, resolution, dating), their ratio, the share of text the selective parser parsed, and peak memory
(ru_maxrss of the process, and tracemalloc's peak of Python allocations in a separate pass of each).
Wall and CPU time are both reported; the two passes are interleaved over R rounds and the best round of
each kept, so a noisy neighbour on the machine hurts both alike.

First the peak memory of one long text (C characters, default 1 MB, made of the dev articles' paragraphs)
through ``Extractor.extract``, measured in a fresh subprocess (its VmHWM, pipeline loading included),
with the default piece size (``attribution.pieces``); ``--unpieced-too`` also measures the whole text in
one piece, as before pieces (slow: minutes, and over 3 GB).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "polnear-dev.jsonl"
sys.path.insert(0, str(ROOT))


def load_texts(limit: int | None) -> list[str]:
    texts = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8")]
    return texts[:limit] if limit else texts


def timed(fn, texts: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one pass."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(texts)
    return time.perf_counter() - wall, time.process_time() - cpu


def traced_peak(fn, texts: list[str]) -> int:
    """Peak bytes of Python allocations during one pass (a separate pass: tracing slows everything)."""
    tracemalloc.start()
    fn(texts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def long_text(chars: int) -> str:
    """``chars`` characters of real news: the dev articles' paragraphs, repeated as often as needed."""
    texts = load_texts(None)
    parts, total, k = [], 0, 0
    while total < chars:
        parts.append(texts[k % len(texts)].strip())
        total += len(parts[-1]) + 2
        k += 1
    return "\n\n".join(parts)[:chars]


def peak_rss_mib() -> float:
    """This process's peak resident memory: VmHWM (Linux; reset at exec), else ru_maxrss (which a child
    can inherit from the process that forked it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_memory_child(chars: int, piece_chars: int | None) -> None:
    """Run in a fresh process: one long text through the Extractor; print its peak RSS as JSON."""
    from attribution import Extractor

    text = long_text(chars)
    extractor = Extractor() if piece_chars is None else Extractor(piece_chars=piece_chars)
    extractor.nlp.max_length = max(extractor.nlp.max_length, len(text) + 1)  # for the unpieced run
    loaded = peak_rss_mib()
    wall = time.perf_counter()
    quotes = extractor.extract(text, "2016-10-01")
    print(json.dumps({"chars": len(text), "quotes": len(quotes), "seconds": time.perf_counter() - wall,
                      "loaded_mib": loaded, "peak_mib": peak_rss_mib()}))


def measure_peak(chars: int, piece_chars: int | None) -> dict:
    cmd = [sys.executable, __file__, "--peak-memory-child", str(chars)]
    if piece_chars is not None:
        cmd += ["--piece-chars", str(piece_chars)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def report_memory(chars: int, unpieced_too: bool) -> None:
    from attribution.pieces import PIECE_CHARS

    runs = [(f"in pieces of {PIECE_CHARS:,} chars", None)] + ([("in one piece", 10 ** 12)] if unpieced_too else [])
    for label, piece_chars in runs:
        r = measure_peak(chars, piece_chars)
        print(f"peak memory, one {r['chars']:,}-character text {label}: {r['peak_mib']:,.0f} MiB "
              f"(pipeline loaded: {r['loaded_mib']:,.0f} MiB; {r['quotes']} quotations, {r['seconds']:.0f} s)"
              "  (target <= 1,536 MiB)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=None, help="first N dev documents (default: all 84)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--memory-chars", type=int, default=1_000_000, help="length of the long text")
    ap.add_argument("--unpieced-too", action="store_true", help="also measure the long text in one piece")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--peak-memory-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--piece-chars", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peak_memory_child:
        peak_memory_child(args.peak_memory_child, args.piece_chars)
        return
    if not args.skip_memory:  # first, while this process is small (a child may inherit its ru_maxrss)
        report_memory(args.memory_chars, args.unpieced_too)
    if not args.skip_speed:
        measure_speed(args)


def measure_speed(args: argparse.Namespace) -> None:

    from attribution import Extractor
    from attribution.model import describe_model, load_nlp

    texts = load_texts(args.docs)
    words = sum(len(t.split()) for t in texts)
    plain = load_nlp()
    extractor = Extractor()

    def run_plain(batch: list[str]) -> None:
        for _ in plain.pipe(batch, batch_size=args.batch_size):
            pass

    def run_extractor(batch: list[str]) -> None:
        for _ in extractor.extract_many(((t, None) for t in batch), batch_size=args.batch_size):
            pass

    run_plain(texts[:2])
    run_extractor(texts[:2])  # warm-up: lazy loads, caches
    passes = {"plain nlp.pipe": run_plain, "Extractor.extract_many": run_extractor}
    best = {name: [float("inf"), float("inf")] for name in passes}
    for _ in range(args.repeat):
        for name, fn in passes.items():
            wall, cpu = timed(fn, texts)
            best[name] = [min(best[name][0], wall), min(best[name][1], cpu)]
    peaks = {name: traced_peak(fn, texts) for name, fn in passes.items()}

    parsed = sum(e - s for doc in extractor.nlp.pipe(texts) for s, e in (doc._.parsed_sents or []))
    print(f"model: {describe_model(plain)}; Extractor pipeline: {' '.join(extractor.nlp.pipe_names)}")
    print(f"texts: {len(texts)} PolNeAR dev documents, {words} words, best of {args.repeat} interleaved rounds")
    for name, (wall, cpu) in best.items():
        print(f"{name:24} wall {wall:6.2f} s {words / wall:7.0f} words/s | CPU {cpu:6.2f} s "
              f"{words / cpu:7.0f} words/s | tracemalloc peak {peaks[name] / 2**20:6.1f} MiB")
    plain_wall, plain_cpu = best["plain nlp.pipe"]
    ext_wall, ext_cpu = best["Extractor.extract_many"]
    print(f"throughput ratio Extractor / plain nlp.pipe: wall {plain_wall / ext_wall:.3f}, "
          f"CPU {plain_cpu / ext_cpu:.3f}  (target >= 0.85; CPU time is the fairer on a shared machine)")
    print(f"share of characters parsed by attribution_parser: {parsed / sum(len(t) for t in texts):.3f}")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

if __name__ == "__main__":
    main()
