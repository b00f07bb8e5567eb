"""Draw the reliability diagram of ``benchmarks/attribution_quality.py --reliability-json FILE`` as an SVG.

    .venv/bin/python benchmarks/reliability_plot.py FILE [FILE_RAW] [--output docs/attribution-reliability.svg]

One point per non-empty bin at (mean confidence, share right end to end), its area growing with the bin's
count, against the diagonal of perfect calibration; a second file (e.g. the uncalibrated run) is drawn
in grey for comparison. Plain SVG text: no plotting library needed.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE, MARGIN = 360, 48
PLOT = SIZE - 2 * MARGIN


def _xy(confidence: float, accuracy: float) -> tuple[float, float]:
    return MARGIN + confidence * PLOT, SIZE - MARGIN - accuracy * PLOT


def _points(data: dict, colour: str) -> list[str]:
    total = max(sum(b["count"] for b in data["bins"]), 1)
    marks = []
    previous = None
    for row in data["bins"]:
        if not row["count"]:
            continue
        x, y = _xy(row["confidence"], row["accuracy"])
        if previous:
            marks.append(f'<line x1="{previous[0]:.1f}" y1="{previous[1]:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
                         f'stroke="{colour}" stroke-width="1.5"/>')
        radius = 2.5 + 14 * math.sqrt(row["count"] / total)
        marks.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.55">'
                     f'<title>{row["low"]:.1f}-{row["high"]:.1f}: {row["count"]} quotations, mean confidence '
                     f'{row["confidence"]:.3f}, right {row["accuracy"]:.3f}</title></circle>')
        previous = (x, y)
    return marks


def _axes() -> list[str]:
    parts = [f'<rect x="{MARGIN}" y="{MARGIN}" width="{PLOT}" height="{PLOT}" fill="none" stroke="#888"/>',
             f'<line x1="{MARGIN}" y1="{SIZE - MARGIN}" x2="{SIZE - MARGIN}" y2="{MARGIN}" stroke="#bbb" '
             'stroke-dasharray="4 3"/>']
    for k in range(0, 11, 2):
        v = k / 10
        x, y = _xy(v, v)
        parts.append(f'<text x="{x:.1f}" y="{SIZE - MARGIN + 14}" font-size="10" text-anchor="middle">{v:.1f}</text>')
        parts.append(f'<text x="{MARGIN - 6}" y="{y + 3:.1f}" font-size="10" text-anchor="end">{v:.1f}</text>')
    parts.append(f'<text x="{SIZE / 2}" y="{SIZE - 10}" font-size="11" text-anchor="middle">confidence</text>')
    parts.append(f'<text x="12" y="{SIZE / 2}" font-size="11" text-anchor="middle" '
                 f'transform="rotate(-90 12 {SIZE / 2})">share right (end to end)</text>')
    return parts


def render(calibrated: dict, raw: dict | None = None) -> str:
    title = f"PolNeAR dev: ECE {calibrated['ece']:.3f}"
    if raw is not None:
        title += f" (uncalibrated {raw['ece']:.3f}, grey)"
    body = _axes() + (_points(raw, "#999") if raw else []) + _points(calibrated, "#1f6fb4")
    body.append(f'<text x="{SIZE / 2}" y="20" font-size="12" text-anchor="middle">{title}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" '
            f'font-family="sans-serif">\n' + "\n".join(body) + "\n</svg>\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("calibrated", type=Path)
    ap.add_argument("raw", type=Path, nargs="?")
    ap.add_argument("--output", type=Path, default=ROOT / "docs" / "attribution-reliability.svg")
    args = ap.parse_args()
    raw = json.loads(args.raw.read_text(encoding="utf-8")) if args.raw else None
    args.output.write_text(render(json.loads(args.calibrated.read_text(encoding="utf-8")), raw), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
