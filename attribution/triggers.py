"""Triggers: the words (and date patterns) that can start an attribution, shared by parser and rules.

The selective parser (attribution/parsing.py) parses a sentence only when one of these triggers fires in
it, and a linking rule (attribution/rules.py) acts only on a token that one of its declared triggers
fires on. A token a rule can act on therefore always sits in a parsed sentence: a rule never fails
silently on a flat placeholder tree (tests/attribution/test_registry.py checks it on real text).

Scope of a trigger:
- ``quoted``: sentences of a paragraph that holds a quotation, not wholly inside the quoted words;
- ``unquoted``: sentences of every other paragraph.

Triggers match lower-case surface forms, not lemmas: the parser runs before the lemmatizer. Adding a
trigger is one ``register_trigger`` call.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from attribution.lexicon import (
    CALL_ON_PARTICLES,
    CALL_ON_VERBS,
    COPULAR_STATEMENT_NOUNS,
    DESCRIBING_VERBS,
    MAKE_CLEAR_VERBS,
    MAKE_CLEAR_WORDS,
    STANCE_NOUNS,
    STATEMENT_CLAUSE_NOUNS,
    belief_word_forms,
    cue_word_forms,
    evidence_word_forms,
    strong_cue_word_forms,
    word_forms,
)

QUOTED = "quoted"
UNQUOTED = "unquoted"
WORD_RE = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Trigger:
    name: str
    scopes: frozenset[str]
    forms: frozenset[str] = frozenset()  # lower-case word forms
    pattern: re.Pattern[str] | None = None  # or a pattern over the sentence text (dates)
    # Only when the next word is one of these ("found that"): a form too common alone to parse for.
    next_words: frozenset[str] = frozenset()
    # How many words after the form may hold one of ``next_words`` ("claims by intelligence agencies
    # that": within 8 words); 1, the next word only, by default.
    window: int = 1

    def fires_in(self, text: str, scope: str, words: list[str] | None = None) -> bool:
        """Whether the trigger fires anywhere in a sentence ``text`` of a paragraph of ``scope``
        (``words``: the text's lower-case words, ``sentence_words(text)``, when the caller has them)."""
        if scope not in self.scopes:
            return False
        if self.pattern is not None and self.pattern.search(text):
            return True
        if words is None:
            words = sentence_words(text)
        if self.forms.isdisjoint(words):
            return False  # (no forms: never); most sentences hold none, so the scans below are spared
        if self.next_words and self.window > 1:
            return any(w in self.forms and not self.next_words.isdisjoint(words[i + 1:i + 1 + self.window])
                       for i, w in enumerate(words))
        if self.next_words:
            return any(w in self.forms and nxt in self.next_words for w, nxt in itertools.pairwise(words))
        return True

    def fires_on(self, word: str, scope: str, next_word: str = "", following: tuple[str, ...] = ()) -> bool:
        """Whether the trigger fires on one word (a token's text, ``next_word`` the next token's) in a
        paragraph of ``scope``; ``following``: the lower-case words after it in its sentence
        (``sentence_words`` of the rest of the sentence), asked by a trigger with a ``window``."""
        if scope not in self.scopes or word.lower() not in self.forms:
            return False
        if not self.next_words:
            return True
        if self.window > 1:
            return not self.next_words.isdisjoint(following[:self.window])
        return next_word.lower() in self.next_words


TRIGGERS: dict[str, Trigger] = {}


def register_trigger(trigger: Trigger) -> Trigger:
    TRIGGERS[trigger.name] = trigger
    return trigger


def sentence_words(text: str) -> list[str]:
    """The lower-case words of a sentence, as the triggers' forms are written."""
    return [word.lower() for word in WORD_RE.findall(text)]


def sentence_triggered(text: str, scope: str) -> bool:
    """The parser's question: does any trigger fire in this sentence? (Its words are found once for all.)"""
    words = sentence_words(text)
    return any(t.fires_in(text, scope, words) for t in TRIGGERS.values())


# Next to a quotation any cue word counts (weak ones such as "believe" tie quotations too).
register_trigger(Trigger("cue", frozenset({QUOTED}), cue_word_forms() | strong_cue_word_forms()))
# Elsewhere only cues precise enough to make an unquoted sentence an attribution (see lexicon.py).
register_trigger(Trigger("strong_cue", frozenset({QUOTED, UNQUOTED}), strong_cue_word_forms()))
# Verbs of evidence ("The poll found that ...", rules.EVIDENCE_VERBS) report a clause outside quotations too,
# though too rarely a statement for the precise cues: there, only before "that" (next to a quotation the
# "cue" trigger takes them as weak cues). "found" and "shows" alone are too common to parse every sentence
# holding them (the speed target of issue 9).
register_trigger(Trigger("evidence", frozenset({UNQUOTED}), evidence_word_forms(), next_words=frozenset({"that"})))
# "called on the government to scrap the tax": "call" is a weak cue (a name given, a vote called), but with
# "on" or "upon" after it a directive speech act, as with "for" before the clause of what is to be done
# ("called for the minister to resign"), parsed outside quotations too (rules.call_on).
register_trigger(Trigger("call_on", frozenset({QUOTED, UNQUOTED}), word_forms(CALL_ON_VERBS),
                         next_words=CALL_ON_PARTICLES))
# "The minister described the plan as a short-term fix": a verb of characterizing is a weak cue, but its
# object with an "as" phrase is the speaker's characterization, set as often without quotation marks
# (rules.describe_as): parsed outside quotations too.
register_trigger(Trigger("describe_as", frozenset({QUOTED, UNQUOTED}), word_forms(DESCRIBING_VERBS)))
# "made clear that ...", "made it plain that ..." (rules.made_clear): "make" only before "clear", "plain" or
# "it", everywhere, as the clause it reports is as often set without quotation marks.
register_trigger(Trigger("made_clear", frozenset({QUOTED, UNQUOTED}), word_forms(MAKE_CLEAR_VERBS),
                         next_words=MAKE_CLEAR_WORDS | {"it"}))
# A noun of a statement before its "that"-clause ("her claim that ...", rules.statement_noun).
register_trigger(Trigger("statement_noun", frozenset({QUOTED, UNQUOTED}), word_forms(STATEMENT_CLAUSE_NOUNS),
                         next_words=frozenset({"that"})))
# The same nouns, and the nouns of a stance a speaker voices ("made the case that", "expressed doubt
# that"), with the "that" a few words on: after the one who made the statement or a time ("claims by
# intelligence agencies that ...", "Trump's assertion Monday that ...", rules.statement_made).
register_trigger(Trigger("statement_made", frozenset({QUOTED, UNQUOTED}),
                         frozenset(noun + ending for noun in STATEMENT_CLAUSE_NOUNS | STANCE_NOUNS for ending in ("", "s")),
                         next_words=frozenset({"that"}), window=8))  # (singular and plural: the nouns only)
# A statement noun a copula equates with a "that"-clause ("Rubio's answer was that ...", "his message has long
# been that ...", rules.statement_is): the "that" a few words on, past the verb.
register_trigger(Trigger("statement_is", frozenset({QUOTED, UNQUOTED}),
                         frozenset(noun + ending for noun in COPULAR_STATEMENT_NOUNS for ending in ("", "s")),
                         next_words=frozenset({"that"}), window=4))
# Verbs of belief ("Officials believe the hacking has decreased", rules.belief): everywhere, as a held
# belief's clause is as often set without quotation marks as beside them ("think" is no cue word at all).
register_trigger(Trigger("belief", frozenset({QUOTED, UNQUOTED}), belief_word_forms()))
# A sentence that dates an event ("When he met Putin in Helsinki in July 2018, he ...") is parsed too:
# the dater ties such dates to a speaker through the verb they modify.
register_trigger(Trigger("date", frozenset({UNQUOTED}), pattern=re.compile(
    r"\b(1[89]\d\d|20\d\d|January|February|March|April|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\b")))
