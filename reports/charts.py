"""Geometry for the server-drawn SVG charts (no chart library, no script: the SVG is in the page).

The fragments (reports.fragments) draw; this module only turns monthly counts into coordinates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache


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
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    bars: list[Bar]  # only the months with a count; empty months are gaps on the axis
    year_ticks: list[tuple[float, str]]
    peak: int


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


@lru_cache(maxsize=4096)  # a few hundred distinct months, asked for by every card of every figure
def month_label(month: str) -> str:
    """'2018-07' -> 'July 2018'; a bare year says its month is unknown."""
    if len(month) == 4 and month.isdigit():
        return f"{month}, month unknown"
    if len(month) == 7 and month[:4].isdigit() and month[5:].isdigit() and 1 <= int(month[5:]) <= 12:
        return f"{MONTH_NAMES[int(month[5:]) - 1]} {month[:4]}"
    return "Date unknown" if month == "unknown" else month


def _month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def timeline(counts: Mapping[str, int], width: int = 800, height: int = 120) -> Timeline:
    """Bars of quotations per month on a continuous month axis (time reads left to right)."""
    filled = {month: count for month, count in counts.items() if count}
    if not filled:
        return Timeline(width, height, [], [], 0)
    first, last = _month_index(min(filled)), _month_index(max(filled))
    slots = last - first + 1
    peak = max(filled.values())
    slot = width / slots
    chart_height = height - 16  # room for the year labels
    bar_width = round(min(max(slot - 1, 0.5), MAX_BAR_WIDTH), 2)
    bars = []
    for month in sorted(filled):
        count = filled[month]
        bar_height = round(chart_height * count / peak, 2)
        bars.append(Bar(month, count, round((_month_index(month) - first) * slot, 2),
                        round(chart_height - bar_height, 2), bar_width, bar_height, month_label(month)))
    ticks = [(round((year * 12 - first) * slot, 2) if year * 12 > first else 0.0, str(year))
             for year in range(first // 12, last // 12 + 1)]
    return Timeline(width, height, bars, _thin_ticks(ticks), peak)


def _thin_ticks(ticks: list[tuple[float, str]], min_gap: float = 36.0) -> list[tuple[float, str]]:
    """Year labels at least ``min_gap`` apart (in the chart's units), so that none overlaps."""
    kept: list[tuple[float, str]] = []
    for x, label in ticks:
        if not kept or x - kept[-1][0] >= min_gap:
            kept.append((x, label))
    return kept


def sparkline(counts: Mapping[str, int], width: int = 120, height: int = 24, max_points: int = 24) -> str:
    """SVG polyline points for a small line of quotations over time ('' when there is nothing).

    Long spans are summed into at most ``max_points`` equal buckets of months, so a figure quoted over
    decades costs the index page no more than one quoted for a year.
    """
    if not counts:
        return ""
    first = _month_index(min(counts))
    series = [0] * (_month_index(max(counts)) - first + 1)
    for month, count in counts.items():
        series[_month_index(month) - first] += count
    if len(series) > max_points:
        size = -(-len(series) // max_points)  # ceiling division
        series = [sum(series[i:i + size]) for i in range(0, len(series), size)]
    peak = max(series) or 1
    if len(series) == 1:
        series = series * 2
    step = width / (len(series) - 1)
    return " ".join(f"{i * step:.0f},{height - 2 - (height - 4) * count / peak:.0f}"
                    for i, count in enumerate(series))
