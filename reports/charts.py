"""Geometry for the server-drawn SVG charts (no chart library, no script: the SVG is in the page).

The templates (``macros.html.j2``) draw; this module only turns monthly counts into coordinates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive, as YYYY-MM."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def filled_months(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """The counts with the empty months between the first and the last filled in as zeros."""
    if not counts:
        return []
    months = month_range(min(counts), max(counts))
    return [(month, counts.get(month, 0)) for month in months]


MAX_BAR_WIDTH = 40.0


@dataclass(frozen=True, slots=True)
class Bar:
    month: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    bars: list[Bar]
    year_ticks: list[tuple[float, str]]
    peak: int


def timeline(counts: Mapping[str, int], width: int = 800, height: int = 120) -> Timeline:
    """Bars of quotations per month; empty months keep their slot so time reads left to right."""
    series = filled_months(counts)
    peak = max((count for _, count in series), default=0)
    slot = width / max(len(series), 1)
    chart_height = height - 16  # room for the year labels
    bars, ticks = [], []
    for index, (month, count) in enumerate(series):
        bar_height = chart_height * count / peak if peak else 0.0
        x = round(index * slot, 2)
        bars.append(Bar(month, count, x, round(chart_height - bar_height, 2),
                        round(min(max(slot - 1, 0.5), MAX_BAR_WIDTH), 2), round(bar_height, 2)))
        if month.endswith("-01") or index == 0:
            ticks.append((x, month[:4]))
    return Timeline(width, height, bars, _thin_ticks(ticks, width), peak)


def _thin_ticks(ticks: list[tuple[float, str]], width: int, min_gap: float = 36.0) -> list[tuple[float, str]]:
    kept: list[tuple[float, str]] = []
    for x, label in ticks:
        if not kept or x - kept[-1][0] >= min_gap:
            kept.append((x, label))
    return kept


def sparkline(counts: Mapping[str, int], width: int = 120, height: int = 24) -> str:
    """SVG polyline points for a small line of quotations per month ('' when there is nothing)."""
    series = filled_months(counts)
    if not series:
        return ""
    peak = max(count for _, count in series) or 1
    if len(series) == 1:
        y = round(height - 2 - (height - 4) * series[0][1] / peak, 1)
        return f"0,{y} {width},{y}"
    step = width / (len(series) - 1)
    return " ".join(f"{round(i * step, 1)},{round(height - 2 - (height - 4) * count / peak, 1)}"
                    for i, (_, count) in enumerate(series))
