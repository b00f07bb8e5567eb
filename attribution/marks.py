"""Quotation marks -> quoted spans, on the raw text (no spaCy): the first step of attribution.

Handles straight and curly double quotes, NYT-style ``...'' pairs, guillemets, curly single quotes at
the top level (single quotes inside double quotes are part of the outer quotation), quotations running
over several paragraphs (each paragraph reopens the mark, only the last closes it) and unbalanced marks:
a mark left open at the end of a paragraph that is not continued is closed there, so one stray mark never
swallows the rest of the article.

British and Commonwealth papers often quote with single marks (straight ' or curly ‘…’) and nest double
ones inside ("She said: 'Her dad told her "Will's dead".'"). Every text with a single mark is also scanned
with the two families' roles swapped; a document whose single-mark quotations outnumber its double-mark
ones, or a short one with single-mark reported words and no double-mark ones (see
``_single_marks_primary``), keeps that reading, so the same paragraph logic serves both conventions.
A quotation nested in marks of its own family is part of the outer one when both its marks lie inside
the outer pair (``_nested_close``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

# Opening / closing characters by family. A straight " is decided from its neighbours.
_DOUBLE_OPEN = {"“", "«", "„", "``", "「"}
_DOUBLE_CLOSE = {"”", "»", "''", "」"}
# The single family: curly marks, single guillemets, the inner corner brackets (straight ' is decided
# from its neighbours, and only read as a quotation mark in a single-mark document).
_SINGLE_OPEN = {"‘", "‹", "『"}
_SINGLE_CLOSE = {"’", "›", "』"}
_SINGLE_FAMILY = _SINGLE_OPEN | _SINGLE_CLOSE
_MARK_RE = re.compile(r"``|''|[\"“”«»„「」‘’‹›『』]")
_SWAP_RE = re.compile(r"['\"“”„«»「」‘’‹›『』]")
# A single mark that may open a quotation (not inside a word, not NYT's ''): else no swapped reading.
_SINGLE_OPENER_RE = re.compile(r"(?<![\w'])['‘‹『](?![\s'])")
_DOUBLE_MARKS = {"“": "open", "„": "open", "«": "open", "「": "open", "”": "close", "»": "close", "」": "close"}
# Words that begin with an elision mark, not a quotation: 'em, 'til, rock 'n' roll, 'cause, the '90s.
# A year's two digits before a hyphen are a quoted compound, not an elision: her ‘50-state strategy’.
_ELISION_RE = re.compile(r"(?:em|til|n|cause|tis|twas|\d0s|\d\d\b(?!-))(?![A-Za-z])", re.IGNORECASE)
# Words that do not follow a possessive: "Lights‘ and" closes a title, "the players‘ union" is a possessive.
_NOT_A_POSSESSED_NOUN = frozenset(
    "and or but nor is are was were has have had to in of for on at with by as that which who from".split())
# Single-mark quotations a document needs before they count as its quoting convention (a scare quote
# or two in singles does not make a paper British-style).
MIN_SINGLE_QUOTATIONS = 3
# Fewer single-mark quotations do, when the document has no double-mark one at all: two quoted phrases
# in singles are the paper's quoting convention, not scare quotes beside its quotations.
MIN_SINGLE_PAIRS_ALONE = 2
# Marks that reopen a quotation running on from the previous paragraph.
_REOPENING = ('"', "“", "«", "``", "''", "”")


@dataclass(slots=True)
class QuotedSpan:
    """Text between an opening and a closing mark; ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_mark: str
    close_mark: str | None  # None: closed by the end of its paragraph (unbalanced or continued)
    continues: bool = False  # reopened in the next paragraph: a multi-paragraph quotation goes on
    continued: bool = False  # this piece continues the previous paragraph's quotation

    @property
    def balanced(self) -> bool:
        return self.close_mark is not None or self.continues


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line-separated paragraph, blank lines dropped."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def introduces_quotation(text: str, para_end: int, spans: list[QuotedSpan], ends: list[int]) -> bool:
    """The paragraph ending at ``para_end`` ends in a colon and the next paragraph opens with a quotation
    mark ("Cruz continued:" ¶ "“A.”"): its reporting clause belongs to that quotation, so the parser and
    the rules treat it as a paragraph next to a quotation. ``spans`` sorted by start, ``ends`` theirs."""
    if not text[:para_end].rstrip().endswith(":"):
        return False
    index = bisect.bisect_right(ends, para_end)
    if index >= len(spans) or spans[index].start <= para_end:
        return False
    between = text[para_end:spans[index].start]
    return "\n" in between and between.strip() == spans[index].open_mark


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int, mark: str, inside_double: bool) -> str | None:
    """'open', 'close' or None (not a quotation mark here, e.g. an apostrophe)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in _DOUBLE_OPEN:
        # A mistyped opener that ends a quotation: “Mostly False.“
        if inside_double and not before.isspace() and (after.isspace() or after in ".,;:"):
            return "close"
        if inside_double and _closer_typed_after_a_space(text, i, len(mark)):
            return "close"
        return "open"
    if mark in _DOUBLE_CLOSE or mark == '"':
        if inside_double:
            return "close"
        # Outside a quotation, a straight " (or NYT's '', or a mistyped ”) before a word opens one;
        # after a word it is a stray closer, which the caller ignores.
        if before.isspace() or before in "([{—–-/:;,―":
            return "open" if not after.isspace() else "close"
        return "open" if not after.isspace() and not _is_word(before) and before not in ".,!?" else "close"
    return _classify_single(text, i, mark, before, after)


def _classify_single(text: str, i: int, mark: str, before: str, after: str) -> str | None:
    """:func:`_classify` for a mark of the single family."""
    if mark in "‹『":
        return "open"
    if mark in "›』":
        return "close"
    if mark == "‘":
        # A top-level single quote opens only at a word boundary ("‘Islamic terrorism’"), not in "’90s".
        if not _is_word(before) and not after.isspace():
            return "open"
        return "close" if _typed_for_a_closer(text, i) else None
    if mark == "’":
        # An apostrophe sits between letters (don’t) or after an s (Clintons’ ...); a closer does not.
        if _is_word(before) and _is_word(after):
            return None
        return "close"
    return None


def _typed_for_a_closer(text: str, i: int) -> bool:
    """An opening single mark typed for the closing one: after a word or a stop and before a space or a
    stop (‘Jewels after Jewels‘ and ...), not a possessive before the next word (the players‘ union)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if not (_is_word(before) or before in ".,!?") or not (after.isspace() or after in ".,;:!?)"):
        return False
    return not _plural_possessive_shaped(text, i)


