"""When two printings of a quotation are the same statement: the folding rule, word by word.

Articles reprint a quotation trimmed, with an ellipsis, re-cased, re-punctuated or lightly
shortened; all of those are one quotation. A printing that changes what was said is not, however
close its characters are: a negation added or dropped ("will not raise" / "will raise"), a number
("5 percent" / "15 percent"), a name ("Viktor" / "Anders") or any other content word swapped
("raise taxes" / "cut taxes"). And the same words from two people are two quotations.

The comparison aligns the two normalised texts word by word (difflib's matching blocks over
word lists, longest shared runs first) and judges each region where they differ:

- a *substitution* (both sides have words there) is allowed only between filler words ("so" for
  "more", "the" for "a"): a content word, a number or a negation swapped for another never folds;
- a *gap* (words only one side has) is shortening: at either end it is a trim, inside it is an
  ellipsis or a dropped modifier. A gap never holds a number or a negation, except in a trimmed
  end away from the words both sides keep ("He did not come. We will raise taxes" trimmed to
  "we will raise taxes" still folds; "not raise taxes" trimmed to "raise taxes" does not);
- enough must be shared: a shortened printing keeps at least ``MIN_SHARED_WORDS`` words of the
  other (a short phrase inside a long quotation is too generic to call a repetition).

Contractions are expanded first ("don't" and "do not" are one wording), and digit groups joined
("5,000" and "5000"). The rule knows no outlet, corpus or speaker: only English function words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

MIN_SHARED_WORDS = 4  # a shortened printing shares at least this many words with the other
MIN_SHARED_WORDS_SHORT = 3  # ... unless all it drops is one filler word
MAX_UNSHARED_SHARE = 1 / 3  # of the shorter printing's words, at most this share may be its own
EDGE_GUARD_WORDS = 2  # a trimmed end may not drop a negation or number this close to the kept words

# Filler words an outlet may swap for one another without changing the statement.
SWAPPABLE = frozenset(
    "a an the this that these those so very really just quite more such too well oh uh um er ah "
    "and but then now also of to in on at for with by from about as".split()
)
NEGATIONS = frozenset(
    "not no never nor neither none nobody nothing nowhere without hardly barely scarcely seldom "
    "rarely".split()
)
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion half quarter dozen first second third fourth fifth "
    "sixth seventh eighth ninth tenth twice thrice double triple percent".split()
)
# Contractions as normalize_quote leaves them (apostrophe removed), expanded so that "don't" and
# "do not" align. Ambiguous ones ("were" = we're, "its", "ill", "id", "lets") are left alone.
CONTRACTIONS = {
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not", "cannot": "can not",
    "wont": "will not", "wouldnt": "would not", "shouldnt": "should not", "couldnt": "could not",
    "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not", "hasnt": "has not",
    "havent": "have not", "hadnt": "had not", "mustnt": "must not", "neednt": "need not",
    "aint": "is not", "shant": "shall not", "im": "i am", "youre": "you are", "theyre": "they are",
    "ive": "i have", "weve": "we have", "youve": "you have", "theyve": "they have", "hes": "he is",
    "shes": "she is", "thats": "that is", "theres": "there is", "whats": "what is", "youll": "you will",
    "theyll": "they will", "itll": "it will",
}  # fmt: skip
_DIGITS = re.compile(r"\d")
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}\b)")


@lru_cache(maxsize=8192)
def fold_words(norm: str) -> tuple[str, ...]:
    """The words of a normalised quotation as the rule compares them (cached: a speaker's recent
    quotations are the candidates of each of their new quotes)."""
    joined = _DIGIT_GROUP.sub("", norm)  # "5 000" (from "5,000") -> "5000"
    words: list[str] = []
    for word in joined.split():
        words.extend(CONTRACTIONS.get(word, word).split())
    return tuple(words)


def is_number(word: str) -> bool:
    return word in NUMBER_WORDS or bool(_DIGITS.search(word))


def _meaning_bearing(word: str) -> bool:
    """A word whose presence or absence changes what was said, wherever it is."""
    return word in NEGATIONS or is_number(word)


@dataclass(frozen=True, slots=True)
class _Region:
    """Where the two printings differ: the words only ``a`` has there and those only ``b`` has."""

    a: Sequence[str]
    b: Sequence[str]
    leading: bool
    trailing: bool


def _regions(a: Sequence[str], b: Sequence[str]) -> tuple[int, list[_Region]]:
    """Shared word count and the differing regions (adjacent non-equal opcodes merged)."""
    shared = 0
    regions: list[_Region] = []
    pending: list[int] | None = None  # [a_start, a_end, b_start, b_end] of the open region
    # Longest-block alignment (difflib), not edit distance: among alignments of equal cost an edit
    # distance may match a stray "I" at the start and open the gap over a negation inside, where
    # the printing was in fact trimmed; the longest shared run puts the gap where the cut was.
    for tag, a0, a1, b0, b1 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            if pending is not None:
                regions.append(_region(a, b, pending))
                pending = None
            shared += a1 - a0
        elif pending is None:
            pending = [a0, a1, b0, b1]
        else:
            pending[1], pending[3] = a1, b1
    if pending is not None:
        regions.append(_region(a, b, pending))
    return shared, regions


def _region(a: Sequence[str], b: Sequence[str], span: list[int]) -> _Region:
    a0, a1, b0, b1 = span
    return _Region(a[a0:a1], b[b0:b1], leading=a0 == 0 and b0 == 0, trailing=a1 == len(a) and b1 == len(b))


def _fillers_only(region: _Region) -> bool:
    """Only filler words here: swapping or dropping them keeps the statement."""
    return all(word in SWAPPABLE for word in (*region.a, *region.b))


_substitution_ok = _fillers_only  # both sides have words here: only filler for filler


def _gap_ok(words: Sequence[str], region: _Region) -> bool:
    """Words only one side has: shortening, unless they carry a negation or a number.

    A trimmed end may drop those when they are far enough from the words both sides keep.
    """
    if region.leading and not region.trailing:
        near = words[-EDGE_GUARD_WORDS:]
    elif region.trailing and not region.leading:
        near = words[:EDGE_GUARD_WORDS]
    else:
        near = words
    return not any(_meaning_bearing(word) for word in near)


def _unshared_allowance(shorter: int) -> int:
    return max(1, int(shorter * MAX_UNSHARED_SHARE))


def _too_many_missing(a: Sequence[str], b: Sequence[str]) -> bool:
    """The shorter printing's words absent from the other altogether already exceed what it may
    have of its own (a necessary condition, by set arithmetic)."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    present = set(longer)
    missing = sum(1 for word in shorter if word not in present)
    return missing > _unshared_allowance(len(shorter))


