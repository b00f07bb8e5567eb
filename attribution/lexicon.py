"""Cue words: the verbs and nouns that introduce reported speech, learned from PolNeAR train.

The list is data (attribution/data/cues.json, rebuilt by ``python -m attribution.data.build_cues``); this
module only decides which entries are reliable enough to act on.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

CUES_FILE = Path(__file__).with_name("data") / "cues.json"

# A lemma is a speech cue when it headed at least MIN_COUNT gold cues in train and at least MIN_PRECISION of
# its occurrences there were cues. Speech verbs proper (say, tell) are far above both.
MIN_COUNT = 4
MIN_PRECISION = 0.2

# Verbs PolNeAR counts as attribution (believe, want, show) but which, without quotation marks, mostly
# carry no statement: used only to tie a quotation to its speaker, never to create an indirect quote.
WEAK_FOR_INDIRECT = frozenset({"want", "see", "know", "think", "believe", "show", "find", "seem", "appear",
                               "hope", "expect", "call", "plan", "support", "fear", "feel", "describe",
                               "refer", "cite", "name"})
# Verbs of liking or perceiving (Levin's admire and see classes): their object is a thing liked or seen,
# not words, so quotation marks in it are the writer's scare quotes ("he enjoys a “very small” malt
# whisky", "witnessed the “chaos” at the station"), no one's quotation. PolNeAR counts a few as cues (enjoy,
# relish) for clauses, which stay.
EXPERIENCER_VERBS = frozenset({"enjoy", "relish", "savour", "savor", "like", "love", "prefer", "dislike", "hate",
                               "favor", "favour", "experience", "witness", "notice"})
# Verbs of taking in someone else's words ("He'd read that there were fires", "she heard that the plant
# would close"): a "that"-clause after them with a reader or hearer as subject is what the subject learnt,
# from a source not named here, not the subject's words (rules.takes_in_words). A document that "reads"
# ("The letter read that ...") still speaks.
PERCEIVING_WORDS_VERBS = frozenset({"read", "hear"})
# Always cues, whatever the data says (they are too rare in train to pass the thresholds).
ALWAYS = frozenset({"say", "tell", "add", "insist", "write", "tweet", "declare", "state", "reply",
                    "respond", "explain", "ask", "claim", "argue", "note", "warn", "announce", "report",
                    "acknowledge", "admit", "recall", "continue", "conclude", "predict", "suggest"})
# Verbs of a manner of speaking (Levin's class 37.3 and the like): next to quotation marks they report the
# words ("“Go back to Univision,” Trump barked"), but they never report an unquoted clause. Most are too
# rare in train to pass the thresholds; quotation-only, as WEAK_FOR_INDIRECT.
MANNER_OF_SPEAKING = frozenset({"bark", "quip", "exclaim", "retort", "snap", "scream", "shriek", "holler", "riff",
                                "exhort", "cry", "whisper", "mutter", "mumble", "murmur", "gush", "deadpan",
                                "thunder", "marvel", "sneer", "growl", "snarl", "grumble", "stammer", "rasp",
                                # a quotation's manner as feature writing gives it ("“…,” laughs Dr
                                # Rossi", "advises Moore"): rare in PolNeAR, common in British features
                                "laugh", "chuckle", "sigh", "advise"})
# Phrasal verbs of saying, a cue only with their particle ("“I think we ought to start,” he went on",
# "Trump shot back"): the verb alone is no cue.
PHRASAL_SPEECH = {"go": "on", "shoot": "back", "fire": "back", "snap": "back", "cry": "out", "chime": "in",
                  "pipe": "up", "put": "it"}  # "As Professor Foner put it: “...”"
# Their word forms a reporting clause takes ("going on" or "gone on" report nothing).
PHRASAL_FORMS = frozenset({"went", "goes", "shot", "shoots", "fired", "fires", "snapped", "snaps", "cried", "cries",
                           "chimed", "chimes", "piped", "pipes", "put", "puts"})


def phrasal_speech(lemma: str, particle: str) -> bool:
    """Whether a verb with the particle after it is a phrasal verb of saying ("went on", "shot back")."""
    return PHRASAL_SPEECH.get(lemma) == particle


@lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    """Verb lemmas that introduce reported speech (a quotation at least)."""
    trained = _trained_verbs(MIN_COUNT, MIN_PRECISION) - {"be", "have", "do", "get", "make"}
    return frozenset(set(ALWAYS) | MANNER_OF_SPEAKING | trained)


# Verbs of saying proper: at least this precision and count as cues in train. Only these may tie a
# quotation that follows them directly ("declared “...”") or a paraphrase ending in a quotation.
SPEECH_MIN_PRECISION = 0.6
SPEECH_MIN_COUNT = 10


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    return frozenset((set(ALWAYS) | _trained_verbs(SPEECH_MIN_COUNT, SPEECH_MIN_PRECISION)) - WEAK_FOR_INDIRECT)


def _trained_verbs(min_count: int, min_precision: float) -> set[str]:
    """One-word verb lemmas the cue lexicon (``cue_entries``) counted as cues on train at least ``min_count``
    times and at least ``min_precision`` of their uses."""
    return {e["lemma"] for e in cue_entries() if e["pos"] == "VERB" and e["cue"] >= min_count
            and e["precision"] >= min_precision and e["lemma"].isalpha()}


@lru_cache(maxsize=1)
def indirect_cue_verbs() -> frozenset[str]:
    """Cue verbs strong enough to make an unquoted complement clause a reported statement."""
    return frozenset(cue_verbs() - WEAK_FOR_INDIRECT - MANNER_OF_SPEAKING)


@lru_cache(maxsize=1)
def cue_word_forms() -> frozenset[str]:
    """Lower-case surface forms of the cue verbs, for a fast text scan before any parse (see speed)."""
    forms = set()
    for lemma in cue_verbs():
        forms.update(_inflections(lemma))
    forms.add("according")
    return frozenset(forms | PHRASAL_FORMS)


def _inflections(lemma: str) -> set[str]:
    irregular = {"say": {"said", "says", "saying"}, "tell": {"told", "tells", "telling"},
                 "write": {"wrote", "written", "writes", "writing"}, "think": {"thought"},
                 "know": {"knew", "known"}, "see": {"saw", "seen"}, "find": {"found"},
                 "feel": {"felt"}, "speak": {"spoke", "spoken"}, "tweet": {"tweeted"},
                 "quip": {"quipped", "quipping"}, "make": {"made"}}
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "d", lemma + "ing", lemma + "es"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    return forms | irregular.get(lemma, set())


# Sentences without a quotation are parsed only for cues at least this precise on train: a rarer
# attribution verb ("back", "release") is not worth parsing every sentence that uses it.
PARSE_MIN_PRECISION = 0.35


def _precise_lemmas(min_precision: float) -> set[str]:
    return set(ALWAYS) | {e["lemma"] for e in cue_entries() if e["pos"] == "VERB" and e["precision"] >= min_precision}


@lru_cache(maxsize=1)
def strong_cue_word_forms() -> frozenset[str]:
    """Surface forms of the cues that can make an unquoted sentence an attribution (see parsing.py)."""
    forms = {"according", "said", "says", "told", "added", "wrote"}
    for lemma in indirect_cue_verbs() & _precise_lemmas(PARSE_MIN_PRECISION):
        forms.update(_inflections(lemma))
    return frozenset(forms)


# Verbs of evidence ("The poll shows that ...", "Investigators found that ..."): weak for the indirect
# rules in general, but their clause after them is what a poll or study reports (rules.evidence).
EVIDENCE_VERBS = frozenset({"show", "find"})


@lru_cache(maxsize=1)
def evidence_word_forms() -> frozenset[str]:
    """Surface forms of the verbs of evidence (their sentences are parsed outside quotations too)."""
    return word_forms(EVIDENCE_VERBS) | {"shown"}


# Verbs of belief and expectation ("Democrats believe the pressure will become too great", "Officials fear
# that the closures could kindle protests"): weak cues for every other rule, but the finite clause a named
# holder of the belief has after them is an attributed claim, as every guideline of reported speech counts
# a stance of a source (rules.belief). Not the factive or perception verbs (know, see, find, realize: the
# writer vouches for the clause), nor want, hope or plan (a wish, no claim about the world).
BELIEF_VERBS = frozenset({"think", "believe", "expect", "fear", "suspect"})


@lru_cache(maxsize=1)
def belief_word_forms() -> frozenset[str]:
    """Surface forms of the verbs of belief (their sentences are parsed outside quotations too)."""
    return word_forms(BELIEF_VERBS)


# Verbs of characterizing ("The minister described the plan as a short-term fix", rules.describe_as) and
# "call" in "called on the government to scrap the tax", "called for the minister to resign" (rules.call_on):
# weak cues alone, speech acts in
# those shapes, so their sentences are parsed outside quotations too.
DESCRIBING_VERBS = frozenset({"describe", "characterize", "characterise"})
CALL_ON_VERBS = frozenset({"call"})
CALL_ON_PARTICLES = frozenset({"on", "upon", "for"})  # ("called for the minister to resign": its clause)
# "The mayor made clear that she would not resign", "made it plain to donors that ...": "make" is no cue, but
# with "clear" or "plain" and a clause it reports what its subject said (rules.made_clear); the trigger
# fires on "make" before "clear", "plain" or the "it" that stands for the clause.
MAKE_CLEAR_VERBS = frozenset({"make"})
MAKE_CLEAR_WORDS = frozenset({"clear", "plain"})
# Nouns of a statement whose "that"-clause is the statement's content and whose possessor its speaker
# ("the senator's assertion that the cuts would pay for themselves", "her warning that prices would rise";
# rules.statement_noun). Not nouns of attitude or knowledge (hope, fear, belief, view, fact, sign): those are
# a source's stance or the writer's account, not words said.
STATEMENT_CLAUSE_NOUNS = frozenset({"claim", "assertion", "suggestion", "argument", "warning", "insistence",
                                    "allegation", "accusation", "contention", "complaint", "admission",
                                    "prediction", "promise", "pledge", "assurance", "announcement"})


# Nouns of what someone says or maintains that a copula equates with a "that"-clause ("Rubio's explanation
# is that ...", "his message has long been that ...", "Beck's contention was that ..."; rules.statement_is):
# the possessor's stated position, worded as the writer's. The statement nouns, and those naming an answer
# or a line argued; not a stance only held (hope, fear, belief), nor a noun no one owns ("the problem is").
COPULAR_STATEMENT_NOUNS = STATEMENT_CLAUSE_NOUNS | frozenset({"answer", "response", "reply", "explanation",
                                                              "message", "point", "position", "case", "view",
                                                              "line"})


# The same statements named by a noun whose speaker the noun's own phrase or verb tells, not a possessor
# (rules.statement_made): "claims by intelligence agencies that ...", "an allegation from his first wife
# that ...", "Trump's assertion Monday that ..." (a time between), and the noun a speaker's verb of voicing
# takes ("made the case that ...", "expressed doubt that ...", "gave assurances that ..."), where the
# nouns of a stance count too: voicing a concern, doubt or belief is saying it.
STANCE_NOUNS = frozenset({"case", "point", "observation", "concern", "doubt", "belief", "view", "fear", "hope",
                          "confidence"})
# Verbs by which a subject voices the statement its object names (not "rejected the claim that": the
# claim is someone else's; not "bolster" or "cite", which take up a claim already made).
VOICING_VERBS = frozenset({"make", "press", "express", "voice", "share", "give", "offer", "issue", "repeat",
                           "reiterate", "renew", "restate", "echo", "level", "lodge", "file", "air"})
# The verbs of voicing a stance noun takes: not those a thing is as often the subject of ("the attack raised
# fears that ...", "the drug offers hope that ...": nobody's words).
STANCE_VOICING_VERBS = frozenset({"make", "press", "express", "voice", "share", "repeat", "reiterate", "renew",
                                  "restate", "echo", "air"})
# Prepositions naming the one who made a statement the noun names ("claims by the agencies", "a complaint
# from his counterpart"; "of" only before a name: "the contention of Hillary Clinton that ...").
STATEMENT_AGENT_PREPOSITIONS = frozenset({"by", "from", "of"})


def word_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Surface forms of ``lemmas`` together (for a trigger's ``forms``)."""
    return frozenset().union(*(_inflections(lemma) for lemma in lemmas))