def _closer_typed_after_a_space(text: str, i: int, width: int) -> bool:
    """“It’s not just that it’s pickling your brain, “ says Professor Nutt: inside a quotation, an opening
    mark set between spaces after a comma or stop, a lower-case word (the cue) after it, closes the
    quotation; a real opener never has a space after it and the speaker's verb right behind."""
    before = text[i - 2:i]
    after = text[i + width:i + width + 2]
    return len(before) == 2 and before[0] in ",.!?" and before[1] == " " \
        and len(after) == 2 and after[0] == " " and after[1].islower()


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted spans of ``text`` in text order (top-level quotations only)."""
    spans = _scan(text)
    reading = _single_mark_reading(text, spans)
    if reading is not None:
        singles = reading[1]
        _restore_marks(text, singles)
        # A straight ' that never closes is an apostrophe (the 'burbs), not a quotation to the paragraph end.
        spans = [s for s in singles if s.balanced or s.continued or s.open_mark != "'"]
    return [s for s in spans if s.end > s.start]


def _single_mark_reading(text: str, doubles: list[QuotedSpan] | None = None) -> tuple[str, list[QuotedSpan]] | None:
    """When ``text`` quotes with single marks: the text with the two mark families swapped and its
    quotations read so; else None. ``doubles``: the text read the usual way, if already scanned."""
    if not _SINGLE_OPENER_RE.search(text):
        return None
    swapped = _swap_families(text)
    singles = _scan(swapped)
    return (swapped, singles) if _single_marks_primary(text, _scan(text) if doubles is None else doubles, singles) \
        else None


def double_mark_reading(text: str) -> str:
    """``text`` as a paper quoting with double marks would set it, when it quotes with single ones
    (``find_quoted_spans`` reads it that way): each single-mark quotation's marks become “ ”, the double
    marks nested in it single ones, apostrophes stay; same length, so offsets hold. Else ``text`` itself.
    The parser, the tagger and the rules learned their quotation marks from American news: read in
    their convention, "Mr Perez is talking about ‘a fierce urgency’ to get things done" parses as
    "... “a fierce urgency” to get things done" does."""
    reading = _single_mark_reading(text)
    if reading is None:
        return text
    swapped, singles = reading
    # Straight marks stay straight, curly ones curly: the parser reads '"' and '“' differently.
    chars = [_STRAIGHT_SWAP.get(ch, new) if new != ch else ch for ch, new in zip(text, swapped, strict=True)]
    for span in singles:
        if not (span.balanced or span.continued) and text[span.start - 1] == "'":
            chars[span.start - 1] = "'"  # an apostrophe after all (the 'burbs): see find_quoted_spans
    return "".join(chars)


_STRAIGHT_SWAP = {"'": '"', '"': "'"}


def _scan(text: str) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    carry = False  # the previous paragraph ended inside a double quotation
    for para_start, para_end in paragraphs(text):
        carry = _scan_paragraph(text, para_start, para_end, spans, carry)
    return spans


def _single_role(text: str, i: int) -> str | None:
    """'open', 'close' or None (an apostrophe) for the single mark at ``i``, read as a quotation mark;
    ``POSSESSIVE`` / ``RUN_IN`` for one :func:`_contextual_roles` decides."""
    mark = text[i]
    if mark in "‹『›』":
        return "open" if mark in "‹『" else "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if "'" in (before, after) and mark == "'":
        return None  # part of NYT's ''double'' marks
    if mark == "'" and before in ".!?," and after.isupper():
        return RUN_IN  # 'We lost,'Ann Cole said. or Ann Cole said,'We lost.': see _contextual_roles
    if mark in "'’" and before in ".!?," and (after in _AFTER_A_CLOSER or (mark == "’" and after.isupper())):
        # No word follows ('the No. 1 force in Spain.'--Kim Cole. / ('He will punch back.')), or a closer
        # run into the next sentence: ‘I love it!’Former ...
        return "close"
    if mark in "'‘" and not _is_word(before) and not after.isspace() and after not in "’”" \
            and not _ELISION_RE.match(text, i + 1):
        return "open"
    if mark == "‘" and not _is_word(before) and _spaced_opener(text, i):
        return "open"  # As the paper reported, ‘ … if the vote were held today
    if mark == "’" and _typed_for_a_paragraph_opener(text, i):
        return "open"
    if mark == "‘":
        return _curly_opener_after_a_word(text, i)
    if text[i - 2:i].lower() in ("'n", "’n", "‘n") and (i < 3 or not _is_word(text[i - 3])):
        return None  # rock 'n' roll: the elision's second mark
    if mark in "'’" and before == " " and text[i - 2:i - 1] in ('"', "”") and not _is_word(after):
        return "close"  # 'He says, "We won," ' she said.: set off by a space from the nested closing mark
    if mark in "'’" and not before.isspace() and not _is_word(after):
        # "the boys' ball": a plural possessive before the next word, not the end of a quotation (unless
        # the quotation it would close has no other mark to close it: see :func:`_contextual_roles`).
        return POSSESSIVE if _plural_possessive_shaped(text, i) else "close"
    return None


# What may follow a closing mark set after a stop or comma, and no opening one: a bracket, a dash, a colon.
_AFTER_A_CLOSER = frozenset(")]};:-–—")


# The role of a single mark shaped like a plural possessive ("the boys’ ball", "‘serious concerns’ about"):
# an apostrophe, unless the quotations open before it have no other mark to close them (_contextual_roles).
POSSESSIVE = "possessive"
# The role of a straight single mark between a stop or comma and a capital, no space on either side: it
# closes the quotation open before it ('We lost,'Ann Cole said.), else it opens one (she said,'We lost.').
RUN_IN = "run-in"


def _curly_opener_after_a_word(text: str, i: int) -> str | None:
    """The role of a ‘ that opens nothing (a word or a space next to it): typed for a closer, or, after an s
    where a possessive would stand (‘criminals’ and ‘rapists‘ while ...), POSSESSIVE, so that it closes
    when a quotation is open that nothing else closes (see _contextual_roles); else an apostrophe."""
    if _typed_for_a_closer(text, i):
        return "close"
    return POSSESSIVE if _plural_possessive_shaped(text, i) else None


def _spaced_opener(text: str, i: int) -> bool:
    """The curly opening mark at ``i`` is followed by a space and then a word or an ellipsis (‘ … if the
    vote were held): ‘ never closes but when typed for ’ after a word, so it opens here, as “ would."""
    return text[i + 1:i + 2] == " " and bool(re.match(r" +(?:\w|…|\.\.\.)", text[i + 1:i + 6]))


def _typed_for_a_paragraph_opener(text: str, i: int) -> bool:
    """A closing curly mark typed for the opening one at a paragraph's start, before a capital (’Sorry
    Sarah, you are wrong!!’ posted ...), not an elision (’Tis, ’90s): nothing it could close precedes it."""
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip() and text[i + 1:i + 2].isupper() and not _ELISION_RE.match(text, i + 1)


def _plural_possessive_shaped(text: str, i: int) -> bool:
    """The mark at ``i`` follows an s and precedes a space and a word that may be the possessed noun
    ("the players’ union"); a function word after it ("‘the serious concerns’ about", "‘issues’ and")
    is not possessed, so the mark closes a quotation."""
    if text[i - 1:i] not in ("s", "S") or text[i + 1:i + 2] != " ":
        return False
    next_word = re.match(r"[A-Za-z]+", text[i + 2:i + 20])
    return next_word is not None and next_word.group().lower() not in _NOT_A_POSSESSED_NOUN


def _contextual_roles(text: str, roles: dict[int, str | None]) -> None:
    """Decide the single marks of ``roles`` (mark position -> role) that their neighbours cannot, in
    place, from the quotations open before them in their paragraph (``depth``: opened, not yet closed):

    - a run-in mark (``RUN_IN``) closes when one is open, else opens;
    - a possessive-shaped one (``POSSESSIVE``) closes the quotation opened before it when the closing
      marks that follow in the paragraph, before the next opening one, cannot close all that are open
      (none for one, one for a quotation nested in another: ‘His claim that peace ‘has to do with
      things’ makes clear …,’), and the paragraph may not hand the quotation on to the next one (British
      quotations running over paragraphs reopen each paragraph and close only the last: "He said: 'It
      was the boys' fault ¶ 'and the ..."); else it is an apostrophe."""
    positions = sorted(i for i, role in roles.items() if role is not None)
    for para_start, para_end in paragraphs(text):
        marks = positions[bisect.bisect_left(positions, para_start):bisect.bisect_left(positions, para_end)]
        if not any(roles[i] in (POSSESSIVE, RUN_IN) for i in marks):
            continue
        depth, opened = 0, para_start
        for k, i in enumerate(marks):
            if roles[i] == RUN_IN:
                roles[i] = "close" if depth else "open"
            elif roles[i] == POSSESSIVE:
                closers = _closers_before_an_opener(roles, marks[k + 1:])
                runs_on = closers == 0 and _reopens_single(text, para_end) and _opens_a_passage(text, para_start, opened)
                roles[i] = "close" if depth > closers and not runs_on else None
            if roles[i] == "open":
                depth, opened = depth + 1, i
            elif roles[i] == "close":
                depth = max(0, depth - 1)


def _closers_before_an_opener(roles: dict[int, str | None], marks: list[int]) -> int:
    """How many of ``marks`` (positions, in order) close before the first that opens (a run-in mark
    counts as a closer, possessive-shaped ones as nothing)."""
    count = 0
    for j in marks:
        if roles[j] == "open":
            break
        count += roles[j] in ("close", RUN_IN)
    return count


def _opens_a_passage(text: str, para_start: int, i: int) -> bool:
    """The mark at ``i`` opens reported words that may run on over paragraphs: at the paragraph's start
    or after a colon, comma, stop or dash ("He said: ‘…"), not inside a clause ("she had ‘serious
    concerns’ about ...", a phrase quoted in the writer's sentence)."""
    before = text[para_start:i].rstrip()
    return not before or before[-1] in ":,.!?—–-"


def _reopens_single(text: str, para_end: int) -> bool:
    """The paragraph after the one ending at ``para_end`` opens with a single quotation mark."""
    start = _first_non_space(text, para_end, len(text))
    return text[start:start + 1] in ("'", "‘") and _single_role(text, start) == "open"


def _single_marks_primary(text: str, doubles: list[QuotedSpan], singles: list[QuotedSpan]) -> bool:
    """The document quotes with single marks. ``doubles``: the document read the usual way (double marks
    first), ``singles``: read with the families swapped. Counted are the quotations each reading closes
    and the other reading does not hold inside one of its own ('He said "no".' is one single-mark
    quotation; "He said 'no'." one double-mark one): at least ``MIN_SINGLE_QUOTATIONS`` single-mark
    ones and more than double-mark ones, or, in a short text ('We are disappointed,' a spokeswoman
    said.), single-mark reported words and no double-mark ones."""
    double_pairs = sorted((s.start, s.end) for s in doubles if s.open_mark not in _SINGLE_OPEN and s.balanced)
    # In the swapped text a single-mark opener reads “ (NYT's '' and `` stay double marks).
    single_pairs = sorted((s.start, s.end) for s in singles if s.open_mark == "“" and s.balanced)
    single_pairs = [pair for pair in single_pairs if not _held_in(pair, double_pairs)]
    double_pairs = [pair for pair in double_pairs if not _held_in(pair, single_pairs)]
    if len(single_pairs) >= MIN_SINGLE_QUOTATIONS:
        return len(single_pairs) > len(double_pairs)
    # Fewer: one set as reported words are, a stop or comma before its closing mark ('We lost,' she
    # said.), not a title or a scare quote ('Hail Mary' pass), and no double-mark one set that way (a
    # "regrettable" error stays a quoted word in either reading).
    if not double_pairs and len(single_pairs) >= MIN_SINGLE_PAIRS_ALONE:
        return True  # no double-mark quotation at all: 'angry' ... a 'sigh of relief' quote in singles
    return any(_set_as_words(text, end) for _, end in single_pairs) \
        and not any(_set_as_words(text, end) for _, end in double_pairs)


def _set_as_words(text: str, end: int) -> bool:
    return text[end - 1:end] in (",", ".", "!", "?")


def _held_in(pair: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """``pair`` lies inside one of ``others`` (sorted, not overlapping: one reading's quotations)."""
    k = bisect.bisect_left(others, (pair[0],)) - 1
    return k >= 0 and pair[1] < others[k][1]


def _swap_families(text: str) -> str:
    """``text`` with single quotation marks written as double ones and double marks as single ones
    (same length, so offsets hold); apostrophes stay as they are."""
    chars = list(text)
    roles = {m.start(): _single_role(text, m.start()) for m in _SWAP_RE.finditer(text)
             if m.group() == "'" or m.group() in _SINGLE_FAMILY}
    _contextual_roles(text, roles)
    for match in _SWAP_RE.finditer(text):
        i, ch = match.start(), match.group()
        if ch == "'" or ch in _SINGLE_FAMILY:
            role = roles[i]
            if role is not None:
                chars[i] = "“" if role == "open" else "”"
        elif ch in _DOUBLE_MARKS:
            chars[i] = "‘" if _DOUBLE_MARKS[ch] == "open" else "’"
        elif ch == '"':
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            chars[i] = "‘" if not _is_word(before) and not after.isspace() else "’"
    return "".join(chars)


def _restore_marks(text: str, spans: list[QuotedSpan]) -> None:
    """Give spans found on the swapped text the marks the document really has."""
    for span in spans:
        span.open_mark = text[span.start - 1]
        if span.close_mark is not None:
            span.close_mark = text[span.end]


def _scan_paragraph(text: str, para_start: int, para_end: int, spans: list[QuotedSpan], carry: bool) -> bool:
    open_at: int | None = None
    open_mark = ""
    single_open_at: int | None = None
    para_first = _first_non_space(text, para_start, para_end)
    continued = carry and bool(spans) and _reopens(text, para_start)
    if continued:
        spans[-1].continues = True
    nested: set[int] = set()  # a quotation's marks nested in the same family inside another one
    last_mark_end = para_start
    for match in _MARK_RE.finditer(text, para_start, para_end):
        mark, i = match.group(), match.start()
        if i in nested:
            continue
        inside_double = open_at is not None
        if inside_double and _opens_nested(text, i, mark, para_end, open_at - len(open_mark) == para_first
                                           and mark == open_mark, nested):
            continue
        kind = _classify(text, i, mark, inside_double)
        if kind is None or (mark in _SINGLE_FAMILY and inside_double):
            continue  # nested single quotes belong to the outer quotation
        if mark in _SINGLE_FAMILY:
            single_open_at = _single_at_top(text, i, mark, kind, single_open_at, spans)
            continue
        if kind == "open" and open_at is None:
            open_at, open_mark = i + len(mark), mark
            single_open_at = None
        elif kind == "close" and open_at is not None:
            spans.append(QuotedSpan(open_at, i, open_mark, mark, continued=continued))
            open_at, continued = None, False
        elif kind == "close" and mark == "''" and (lost := _lost_half_opener(text, last_mark_end, i)) is not None:
            spans.append(QuotedSpan(lost + 1, i, "'", mark))
        elif kind == "open" and open_at is not None and mark != '"':
            # Two openers in a row: the first was never closed; restart at the second.
            spans.append(QuotedSpan(open_at, _rstrip(text, open_at, i), open_mark, None, continued=continued))
            open_at, open_mark, continued = i + len(mark), mark, False
        last_mark_end = i + len(mark)
    if open_at is not None:
        spans.append(QuotedSpan(open_at, _rstrip(text, open_at, para_end), open_mark, None, continued=continued))
        return True
    return False


def _single_at_top(text: str, i: int, mark: str, kind: str, open_at: int | None, spans: list[QuotedSpan]) -> int | None:
    """A single-family mark outside a double quotation: opens a span or closes the one open at
    ``open_at`` (appended to ``spans``). Returns where the open span starts now."""
    if kind == "open" and open_at is None:
        return i + 1
    if kind == "close" and open_at is not None:
        spans.append(QuotedSpan(open_at, i, text[open_at - 1], mark))
        return None
    return open_at


def _lost_half_opener(text: str, start: int, i: int) -> int | None:
    """Plain-text feeds write “ ” as '' '' and sometimes drop half of the opener: before a stray ''
    closer, the first straight ' set as an opening mark since the last quotation mark ('We won,''
    he said.)."""
    for match in re.finditer("'", text[start:i]):
        j = start + match.start()
        if text[j + 1:j + 2] != "'" and _single_role(text, j) == "open":
            return j
    return None


def _opener_shaped(text: str, i: int, width: int) -> bool:
    """A mark set as an opening one: after a space, a bracket or a dash, before a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and (after.isalnum() or after in "‘'")


# Marks that may close an outer quotation right after a nested one closes (in either reading).
_CLOSING_AFTER = frozenset('”"’\'')


def _closer_shaped(text: str, match: re.Match[str]) -> bool:
    """A mark set as a closing one: after a word or a stop, before a space, a stop, the line end or the
    closing mark of the quotation it is nested in."""
    i, width = match.start(), len(match.group())
    if match.group() not in _DOUBLE_CLOSE and match.group() != '"':
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    # Or right before the outer quotation's closing mark: 'He said, 'I hope so,'' she said.
    return not before.isspace() and (after.isspace() or after in ".,;:!?)—–-" or after in _CLOSING_AFTER)


def _opens_nested(text: str, i: int, mark: str, para_end: int, runs_on: bool, nested: set[int]) -> bool:
    """The double-family mark at ``i``, inside a quotation, opens one nested in it; its closing mark is
    added to ``nested`` (see :func:`_nested_close`). ``runs_on``: the outer quotation opens the paragraph
    with the mark at ``i`` (a straight " opening a paragraph, never closed, with curly pairs inside, sets
    off a block quotation whose quotations are their own)."""
    if mark in _SINGLE_FAMILY:
        return False
    inner_close = _nested_close(text, i, len(mark), para_end, runs_on)
    if inner_close is not None:
        nested.add(inner_close)
    return inner_close is not None


def _nested_close(text: str, i: int, width: int, para_end: int, outer_opens_paragraph: bool) -> int | None:
    """The closing mark of a quotation set in the same family as the one it sits in, opened at ``i``
    ("He told me "no" twice," she said.; British 'She said 'I don't know.' She's sad.), or None when the
    marks do not pair that way and the mark at ``i`` keeps its usual reading. Nested only when both its
    marks lie inside the outer pair: the next two marks of the family both close (the inner quotation,
    then the outer one), or the next one closes and the outer quotation, opened at the paragraph start,
    runs on into the next paragraph, which reopens it."""
    if not _opener_shaped(text, i, width):
        return None
    # Only the next two marks of the family decide, not the rest of the paragraph.
    marks = list(itertools.islice((m for m in _MARK_RE.finditer(text, i + width, para_end)
                                   if m.group() not in _SINGLE_FAMILY), 2))
    if not marks or not _closer_shaped(text, marks[0]):
        return None
    if len(marks) >= 2 and _closer_shaped(text, marks[1]):
        return marks[0].start()
    if len(marks) == 1 and outer_opens_paragraph and _reopens(text, para_end):
        return marks[0].start()
    return None


def _reopens(text: str, start: int) -> bool:
    """The text from ``start`` (a paragraph's start, or the end of the one before) opens with a quotation
    mark, past its whitespace."""
    match = _MARK_RE.match(text, _first_non_space(text, start, len(text)))
    return match is not None and match.group() in _REOPENING


def _first_non_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# Marks that may open and close a line set wholly in quotation marks.
_LINE_OPEN = tuple(_DOUBLE_OPEN | _SINGLE_OPEN | {'"', "'"})
_LINE_CLOSE = tuple(_DOUBLE_CLOSE | _SINGLE_CLOSE | {'"', "'"})


def quoted_headline_at(text: str, pos: int, max_words: int = 12) -> bool:
    """Whether ``pos`` lies in a line that is one short quotation with no sentence-final mark, inside or
    after its closing mark: a headline or subheading set in quotation marks (‘I was told I paid for full
    self-driving’), whose words nobody is reported to have said there."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)].strip()
    if len(line) < 3 or not line.startswith(_LINE_OPEN) or not line.endswith(_LINE_CLOSE):
        return False
    inner = line[1:-1].strip()
    if not inner or any(mark in inner for mark in _LINE_OPEN + _LINE_CLOSE if mark not in ("'", "’")) \
            or inner.endswith((".", "!", "?", "…", ",")):
        return False
    return len(inner.split()) <= max_words


def quotation_holding_clause(spans: list[QuotedSpan], start: int, end: int) -> QuotedSpan | None:
    """The closed quotation a reported clause [start, end) lies in from its first quoted word on, its
    opening mark taken or not ("he added; “It is true that ... race. But ...”", "Smith writes, “no
    program was cut …”"): the clause is only the speaker's quoted words, so the quotation is direct, with
    all of them (a clause stopped at the first sentence's end or before the closing mark has only part).
    None when the clause starts before the quotation or runs past its closing mark (mixed: "said that
    “...” and more"), or the mark is left open (no closing point: the words may not all be quoted)."""
    for span in spans:
        if span.start - len(span.open_mark) <= start <= span.start:
            return span if span.close_mark is not None and start < end <= span.end else None
        if span.start > start:
            return None
    return None