def same_statement(norm_a: str, norm_b: str) -> bool:
    """Are two normalised printings the same statement (see the module docstring)?"""
    a, b = fold_words(norm_a), fold_words(norm_b)
    if a == b:
        return bool(a)
    if not a or not b:
        return False
    shorter = min(len(a), len(b))
    # Cheap bounds first (most candidates are unrelated quotations): words absent from the other
    # printing altogether, then the longest common subsequence, which bounds what any alignment shares.
    if _too_many_missing(a, b) or shorter - LCSseq.similarity(a, b) > _unshared_allowance(shorter):
        return False
    shared, regions = _regions(a, b)
    gaps = [region for region in regions if not (region.a and region.b)]
    if not all(_substitution_ok(region) for region in regions if region.a and region.b):
        return False
    if not all(_gap_ok(region.a or region.b, region) for region in gaps):
        return False
    if shorter - shared > _unshared_allowance(shorter):
        return False
    if not gaps:
        return shared >= 2
    dropped = sum(len(region.a) + len(region.b) for region in gaps)
    if dropped == 1 and all(_fillers_only(region) for region in gaps):
        return shared >= MIN_SHARED_WORDS_SHORT
    return shared >= MIN_SHARED_WORDS


def variant_score(norm_a: str, norm_b: str) -> float:
    """A similarity score for ranking candidates (0 when the two are not the same statement)."""
    if not same_statement(norm_a, norm_b):
        return 0.0
    return max(fuzz.ratio(norm_a, norm_b), 1.0)


def speakers_compatible(person_a: int | None, person_b: int | None) -> bool:
    """The same person, or one of them unknown: two known people never share a quotation."""
    return person_a is None or person_b is None or person_a == person_b