@lru_cache(maxsize=1)
def cue_entries() -> tuple[dict, ...]:
    """The lexicon's entries as counted on train (lemma, pos, cue, total, precision); none without the file."""
    if not CUES_FILE.exists():
        return ()
    return with_british_spellings(json.loads(CUES_FILE.read_text(encoding="utf-8"))["cues"])


# American spellings of the lexicon's lemmas and their British twins ("emphasize" / "emphasise",
# "analyze" / "analyse"). The lexicon is counted on American news; British, Irish, Australian and Indian
# papers write the other spelling, whose counts in train are too few to pass the thresholds.
BRITISH_ENDINGS = (("ize", "ise"), ("yze", "yse"), ("ization", "isation"))


def with_british_spellings(entries: list[dict]) -> tuple[dict, ...]:
    """``entries`` with a British twin of each American-spelled lemma, counted as the American one (an
    entry the file already holds under the British spelling gives way when it counted fewer cues)."""
    by_key = {(e["lemma"], e["pos"]): e for e in entries}
    for entry in entries:
        twin = _british_spelling(entry["lemma"])
        if twin is None:
            continue
        held = by_key.get((twin, entry["pos"]))
        if held is None or held["cue"] < entry["cue"]:
            by_key[(twin, entry["pos"])] = {**entry, "lemma": twin}
    return tuple(by_key.values())


def _british_spelling(lemma: str) -> str | None:
    for american, british in BRITISH_ENDINGS:
        if lemma.endswith(american) and len(lemma) > len(american) + 2:
            return lemma[: -len(american)] + british
    return None


def inflections(lemma: str) -> set[str]:
    """The surface forms a lemma may take (regular English endings and a few irregular verbs)."""
    return _inflections(lemma)
