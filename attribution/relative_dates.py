"""Relative date words dateparser gets wrong or leaves out, anchored to the publication date or to a date
the story has just named. Pure functions (no spaCy), used by ``attribution.dating.normalise_date``.

A date is written at the precision the words give and no finer (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``):
"last week" is a span of seven days, so it gives the month when the whole week lies in one month, the year
when it lies in one year, and nothing otherwise; a wrong date is worse than none.

Against the publication date (news style: a weekday names a day within the last week):
- the publication's own weekday ("said Thursday" in Thursday's paper), "today", "this morning",
  "tonight", "earlier today": the publication date;
- "last week" (the calendar week before), "this week"/"earlier this week" (its Monday to the publication),
  "the past week" (the seven days before), "N weeks ago" (that day, give or take three), "the weekend"/
  "last weekend" (the Saturday and Sunday before).

Against a date just named ("On March 3, 2016, the mayor spoke. The next day, he said ..."):
"the next day", "the day before", "that day"/"that night", "N days later/earlier", "that month"/"later
that month", "the following month", "that year", "the following year".
"""

from __future__ import annotations

import datetime as dt
import re

NOT_HANDLED = object()
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_NUMBER = r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PREFIX = re.compile(r"^(on|in|over|during|at|since|by|the|this past|earlier|late|early)\s+", re.I)

_TODAY = re.compile(r"^(earlier |later )?(today|tonight|this (morning|afternoon|evening))$", re.I)
_WEEKDAY = re.compile(rf"^(earlier |late |early )?({'|'.join(WEEKDAYS)})('s)?( (morning|afternoon|evening|night))?$",
                      re.I)
_LAST_WEEK = re.compile(r"^(last|previous) week$", re.I)
_THIS_WEEK = re.compile(r"^(earlier )?this week$|^earlier in the week$", re.I)
_PAST_WEEK = re.compile(r"^(the )?(past|last) (seven|7) days$|^(the )?past week$", re.I)
_WEEKS_AGO = re.compile(rf"^{_NUMBER} weeks? ago$", re.I)
_WEEKEND = re.compile(r"^(the |last |this past |over the )?weekend$", re.I)

_ANCHORED_DAY = re.compile(rf"^(the )?(next|following|previous|same) (day|morning|afternoon|evening|night)$|"
                           rf"^(that|the same) (day|morning|afternoon|evening|night)$|"
                           rf"^(the )?day (before|after)$|^{_NUMBER} days? (later|earlier|before|after)$|"
                           rf"^(later|earlier) that (day|morning|afternoon|evening|night)$", re.I)
_ANCHORED_MONTH = re.compile(r"^((later|earlier) )?that month$|^(the )?(next|following|previous) month$|"
                             r"^(a|one) month (later|earlier)$", re.I)
_ANCHORED_YEAR = re.compile(r"^((later|earlier) )?that year$|^(the )?(next|following|previous) year$|"
                            r"^(a|one) year (later|earlier)$", re.I)
_BACKWARDS = re.compile(r"\b(previous|before|earlier)\b", re.I)
_EARLIER_THAT = re.compile(r"^earlier that\b", re.I)


def span_label(first: dt.date, last: dt.date, published: dt.date | None = None) -> str | None:
    """The finest of day, month, year that holds every day from ``first`` to ``last`` (cut at the
    publication date); None when the span crosses a year, or lies wholly after publication."""
    if published is not None:
        last = min(last, published)
    if first > last:
        return None
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%Y-%m}"
    if first.year == last.year:
        return f"{first:%Y}"
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _core(text: str) -> str:
    core = " ".join(text.split()).rstrip(".,")
    return _PREFIX.sub("", core) if not _TODAY.match(core) and not _WEEKDAY.match(core) else core


def relative_to_publication(text: str, published: dt.date) -> str | None | object:
    """said_on for the words that need the publication date and dateparser gets wrong; None when such
    words name no single month; NOT_HANDLED for everything else (dateparser's job)."""
    words = " ".join(text.split()).rstrip(".,")
    if _TODAY.match(words):
        return published.isoformat()
    weekday = _WEEKDAY.match(words)
    if weekday and WEEKDAYS.index(weekday.group(2).lower()) == published.weekday():
        return published.isoformat()  # "said Thursday" in Thursday's paper: that day, not a week before
    core = _PREFIX.sub("", words)
    monday = published - dt.timedelta(days=published.weekday())
    if _LAST_WEEK.match(core):
        return span_label(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1))
    if _THIS_WEEK.match(core) or _THIS_WEEK.match(words):
        return span_label(monday, published)
    if _PAST_WEEK.match(words) or _PAST_WEEK.match(core):
        return span_label(published - dt.timedelta(days=7), published)
    if match := _WEEKS_AGO.match(core):
        centre = published - dt.timedelta(days=7 * _number(match.group(1)))
        return span_label(centre - dt.timedelta(days=3), centre + dt.timedelta(days=3), published)
    if _WEEKEND.match(words) or _WEEKEND.match(core):
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7 or 7)
        return span_label(saturday, saturday + dt.timedelta(days=1), published)
    return NOT_HANDLED


def is_anchored(text: str) -> bool:
    """Words that date something relative to a moment the story has named ("the next day")."""
    core = _core(text)
    return bool(_ANCHORED_DAY.match(core) or _ANCHORED_MONTH.match(core) or _ANCHORED_YEAR.match(core))


def relative_to_anchor(text: str, anchor: str) -> str | None:
    """said_on for ``text`` ("the next day") counted from ``anchor`` (a said_on: YYYY[-MM[-DD]]); None when
    the anchor is not precise enough (a day counted from a month) or the words are not anchored."""
    core = _core(text)
    parts = [int(p) for p in anchor.split("-")]
    if _ANCHORED_DAY.match(core):
        return _shift_days(core, parts) if len(parts) == 3 else None
    if _ANCHORED_MONTH.match(core):
        if len(parts) < 2:
            return None
        step = 0 if "that" in core.lower() else (-1 if _BACKWARDS.search(core) else 1)
        year, month = divmod(parts[0] * 12 + parts[1] - 1 + step, 12)
        return f"{year:04d}-{month + 1:02d}"
    if _ANCHORED_YEAR.match(core):
        step = 0 if "that" in core.lower() else (-1 if _BACKWARDS.search(core) else 1)
        return f"{parts[0] + step:04d}"
    return None


def _shift_days(core: str, parts: list[int]) -> str:
    day = dt.date(*parts)
    lowered = core.lower()
    if re.match(r"^(that|the same|same|later that)\b", lowered) or _EARLIER_THAT.match(core):
        return day.isoformat()
    count = re.match(rf"^{_NUMBER} days?", lowered)
    steps = _number(count.group(1)) if count else 1
    sign = -1 if _BACKWARDS.search(lowered) else 1
    return (day + dt.timedelta(days=sign * steps)).isoformat()
