"""The linking rules, each a registered, named piece with its order and base confidence.

Two kinds:
- ``direct`` rules get one quotation-mark pair (a :class:`Candidate`) and return a :class:`Link` (cue,
  speaker mention, confidence, what the pair is) or None to let the next rule try;
- ``indirect`` rules get one cue token that no quotation took and return the reported clause and its
  speaker mention, or None.

A rule's defaults (``order``, ``confidence`` and its own knobs) are given where it is registered; they
become the "attribution_linker" component's ``rules`` config (spaCy ``default_config``), where a pipeline
can change them (``nlp.add_pipe("attribution_linker", config={"rules": {"cue_before": {"confidence":
0.8}}})``) or switch a rule off (``"enabled": false``). Each rule names the triggers (attribution/
triggers.py) it acts on; the selective parser parses every sentence those fire in, and
:meth:`Linker.is_cue` refuses any other token, so no rule meets an unparsed sentence.

Adding a rule: one decorated function here and its test (tests/attribution/test_registry.py shows the
shape). The rule's name is stored on every Quote it makes (``Quote.rule``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from spacy.tokens import Doc, Span, Token

from attribution.clause_bounds import (
    cut_end,
    disagree,
    has_subject,
    last_word,
    present_under_past,
    without_closing_adjunct,
    without_opening_time,
    without_reporter_conjunct,
    without_summary_appositive,
    without_trailing_relative,
)
from attribution.lexicon import (
    BELIEF_VERBS,
    CALL_ON_PARTICLES,
    CALL_ON_VERBS,
    COPULAR_STATEMENT_NOUNS,
    DESCRIBING_VERBS,
    EVIDENCE_VERBS,
    EXPERIENCER_VERBS,
    MAKE_CLEAR_VERBS,
    MAKE_CLEAR_WORDS,
    PERCEIVING_WORDS_VERBS,
    STANCE_NOUNS,
    STANCE_VOICING_VERBS,
    STATEMENT_AGENT_PREPOSITIONS,
    STATEMENT_CLAUSE_NOUNS,
    VOICING_VERBS,
    cue_verbs,
    speech_verbs,
)
from attribution.marks import QuotedSpan
from attribution.resolution.names import ORG_HEAD_NOUNS, ROLE_SYNONYMS, fold
from attribution.syntax import is_passive, name_next_to_cue, person_subject, possessor, subject_closing_report

if TYPE_CHECKING:
    from attribution.linker import Linker

# What a direct rule found the quotation-mark pair to be.
DIRECT = "direct"  # the quoted words are the speaker's
MIXED_BEFORE = "mixed_before"  # the clause ending in the quotation is (a paraphrase attributed after it)
REJECT = "reject"  # a title, name or boilerplate: nobody's words; no later rule tries
# Only part of a free cue's reported clause ("Bush said “local forces” must lead the way"): no direct
# quotation and no later rule tries; the cue stays free, so an indirect rule makes the clause, quotation
# and all, one mixed quotation.
IN_CLAUSE = "in_clause"
Mode = Literal["direct", "mixed_before", "reject", "in_clause"]

PUNCT_AFTER_QUOTE = {",", ".", "?", "!", "”", '"', "''", "»", "’", "—", "–", "-", "…", ";"}
OPENING_MARKS = {"“", '"', "``", "''", "«", "‘", "”"}
DASHES = {"―", "—", "–", "--"}
SENTENCE_END = {".", "?", "!", ";"}
# Verbs of telling someone to do something: "urged Sanders to accept ...", "warned voters not to vote for
# ..." report the one told and the infinitive (PolNeAR train, two quarters: the gold takes the object with the
# infinitive 66 times, the infinitive alone 54).
DIRECTIVE_VERBS = {"tell", "ask", "urge", "order", "call", "warn", "challenge"}
# Verbs of accusing: "accused the council of hiding the cost" reports the one accused and the charge (as the
# verbs of telling report the one told and the infinitive).
ACCUSING_VERBS = frozenset({"accuse"})
# Verbs of asking, whose "if"/"whether" clause is the question put ("asked workers if they planned to attend").
QUESTION_VERBS = frozenset({"ask", "wonder"})
RELATIVE_SUBJECTS = frozenset({"who", "which", "that", "whom"})
# Objects of a cue that make "“A.” X called the senator ..." a sentence of its own, not an attribution.
OBJECT_DEPS = ("dobj", "ccomp", "xcomp", "attr", "oprd")


@dataclass(slots=True)
class Link:
    cue: Token | None
    speaker: Span | None
    confidence: float
    mode: Mode = DIRECT
    rule: str = ""  # set by the linker: the name of the rule that made the link
    # The cue also reports a clause of its own, which an indirect rule is still to take (the linker leaves
    # it free): "Prices will rise, he said. “We can do nothing.”"
    cue_stays_free: bool = False
    # The link opens a new speaker's turn (a transcript's label): the uncued paragraphs of the running
    # quotation before it are the previous turn's, not this cue's.
    opens_turn: bool = False


@dataclass(slots=True)
class Candidate:
    """One quotation-mark pair with what the rules need around it."""

    qspan: QuotedSpan
    tokens: Span  # the quoted words' tokens
    prev_end: int  # end of the previous quotation (0 for the first): a frame never reaches behind it
    next_start: int  # start of the next quotation (or the text's end)
    opens_clause: bool  # starts its paragraph, sentence or clause (not "the nickname “Lyin’ Ted”")
    previous: tuple[QuotedSpan, Link | None] | None  # the previous pair and its link
    linked_before: tuple[QuotedSpan, Link] | None = None  # the last pair linked to a cue


@dataclass(slots=True)
class Clause:
    """What an indirect rule found: the reported clause and its link; ``mixed`` when it holds a quotation."""

    content: Span
    link: Link
    kind: Literal["mixed", "indirect"]


DirectRule = Callable[["Linker", Candidate, dict[str, Any]], Link | None]
IndirectRule = Callable[["Linker", Token, dict[str, Any]], Clause | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: Literal["direct", "indirect"]
    func: Callable[..., Any]
    triggers: tuple[str, ...]
    defaults: dict[str, Any]


RULES: dict[str, Rule] = {}


def register(name: str, kind: Literal["direct", "indirect"], order: int, confidence: float,
             triggers: tuple[str, ...] = ("cue",), **knobs: Any) -> Callable[[Callable], Callable]:
    """Register ``func`` as the rule ``name``, tried in ``order`` among the rules of its kind."""

    def decorate(func: Callable) -> Callable:
        defaults = {"enabled": True, "order": order, "confidence": confidence, **knobs}
        RULES[name] = Rule(name, kind, func, triggers, defaults)
        return func

    return decorate


def default_rules_config() -> dict[str, dict[str, Any]]:
    """Every registered rule's defaults: the linker component's ``rules`` config."""
    return {name: dict(rule.defaults) for name, rule in RULES.items()}


def ordered(kind: str, config: dict[str, dict[str, Any]]) -> list[tuple[Rule, dict[str, Any]]]:
    """The enabled rules of ``kind`` with their configuration, in configured order. Each rule's
    configuration also carries the triggers it was registered with (``cfg["triggers"]``): a rule never
    names its own triggers again, so renaming or moving one cannot leave it reading another's."""
    chosen = [(RULES[name], {**RULES[name].defaults, **cfg, "triggers": RULES[name].triggers})
              for name, cfg in config.items()
              if name in RULES and RULES[name].kind == kind and cfg.get("enabled", True)]
    return sorted(chosen, key=lambda pair: (pair[1]["order"], pair[0].name))


def rule_config(config: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    """Rule ``name``'s configured knobs over its defaults (for a rule reading another's knob)."""
    return {**RULES[name].defaults, **config.get(name, {})}


# ---------------------------------------------------------------------------------------- direct rules
def _after_outcome(linker: Linker, cand: Candidate, link: Link) -> Link:
    """A cue after a quotation that does not open its clause: "Clinton “is the only candidate ...” Newton
    said" makes the clause a mixed quotation; a short one after a non-speech verb is a title ("the “War On
    Drugs” was introduced")."""
    if cand.opens_clause and not _predicate_of_subject_before(linker, cand):
        return link
    speech = link.cue is not None and linker.is_speech(link.cue) and linker.word_count(cand.tokens) >= 3
    # "On Sunday's broadcast of “Fox News Sunday,” Pence said": a title inside the clause, not its words.
    title = title_shaped(cand.tokens, rule_config(linker.config["rules"], "title_object")["max_words"])
    link.mode = MIXED_BEFORE if speech and not title else REJECT
    return link


def _predicate_of_subject_before(linker: Linker, cand: Candidate) -> bool:
    """The quoted words are the predicate of a subject standing before them in the sentence, set off by
    a comma ("The party, attended by hundreds every year, “allows us to get our message out,” he said"):
    they finish the writer's sentence, so the sentence is a mixed quotation even though a comma opens it."""
    start = cand.tokens.start
    sent_start = cand.tokens[0].sent.start
    for token in cand.tokens:
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and sent_start <= child.i < start \
                    and child.idx >= cand.prev_end and not linker.inside_quotation(child.idx):
                return True
    return False


@register("boilerplate", "direct", order=5, confidence=0.0)
def boilerplate(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """Quotation marks in a byline, photo credit or call to action ("Read more: “…”", attribution/
    boilerplate.py) enclose a headline or a name, never anyone's words."""
    if linker.in_boilerplate(cand.qspan.start):
        return Link(None, None, cfg["confidence"], mode=REJECT)
    return None


@register("dash_byline", "direct", order=10, confidence=0.8, max_name_tokens=5)
def dash_byline(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """“...” ― Sonya Herridge: a dash and a name closing the paragraph (reader comments, epigraphs)."""
    if not cand.qspan.balanced:
        return None
    doc = linker.doc
    i = _past_closing_marks(linker, cand.tokens.end)
    if i < len(doc) and doc[i].is_space and doc[i].text.count("\n") <= 2 and linker.fills_paragraph(cand, 0):
        # The name on a line of its own under a quotation filling its paragraph ("“…”" ¶ "- Bernie
        # Sanders."), as fact checks and quote boxes set it.
        i = _past_closing_marks(linker, i + 1)
    # The tokenizer keeps a mark and a dash written together as one token ("”―").
    if i >= len(doc) or doc[i].text.lstrip("”\"'»") not in DASHES | {"-"}:
        return None
    j = i + 1
    while j < len(doc) and linker.is_inline_space(doc[j]):
        j += 1
    end = j
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].idx < cand.next_start \
            and end - j < cfg["max_name_tokens"]:
        end += 1
    rest = doc[end].text if end < len(doc) else "\n"
    if end == j or not ("\n" in rest or rest in {".", ","} or doc[end].is_space):
        return None
    return _after_outcome(linker, cand, Link(doc[i], doc[j:end], cfg["confidence"]))


# Labels that open a paragraph of a transcript or a news page without naming a speaker ("VIDEO: ...",
# "UPDATE: ...", "Q: ..."): the `transcript_label` rule never takes them for one.
SECTION_LABELS = frozenset("""video audio clip update updated correction clarification note editor editors
    breaking exclusive watch read more related source sources transcript excerpt excerpts photo photos
    caption credit live developing previously background q a question answer""".split())


# Words that open a letter's salutation ("Dear Amy:", "Hi Tom:"): the name after them is the one the letter
# is written to, not the one who wrote it (an advice column's reader), so no label rule reads a speaker there.
SALUTATIONS = frozenset("dear dearest hi hello hey".split())


def _salutation(words: Span) -> bool:
    return len(words) > 1 and words[0].lower_ in SALUTATIONS


@register("transcript_label", "direct", order=12, confidence=0.8, max_label_tokens=3,
          unquoted_turns=True, turn_confidence=0.7, min_speakers=2, min_turn_words=2,
          labelled_lines=True, line_confidence=0.6, min_line_words=3, max_fragment_words=4)
def transcript_label(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A quotation filling its paragraph that opens with a speaker's label, as interview transcripts set
    their turns inside the marks ("“RAMOS: Secretary Clinton, did you lie to them?”", "“CLINTON: I feel
    ..."): the label is the speaker of the words after it, whoever spoke in the paragraph before (a
    turn, not a continuation; nor do the paragraphs before it take its label, `Link.opens_turn`). The label is a name in capitals ("JAKE TAPPER") or one the tagger knows
    for a person ("Chris Matthews"); never a section word ("VIDEO:", "UPDATE:", "Q:")."""
    if not _kept_uncued(linker, cand):
        return None  # (what `uncued_paragraph` would not keep either: a headline in quotation marks)
    label = _speaker_label(linker, cand.tokens, cfg["max_label_tokens"])
    if label is None:
        return None
    return Link(linker.doc[label.end], _as_name(label), cfg["confidence"], opens_turn=True)


def _speaker_label(linker: Linker, tokens: Span, max_tokens: int, capitals_only: bool = False) -> Span | None:
    """The speaker label opening ``tokens`` ("JAKE TAPPER", "Sen. Sanders", "Chris Matthews") when a colon
    follows it and words follow the colon; else None. ``capitals_only``: only a label in capitals."""
    doc = linker.doc
    start = tokens.start
    while start < tokens.end and (doc[start].is_space or doc[start].is_quote):
        start += 1
    colon = next((t.i for t in doc[start:min(tokens.end, start + max_tokens + 1)] if t.text == ":"), None)
    if colon is None or colon == start or colon + 1 >= tokens.end:
        return None
    words = doc[start:colon]
    if any(not (t.is_alpha or t.text.rstrip(".").isalpha()) or not t.text[:1].isupper() or "\n" in t.text
           for t in words) or any(t.lower_.rstrip(".") in SECTION_LABELS for t in words) or _salutation(words):
        return None
    capitals = all(t.text.isupper() for t in words) and sum(len(t) for t in words) >= 3
    person = all(t.pos_ == "PROPN" for t in words) and any(t.ent_type_ == "PERSON" for t in words)
    return words if capitals or (person and not capitals_only) else None


def _as_name(label: Span) -> Span:
    """The label, its words tagged as the name they are: the tagger reads a name in capitals as a noun or
    a number ("TAPPER", "FALLIN"), and the resolver knows names by their tag."""
    for token in label:
        token.pos_, token.tag_ = "PROPN", "NNP"
    return label


def transcript_turns(linker: Linker, cfg: dict[str, Any]) -> list[tuple[int, int, Link]]:
    """The turns of an interview transcript set without quotation marks ("TAPPER: Do you think ...?" ¶
    "FALLIN: I think ..."): (start, end, link) of each turn's words, the label its speaker and the colon
    its cue. Only in a text where at least ``min_speakers`` different labels in capitals open paragraphs
    (a dialogue, not one "BREAKING:" line; see `_credible_labels`); a turn runs on through the paragraphs after it up to the next
    label or the first paragraph with quotation marks, boilerplate or a stage direction ("(BEGIN VIDEO
    CLIP)", "…."); the last label's turn is its own paragraph (the transcript may end there)."""
    labelled: list[tuple[int, tuple[int, int], Span]] = []
    for index, (start, end) in enumerate(linker.paragraphs):
        if linker.in_boilerplate(start) or linker.quotation_overlaps(start, end):
            continue
        tokens = linker.doc.char_span(start, end, alignment_mode="expand")
        label = _speaker_label(linker, tokens, cfg["max_label_tokens"], capitals_only=True) if tokens else None
        if label is not None:
            labelled.append((index, (start, end), label))
    if len({_label_key(label) for _, _, label in labelled}) < max(cfg["min_speakers"], 1):
        return []  # too few labels to be credible, whatever the text names (spares its scan of every token)
    credible = _credible_labels(linker, [label for _, _, label in labelled])
    if len(credible) < cfg["min_speakers"] or not any(credible.values()):
        return []
    turns = []
    for k, (index, (_, end), label) in enumerate(labelled):
        if _label_key(label) not in credible:
            continue
        following = labelled[k + 1][0] if k + 1 < len(labelled) else index + 1
        for a, b in linker.paragraphs[index + 1:following]:
            if not _goes_on_turn(linker, a, b):
                break
            end = b
        colon = linker.doc[label.end]
        words = linker.doc.char_span(colon.idx + 1, end, alignment_mode="expand")
        if words is None or linker.word_count(words) < cfg["min_turn_words"]:
            continue
        start = next(t.idx for t in words if not t.is_space)
        turns.append((start, end, Link(colon, _as_name(label), cfg["turn_confidence"])))
    return turns


def labelled_lines(linker: Linker, cfg: dict[str, Any]) -> list[tuple[int, int, Link]]:
    """Lines that a person's name and a colon open, as headlines and recaps set a claim ("Clinton: I
    support statehood for the District.", "Rubio: I'm Not Interested In Being Vice President."): the words
    after the colon, to the end of the line, are that person's, the colon standing for the cue (as in
    `name_colon`, without quotation marks). (start, end, link) of each. The name is one the tagger knows
    for a person (up to ``max_label_tokens`` + 1 capitalised words, a person's name there or the last word of
    one the text names elsewhere: "Clinton:" and "Hillary Clinton"; never a section word nor a noun the
    text names no one by: "Poll:", "Update:", "Correction:"; nor a salutation, "Dear Amy:"), it opens a paragraph of its own, and the words after it are a clause (a verb among at
    least ``min_line_words`` words), not a figure or a phrase ("Sanders: 1,547.", "Netanyahu and Obama: A
    tortured relationship") nor a description of the person named ("Jeb Bush: Bush has raised ..."): the
    name's own last word does not come back in them."""
    doc = linker.doc
    persons = None
    lines = []
    for start, end in linker.paragraphs:
        if linker.in_boilerplate(start):
            continue
        newline = linker.text.find("\n", start, end)
        end = newline if newline >= 0 else end
        tokens = doc.char_span(start, end, alignment_mode="expand")
        if tokens is None or len(tokens) < 3:
            continue
        colon = next((t.i for t in tokens[:cfg["max_label_tokens"] + 2] if t.text == ":"), None)
        if colon is None or colon == tokens.start:
            continue
        words = doc[tokens.start:colon]
        if persons is None:  # the last words of the people the text names (the tagger may miss a label's)
            persons = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON"}
        if any(not t.text[:1].isupper() or not t.text.replace(".", "").replace("-", "").isalpha()
               or t.lower_.rstrip(".") in SECTION_LABELS for t in words) or _salutation(words) \
                or not (any(t.ent_type_ == "PERSON" for t in words) or words[-1].lower_ in persons):
            continue
        claim = doc[colon + 1:tokens.end]
        if linker.word_count(claim) < cfg["min_line_words"] or not any(t.pos_ in ("VERB", "AUX") for t in claim) \
                or any(t.lower_ == words[-1].lower_ for t in claim):
            continue
        first = next((t for t in claim if not t.is_space), None)
        if first is None:
            continue
        lines.append((first.idx, end, Link(doc[colon], words, cfg["line_confidence"])))
    return lines


def _label_key(label: Span) -> str:
    return label[-1].lower_


def _credible_labels(linker: Linker, labels: list[Span]) -> dict[str, bool]:
    """The labels that name a speaker, each with whether the text names that person outside the labels
    ("FALLIN" and "Governor Mary Fallin"): a label counts when the text names its person or when it
    opens more than one turn ("BOULDUAN" after "KATE BOULDUAN"); a section label ("TOP STORY:") does
    neither."""
    inside = {t.i for label in labels for t in label}
    named = {t.lower_ for t in linker.doc if t.pos_ == "PROPN" and t.i not in inside}
    keys = [_label_key(label) for label in labels]
    return {key: key in named for key in keys if key in named or keys.count(key) > 1}


def _goes_on_turn(linker: Linker, start: int, end: int) -> bool:
    """A paragraph between two labelled turns of a transcript that goes on the earlier one: words of its
    own, no quotation marks, no boilerplate, no stage direction in brackets."""
    text = linker.text[start:end].strip()
    return any(ch.isalpha() for ch in text) and text[:1] not in "([" \
        and not linker.in_boilerplate(start) and not linker.quotation_overlaps(start, end)


@register("in_reported_clause", "direct", order=15, confidence=0.0, min_words_before=2)
def in_reported_clause(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """The quotation lies inside the clause the nearest cue before it in its sentence reports, after
    words of that clause ("said in an interview that in her state, ''there is a huge degree of
    pessimism''"): the quoted words are only part of that reported clause, so the pair is left to the
    ``complement`` rule (mode ``in_clause``), which makes the clause one mixed quotation, rather than
    linked as a direct quotation to a later or earlier cue (a continuation, a cue after it)."""
    doc = linker.doc
    sent = cand.tokens[0].sent
    for token in reversed(doc[sent.start:cand.tokens.start]):
        if token.idx < cand.prev_end:
            return None
        if linker.inside_quotation(token.idx) or not linker.is_cue(token, ("cue", "strong_cue")):
            continue
        speaker = linker.speaker_of(token)
        if speaker is None:
            continue  # (a cue without a subject of its own: "a trend that the foundation predicts will continue")
        clause = complement(linker, token, {**rule_config(linker.config["rules"], "complement"),
                                            "triggers": RULES["complement"].triggers})
        if clause is None:
            return None
        content = clause.content
        before = doc[content.start:cand.tokens.start]
        words = sum(1 for t in before if t.is_alpha and t.lower_ != "that")
        if not (content.start_char <= cand.qspan.start and cand.qspan.end <= content.end_char + 1) \
                or words < cfg["min_words_before"]:
            return None
        return Link(token, speaker, 0.0, mode=IN_CLAUSE)
    return None


def _past_closing_marks(linker: Linker, i: int) -> int:
    doc = linker.doc
    while i < len(doc) and (doc[i].text in {"”", '"', "''", "»"} or linker.is_inline_space(doc[i])):
        i += 1
    return i


# Short words a title leaves in lower case ("Lord of the Flies", "Pride and Prejudice").
TITLE_LOWER_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from"})


@register("title_before_role", "direct", order=18, confidence=0.0, max_words=6)
def title_before_role(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A short title-case quotation set right before a common noun and the name it describes ("“Harvest”
    director Ana Ruiz said ...", "the “Top Gear” presenter Tom Hale"): the title of the work the role
    belongs to, not words anyone said."""
    words = [t for t in cand.tokens if t.is_alpha]
    if not 1 <= len(words) <= cfg["max_words"] or words[0].is_lower \
            or not all(t.is_title or t.is_upper or t.lower_ in TITLE_LOWER_WORDS for t in words):
        return None
    close = cand.qspan.end + len(cand.qspan.close_mark or "")
    if linker.text[cand.qspan.end - 1] in ".,;:!?…" or linker.text[close:close + 1] != " ":
        return None  # "“We Won,” director ...": the comma closes reported words
    after = linker.doc.char_span(close + 1, close + 2, alignment_mode="expand")
    if after is None or after[0].i + 1 >= len(linker.doc):
        return None
    role, name = after[0], linker.doc[after[0].i + 1]
    if role.pos_ == "NOUN" and role.is_lower and name.pos_ == "PROPN" and name.is_title:
        return Link(None, None, cfg["confidence"], mode=REJECT)
    return None


def _strict_title(tokens: Span, max_words: int) -> bool:
    """Title case in every word (a title's short words aside) and no punctuation but a final comma: "The
    Iron Claw", not words said with a small word or a vocative in them ("Only you, Dinesh")."""
    words = [t for t in tokens if not t.is_space]
    if words and words[-1].text == ",":
        words = words[:-1]
    return 2 <= len(words) <= max_words and words[0].is_title and all(
        t.is_alpha and (t.is_title or t.is_upper or t.lower_ in TITLE_LOWER_WORDS) for t in words)


# Tags of a finite verb: the predicate of a sentence whose subject is the quoted title before it.
FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})


@register("title_subject", "direct", order=19, confidence=0.0, max_words=6, max_aside_tokens=6)
def title_subject(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A short title-case quotation that is the subject of the sentence's own verb ("“The Iron Claw” tells
    the story of ...", "“The Gypsy King” is an all-time great"), also across a reporting aside ("“The Iron
    Claw,” Ana Ruiz says, had been in development since 2015"): the name of a work or a nickname, not
    words anyone said. Not when a name or pronoun follows the verb ("“Fake News” says Trump": the speaker
    of an inverted reporting clause), nor when the aside ends the sentence or a participle follows it
    ("“Happy New Year,” she said, smiling")."""
    doc = linker.doc
    if not cand.qspan.balanced or not _strict_title(cand.tokens, cfg["max_words"]):
        return None
    first = linker.frame_after(cand)
    if first is None:
        return None
    verb = doc[first]
    if linker.text[cand.qspan.end - 1] == ",":
        # "“A,” NAME says, had been ...": the aside's comma, then the sentence's verb.
        comma = next((t.i for t in doc[first:min(len(doc), first + cfg["max_aside_tokens"])] if t.text == ","), None)
        if comma is None or comma + 1 >= len(doc) or doc[comma + 1].idx >= cand.next_start:
            return None
        verb = doc[comma + 1]
    elif linker.text[cand.qspan.end - 1] in ".;:!?…" or verb.idx != cand.qspan.end + len(cand.qspan.close_mark or "") + 1:
        return None  # only "“A” VERB": a space, no punctuation, between the closing mark and the verb
    if not verb.is_lower or verb.tag_ not in FINITE_VERB_TAGS:
        return None
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is not None and after.pos_ in ("PROPN", "PRON") and linker.is_speech(verb):
        return None
    return Link(None, None, cfg["confidence"], mode=REJECT)


@register("cue_after", "direct", order=20, confidence=0.9, according_to_confidence=0.85, max_tokens=30,
          mixed_ends_at_sentence_end=True)
def cue_after(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """The reporting clause follows the closing mark: "“A,” he said." "“A,” said Obama." "“A” Flynn
    said." Only the speaker may stand between the mark and the cue."""
    if not cand.qspan.balanced:
        return None
    first = linker.frame_after(cand)
    if first is None or linker.doc[first].pos_ == "CCONJ":
        # "declaring it “another super Tuesday” and said it was ...": a verb coordinated after the
        # quotation is the next predicate of the sentence's subject, not a reporting clause of the quotation.
        return None
    if cfg["mixed_ends_at_sentence_end"] and not cand.opens_clause and linker.sentence_ended_before(cand, first):
        # "... because he was “taking a day off.” He pointed to ...": quoted words inside the writer's
        # sentence that end it; the cue of the next sentence reports that sentence's own content, not the
        # clause before (PolNeAR train, a quarter: 3 false positives, 1 match by chance).
        return None
    first_word = next((t for t in linker.doc[first:first + 4] if t.is_alpha), None)
    if linker.sentence_ended_before(cand, first) and first_word is not None and first_word.is_title \
            and _introduced_before(linker, cand):
        # "... saying at one point, “China bad.” But Mr. Trump did not respond": a quotation its own reporting
        # clause introduces, ending a sentence, is not reported by the next sentence's verb (only when a new
        # sentence starts: not "…?” asked Dunn").
        return None
    for token in linker.frame_tokens(first, cand.next_start, cfg["max_tokens"]):
        if token.dep_ in ("relcl", "acl") and token.head.i >= first:
            continue  # describes the speaker: "Cardinal Turkson, who was appointed by Pope Benedict, said"
        if token.dep_ == "acl" and token.tag_ == "VBN":
            continue  # a participle on a noun of the quoted words: "“… the interests” shared by both, he warned"
        if linker.is_cue(token, cfg["triggers"]):
            if not cand.opens_clause and _clause_break_before(linker, cand, token):
                return None
            link = _cue_after_link(linker, cand, token, first, cfg)
            return _after_outcome(linker, cand, link) if link is not None else None
        if linker.is_according_to(token):
            speaker = linker.according_to_speaker(token)
            if speaker is not None:
                link = Link(token, speaker, linker.confidence(speaker, cfg["according_to_confidence"]))
                return _after_outcome(linker, cand, link)
    return None


def _clause_break_before(linker: Linker, cand: Candidate, cue: Token) -> bool:
    """A semicolon, or a comma and a coordinating conjunction, between the closing mark of quoted words
    inside the writer's sentence and the cue after them ("… his “poisoning the blood” comments, and he
    pointed to ...", "… comments that “...”; he also notes that ..."): the cue opens the next clause,
    with content of its own, and reports nothing of the one before."""
    doc = linker.doc
    for token in doc[cand.tokens.end:cue.i]:
        if token.text == ";" or (token.pos_ == "CCONJ" and token.i > 0 and doc[token.i - 1].text == ","):
            return True
    return False


def _introduced_before(linker: Linker, cand: Candidate) -> bool:
    """A reporting clause ending in ":" "," or a dash right before the quotation gives it a cue and speaker
    (what ``cue_before`` would take)."""
    cfg = {**rule_config(linker.config["rules"], "cue_before"), "triggers": RULES["cue_before"].triggers}
    lead = linker.lead_before(cand)
    if not cfg.get("enabled", True) or lead is None or not cand.opens_clause or lead.text not in {":", ","}:
        return False
    link = _reporting_clause_before(linker, cand, lead, cfg, interrupts=True)
    return link is not None and link.mode != IN_CLAUSE


def _cue_after_link(linker: Linker, cand: Candidate, cue: Token, first: int, cfg: dict[str, Any]) -> Link | None:
    speaker = linker.speaker_of(cue)
    if speaker is not None and speaker.start > cue.i > first:
        # A subject after the cue while a name stands before it ("“A,” Flynn, a surrogate, said Thursday on
        # Fox News"): the parse inverted the wrong phrase; the speaker is the first phrase of the frame.
        speaker = linker.first_phrase_speaker(first, cue) or speaker
    if speaker is None or speaker.start_char < cand.qspan.end:
        # No subject, or the parse found one inside the quoted words ("We will ...,” Chief Chuck Jordan
        # said": "said" parsed as a conjunct of the quoted verb). The frame after the closing mark holds only
        # the reporting clause, so a sentence break the parser put inside it is ignored.
        speaker = linker.speaker_near(cue, first, within_sentence=False)
    if speaker is None or not linker.only_speaker_between(first, cue, speaker) or _passive_without_agent(cue):
        return None
    # The cue's own objects, not the words of the next quotation ("“A,” Mr. Obama said, “and to say ...”"):
    # an object with a word outside quotation marks ("suggested that what the staffers did “may ...”").
    # (Not the speaker the parse made an object: "“How big is that wall?” asked the boy.")
    objects = [c for c in cue.rights if linker.holds_own_words(c) and not _hearer_of(cue, c)
               and not speaker.start <= c.i < speaker.end]
    if linker.sentence_ended_before(cand, first) and any(c.dep_ in OBJECT_DEPS for c in objects):
        return None  # "“Lyin’ Ted.” Trump called the senator a ...": a sentence of its own
    if linker.sentence_ended_before(cand, first) and _introduces_next(linker, cand, cue):
        return None  # "“We are refugees.” Mr. Zahed said: “The attack ...”": the colon opens the next one
    if linker.sentence_ended_before(cand, first) and _interrupts_next_sentence(linker, cue):
        return None  # "“We want mercy.” The state, he said, was “where we can win.”": the next sentence's report
    if any(c.dep_ == "xcomp" and c.tag_ in ("VBG", "TO", "VB") and _verb_complement(cue, c) for c in objects):
        return None  # "''Make Your Kid a Millionaire,'' Mr. McKinley suggested looking at ..."
    return Link(cue, speaker, linker.confidence(speaker, cfg["confidence"]))


def _interrupts_next_sentence(linker: Linker, cue: Token) -> bool:
    """Whether the cue after a quotation that ends a sentence is a reporting clause set off by commas
    inside the next sentence ("“We want mercy.” The state, he said, was “where we can win.”"), which the
    ``parenthetical`` rule takes with that sentence: it reports the words around it, not the quotation
    before (only the speaker may stand between a quotation and the cue reporting it; "The state," is the
    next sentence's subject)."""
    cfg = {**rule_config(linker.config["rules"], "parenthetical"), "triggers": RULES["parenthetical"].triggers}
    return cfg.get("enabled", True) and parenthetical(linker, cue, cfg) is not None


# Passive cues whose subject is the speaker ("he was quoted as saying").
PASSIVE_SPEAKER_VERBS = frozenset({"quote"})


def _passive_without_agent(cue: Token) -> bool:
    """ "“This threat is unjust.” Bills were introduced last year": a passive cue whose agent the sentence
    does not name reports no one's words (its subject is what was done or the one told; "he was quoted as
    saying" aside)."""
    return is_passive(cue) and fold_lemma(cue) not in PASSIVE_SPEAKER_VERBS and not any(c.dep_ == "agent" for c in cue.children)


# Verbs of telling and asking: their nominal object is the one spoken to, not content of their own.
HEARER_VERBS = frozenset({"ask", "tell", "urge", "remind", "assure", "inform", "warn", "beg", "implore", "press"})
# Nominal objects of those verbs that are things said, not hearers ("asked a question", "told the story").
SAID_THING_NOUNS = frozenset({"question", "story", "joke", "lie", "truth", "thing", "tale", "secret", "anecdote"})
PERSONAL_OBJECTS = frozenset({"me", "us", "him", "her", "them", "you"})


def _hearer_of(cue: Token, part: Token) -> bool:
    """Whether ``part`` is the one a verb of telling or asking addresses ("“Why are you still endorsing
    him?” Obama asked Republican politicians.", "he told me", "asked reporters rhetorically"): a person or
    group, not content of the cue's own, so the sentence still reports the quotation before it."""
    if fold_lemma(cue) not in HEARER_VERBS or part.dep_ not in ("dobj", "dative"):
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "acl", "relcl") for c in part.children):
        return False  # "told the story of how ...": the object carries content
    if part.pos_ == "PRON":
        return part.lower_ in PERSONAL_OBJECTS
    if fold_lemma(part) in SAID_THING_NOUNS:
        return False
    return part.pos_ == "PROPN" or part.ent_type_ in ("PERSON", "ORG", "NORP") or part.tag_ == "NNS"


def _verb_complement(cue: Token, xcomp: Token) -> bool:
    """An open complement that is the cue's own object ("suggested looking at ...", "told them to go"):
    right after the cue or an infinitive; not a name the parse took for a verb after another object
    ("told CBS' Face the Nation on Sunday")."""
    return xcomp.left_edge.i == cue.i + 1 or any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children)


def _introduces_next(linker: Linker, cand: Candidate, cue: Token) -> bool:
    """Whether the reporting clause after a quotation ends in a colon that the next quotation follows:
    a new sentence introducing the next speaker's words, not a tag on the words before it."""
    doc = linker.doc
    for token in doc[cue.i + 1:]:
        if token.idx >= cand.next_start or token.text in {".", "?", "!", ";"} or "\n" in token.text:
            return False
        if token.text == ":":
            between = linker.text[token.idx + 1:cand.next_start]
            return cand.next_start < len(linker.text) and not between.strip(" \t\"“'‘`«")
    return False


# Verbs that can take a spoken phrase as their object even when it is title-shaped ("chanted “Lock Her Up”").
SAY_LIKE = frozenset({"say", "tell", "add", "ask", "shout", "chant", "yell", "declare", "tweet", "write", "reply",
                      "respond", "exclaim", "scream", "cry", "whisper"})


def title_shaped(tokens: Span, max_words: int) -> bool:
    """Title case and short, without sentence punctuation: "One Hundred Years of Solitude"."""
    words = [t for t in tokens if t.is_alpha]
    long_words = [t for t in words if len(t) > 3]
    return 2 <= len(words) <= max_words and bool(long_words) and all(t.is_title or t.is_upper for t in long_words) \
        and not any(t.text in {".", "?", "!"} for t in tokens[-2:])


# Verbs whose object is the one spoken to: a title-shaped quotation there names a programme or outlet
# ("told “Fox and Friends” that ..."), not words.
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "brief"})
# Nouns a quoted title stands in apposition to ("in his 2012 book, ''An American Son.''", "called a
# referendum — “No to Free Lawyers” —"). Not speech, statement, interview, letter: their quoted
# appositive is the words said.
WORK_NOUNS = frozenset({"book", "memoir", "novel", "film", "movie", "documentary", "show", "program", "programme",
                        "series", "podcast", "song", "album", "play", "musical", "article", "column", "essay",
                        "headline", "report", "referendum", "initiative", "campaign", "slogan", "hashtag",
                        "magazine", "newsletter", "course", "class", "painting", "poem"})


@register("title_object", "direct", order=25, confidence=0.0, max_words=8)
def title_object(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A title-shaped quotation that is the object of a verb other than one of saying ("He listed “One
    Hundred Years of Solitude” as his favorite book") or of a verb of telling ("told “Fox and Friends”":
    the one spoken to), or that stands in apposition to a work noun ("in his book, ''An American
    Son.''"), names a work, not the subject's words."""
    lead = linker.lead_before(cand)
    if lead is None:
        return None
    lemma = lead.lemma_.lower()
    verb_object = lead.pos_ in ("VERB", "AUX") and (lemma not in SAY_LIKE or lemma in ADDRESSEE_VERBS)
    if verb_object and title_shaped(cand.tokens, cfg["max_words"]):
        return Link(None, None, cfg["confidence"], mode=REJECT)
    if _after_work_noun(linker, lead) and title_shaped(_without_final_stop(cand.tokens), cfg["max_words"]):
        return Link(None, None, cfg["confidence"], mode=REJECT)
    return None


def _after_work_noun(linker: Linker, lead: Token) -> bool:
    """``lead`` is a comma, dash or colon right after a work noun ("his book, ''...''")."""
    if lead.text not in {",", "—", "–", "--", ":"} or lead.i == 0:
        return False
    noun = linker.doc[lead.i - 1]
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in WORK_NOUNS


def _without_final_stop(tokens: Span) -> Span:
    """A title ending a sentence takes the period inside the marks in some styles (''An American Son.'')."""
    return tokens[:-1] if len(tokens) > 1 and tokens[-1].text == "." else tokens


@register("speech_verb_before", "direct", order=30, confidence=0.85, min_words_after=2)
def speech_verb_before(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A verb of saying right before the opening mark: "he said “no”", "Said Ellis: “A.”"."""
    lead = linker.lead_before(cand)
    if lead is None or not linker.is_speech(lead):
        return None
    speaker = linker.speaker_of(lead) or linker.speaker_near(lead, lead.i)
    if speaker is None:
        return None
    if _opens_longer_clause(linker, cand, lead, cfg["min_words_after"]):
        return Link(lead, speaker, 0.0, mode=IN_CLAUSE)
    return Link(lead, speaker, linker.confidence(speaker, cfg["confidence"]))


def _opens_longer_clause(linker: Linker, cand: Candidate, cue: Token, min_words_after: int) -> bool:
    """The quoted words only open the clause ``cue`` reports, which goes on past the closing mark (its
    ccomp holds the quotation and at least ``min_words_after`` words after it)."""
    close = cand.tokens.end  # the closing mark's token (or what follows the quoted words)
    for child in cue.rights:
        if child.dep_ != "ccomp" or child.left_edge.i > cand.tokens.start or child.right_edge.i <= close:
            continue
        after = linker.doc[close + 1:child.right_edge.i + 1]
        return sum(1 for t in after if t.is_alpha) >= min_words_after and not linker.inside_quotation(after[0].idx)
    return False


# Entity types a colon-introduced name must not have: a dateline or a place is no speaker.
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "WORK_OF_ART"})


@register("name_colon", "direct", order=35, confidence=0.8, max_name_tokens=4)
def name_colon(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A name alone before a colon introduces the quotation, as transcripts and debate recaps write it:
    "Clinton: “Our goal is to defeat ISIS.” Bush: “The mission is ...”". The colon stands for the cue
    (as the dash does for ``dash_byline``); only a name, never a place or date, and only when nothing
    else stands between the previous quotation, sentence or paragraph and the colon."""
    lead = linker.lead_before(cand)
    if lead is None or lead.text != ":" or not cand.qspan.balanced:
        return None
    doc = linker.doc
    start = lead.i
    while start > 0 and lead.i - start < cfg["max_name_tokens"] and doc[start - 1].pos_ == "PROPN" \
            and doc[start - 1].idx >= cand.prev_end and "\n" not in doc[start - 1].text:
        start -= 1
    if start == lead.i or any(t.ent_type_ in PLACE_ENTITIES for t in doc[start:lead.i]):
        return None
    before = doc[start - 1] if start > 0 else None
    opens = before is None or before.idx < cand.prev_end or "\n" in before.text or before.is_space \
        or before.text in {".", "?", "!", "”", '"', "''"}
    return Link(lead, doc[start:lead.i], cfg["confidence"]) if opens else None


@register("cue_before", "direct", order=40, confidence=0.85, according_to_confidence=0.8, max_tokens=14)
def cue_before(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A reporting clause ending in ":" "," or a dash before the quotation: "Scott said, “A.”", "He told
    reporters: “A.”", "According to Smith, “A.”" (not "said that for A, “...”", a paraphrase)."""
    lead = linker.lead_before(cand)
    if lead is None or not cand.opens_clause or lead.text not in {":", ",", "—", "–"}:
        return None
    return _reporting_clause_before(linker, cand, lead, cfg, interrupts=True)


def _reporting_clause_before(linker: Linker, cand: Candidate, lead: Token, cfg: dict[str, Any],
                             interrupts: bool) -> Link | None:
    """The cue and speaker of the reporting clause ending at ``lead`` (its last ":" "," or dash), walking
    back within its sentence; none once a verb or "that" of other content comes first."""
    doc = linker.doc
    if (issued := _statement_issued(linker, lead)) is not None:
        verb, speaker = issued
        return Link(verb, speaker, linker.confidence(speaker, cfg["confidence"]))
    for token in reversed(doc[max(0, lead.i - cfg["max_tokens"]):lead.i]):
        if token.idx < cand.prev_end or "\n" in token.text or token.text in SENTENCE_END:
            return None
        if _writers_quote_formula(doc, token):
            continue  # "Trump said, and I quote, “...”": the writer's formula; the cue is the one before it
        if token.dep_ == "amod":
            continue  # "told the Post in a written statement,": a participle describing a noun reports nothing
        if linker.is_cue(token, cfg["triggers"]):
            speaker = linker.speaker_of(token)
            if speaker is not None and linker.inside_quotation(speaker.start_char):
                # "“A, I esteem Sen. John McCain,” Trump said, “B.”": the parse found the subject inside the
                # quoted words before; the speaker is the name in the reporting clause after them.
                frame = next((t.i for t in doc[max(0, lead.i - 6):lead.i] if t.idx >= cand.prev_end), lead.i)
                speaker = linker.speaker_near(token, frame)
            speaker = speaker or linker.speaker_near(token, max(cand.prev_end, lead.i - 6))
            if speaker is None:
                return None
            if interrupts and _interrupts_sentence(linker, cand, token, speaker):
                return Link(token, speaker, 0.0, mode=IN_CLAUSE)
            return Link(token, speaker, linker.confidence(speaker, cfg["confidence"]))
        if linker.is_according_to(token):
            speaker = linker.according_to_speaker(token)
            return Link(token, speaker, linker.confidence(speaker, cfg["according_to_confidence"])) \
                if speaker else None
        if token.lower_ == "that" or (token.pos_ in ("VERB", "AUX") and token.dep_ != "aux"):
            return None
    return None


# The writer's connectives made of "said" ("That said, the malware leaves ..."): sentence openers set off
# by a comma that concede the point before; nobody reports anything.
WRITERS_CONNECTIVES = (("that", "said"), ("that", "being", "said"), ("having", "said", "that"),
                       ("with", "that", "said"), ("all", "that", "said"))


def writers_connective(doc: Doc, token: Token) -> bool:
    """Whether ``token`` is the "said" of a connective of `WRITERS_CONNECTIVES` opening its sentence (or
    a clause after "but" / "and") and followed by a comma."""
    if token.lower_ != "said":
        return False
    for formula in WRITERS_CONNECTIVES:
        first = token.i - formula.index("said")
        last = first + len(formula)
        if first < 0 or last >= len(doc) or doc[last].text != ",":
            continue
        if [t.lower_ for t in doc[first:last]] != list(formula):
            continue
        if first == doc[first].sent.start or doc[first - 1].lower_ in ("but", "and") \
                or doc[first - 1].is_space:
            return True
    return False


def _writers_quote_formula(doc: Doc, token: Token) -> bool:
    """"I quote" (", and I quote,", "I quote:"): the writer announcing the quotation, not its speaker."""
    return token.lower_ == "quote" and token.i > 0 and doc[token.i - 1].text == "I"


# What a speaker issues, releases or makes that the quotation after a colon is ("issued the following
# statement:", "released a statement:", "made the following comment:").
STATEMENT_NOUNS = frozenset({"statement", "comment", "remark", "message", "response", "note", "reply", "tweet"})


def _statement_issued(linker: Linker, lead: Token) -> tuple[Token, Span] | None:
    """ "Donald Trump issued the following statement:" ¶ "“A.”": a colon right after the object of a verb
    whose object is the statement the quotation gives; that verb is the cue, its subject the speaker."""
    if lead.text != ":" or lead.i == 0:
        return None
    noun = linker.doc[lead.i - 1]
    if fold_lemma(noun) not in STATEMENT_NOUNS or noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return None
    speaker = linker.speaker_of(noun.head)
    return (noun.head, speaker) if speaker is not None else None


def fold_lemma(token: Token) -> str:
    """The token's lemma in lower case (its text when the lemmatizer gave none)."""
    return (token.lemma_ or token.text).lower()


def _interrupts_sentence(linker: Linker, cand: Candidate, cue: Token, speaker: Span) -> bool:
    """The reporting clause is set off by commas inside a sentence that the quotation finishes ("No name
    change, he said, ''hides what it really is.''"): the words before it are a subject without a verb
    and the quoted words go on in lower case, so they are that sentence's predicate, and the
    parenthetical rule takes the sentence whole. Not "When asked about it, she said, “No comment.”"."""
    doc = linker.doc
    left = min(speaker.start, cue.i)
    sent = cue.sent
    first_word = next((t for t in cand.tokens if t.is_alpha), None)
    if left - 1 <= sent.start or doc[left - 1].text != "," or cand.tokens.start < sent.start \
            or first_word is None or not first_word.is_lower:
        return False
    if any(not (speaker.start <= t.i < speaker.end or t.pos_ in ("ADV", "PART")) for t in doc[left:cue.i]):
        return False  # only the speaker before the cue ("he said"), not "she sent an email saying"
    before = [t for t in doc[sent.start:left - 1] if t.idx >= cand.prev_end and not t.is_space]
    return sum(1 for t in before if t.is_alpha) >= 2 and not any(t.pos_ == "VERB" for t in before) \
        and not any(linker.inside_quotation(t.idx) for t in before)


@register("colon_paragraph", "direct", order=45, confidence=0.8, according_to_confidence=0.75, max_tokens=14)
def colon_paragraph(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A reporting clause ending its paragraph in a colon, the quotation opening the next one ("Cruz
    continued:" ¶ "“A.”", "The Times confirmed it, reporting:" ¶ "“A.”"): the layout of block quotations
    and transcripts in any outlet. The clause's own sentence only, as for ``cue_before``."""
    colon = linker.colon_before_paragraph(cand)
    if colon is None:
        return None
    return _reporting_clause_before(linker, cand, colon, cfg, interrupts=False)


@register("bare_report_before", "direct", order=50, confidence=0.75, triggers=("cue", "strong_cue"))
def bare_report_before(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """"Burman said of the plan. ''It doesn't ...''": a reporting sentence with no content of its own."""
    lead = linker.lead_before(cand)
    if lead is None or not cand.opens_clause or lead.text != ".":
        return None
    sent = lead.sent
    if sent.start_char < cand.prev_end:
        return None
    for token in sent:
        if linker.is_cue(token, cfg["triggers"], strong=True):
            if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children):
                return None
            if not _main_verb(token):
                return None  # "she was nervous her husband would notice, but he didn't": no report
            speaker = linker.speaker_of(token)
            return Link(token, speaker, linker.confidence(speaker, cfg["confidence"])) if speaker else None
    return None


def _main_verb(token: Token) -> bool:
    """The sentence's main verb, or one coordinated with it: what a reporting sentence is about, not a
    verb inside a clause of another ("was nervous her husband would notice")."""
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ == "ROOT"


@register("closing_report_before", "direct", order=55, confidence=0.8, triggers=("cue", "strong_cue"),
          min_words=3, any_report=True)
def closing_report_before(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """"The hall was empty by noon, Mayor Reyes said. “We had expected more.”": a sentence-shaped
    quotation right after a sentence in its paragraph that a reporting clause closes (the cue's reported
    clause before it, nothing of its own after it but its subject and adverbials) goes on that report, as
    news writing sets a paraphrase before the speaker's own words. The cue stays free for the paraphrase.
    With ``any_report``, also after a sentence whose root reports a clause after it ("Reyes said the
    hall was empty. “…”")."""
    lead = linker.lead_before(cand)
    if lead is None or not cand.opens_clause or lead.text != "." or not _sentence_shaped(linker, cand, cfg):
        return None
    sent = lead.sent
    cue = sent.root
    if not linker.is_cue(cue, cfg["triggers"], strong=True) or _quotation_in_the_way(cand, sent, cue):
        return None
    if not (_reports_before_itself(cue) or (cfg["any_report"] and _reports_after_itself(cue))):
        return None
    speaker = linker.speaker_of(cue)
    if speaker is None:
        return None
    return Link(cue, speaker, linker.confidence(speaker, cfg["confidence"]), cue_stays_free=True)


def _quotation_in_the_way(cand: Candidate, sent: Span, cue: Token) -> bool:
    """An earlier quotation in the reporting sentence bars the rule, unless no rule linked it and it ends
    before the cue: quoted words inside the paraphrase ("It is vital to “take detailed histories,”
    Dempsey said. “…”"). A linked one is for the `continuation` rule."""
    if cand.prev_end <= sent.start_char:
        return False
    return cand.previous is None or cand.previous[1] is not None or cand.prev_end > cue.idx


def _sentence_shaped(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> bool:
    """Quoted words that make a sentence of their own: capitalised, ending in a stop inside the marks."""
    quoted = linker.text[cand.qspan.start:cand.qspan.end].rstrip()
    return quoted[:1].isupper() and quoted.endswith((".", "!", "?")) \
        and linker.word_count(cand.tokens) >= cfg["min_words"]


CLOSING_REPORT_DEPS = frozenset({"nsubj", "advmod", "npadvmod", "prep", "punct", "agent", "dative"})


def _reports_before_itself(cue: Token) -> bool:
    """The cue closes its sentence as a reporting clause: its reported clause comes before it, and after
    it only its subject and adverbials (", he said on Monday.", ", says Tom Hale, a council member.")."""
    reported = [c for c in cue.lefts if c.dep_ == "ccomp"]
    return bool(reported) and all(c.dep_ in CLOSING_REPORT_DEPS for c in cue.rights)


def _reports_after_itself(cue: Token) -> bool:
    """The cue opens its sentence's report: its subject before it, its reported clause after it."""
    return any(c.dep_ == "nsubj" for c in cue.lefts) and any(c.dep_ == "ccomp" for c in cue.rights)


@register("continuation", "direct", order=60, confidence=0.9, max_gap_chars=200, max_title_words=8)
def continuation(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A quotation right after a cued one in the same paragraph ("“A,” she said. “B.”", split quotations)
    or reopening it in the next paragraph shares its cue and mention, also across a title in the
    reporting clause between them; ``confidence`` is the share of the cued piece's confidence it keeps."""
    if not cand.qspan.balanced or cand.previous is None:
        return None
    earlier, prior = cand.previous
    if prior is None and cand.linked_before is not None \
            and linker.title_in_frame(cand.linked_before[0], earlier, cfg["max_title_words"]):
        earlier, prior = cand.linked_before  # "“A,” Flynn said on Fox News’s “Fox and Friends.” “B.”"
    if prior is None or prior.cue is None or not linker.continues(earlier, cand.qspan, cfg["max_gap_chars"]):
        return None
    if _person_brought_in(linker, earlier.end, cand.qspan.start, prior.speaker):
        # "…,” says Moore. And Professor Nutt has invented a spirit. “…”": words the resolver gives Nutt
        return Link(None, None, round(prior.confidence * cfg["confidence"], 3))
    if prior.opens_turn and not _kept_uncued(linker, cand):
        return None  # a transcript turn goes on only in what would stand as a paragraph of words on its own
    return Link(prior.cue, prior.speaker, round(prior.confidence * cfg["confidence"], 3), opens_turn=prior.opens_turn)


def _person_brought_in(linker: Linker, start: int, end: int, speaker: Span | None) -> bool:
    """A sentence of the writer's wholly between ``start`` and ``end`` has another person named as its
    subject (`attribution.syntax.person_subject`): "…,” says Stephanie Moore. And Professor David Nutt has
    invented a spirit that mimics alcohol. “…”" passes the next words to Nutt, not on from Moore."""
    own = {fold(t.text) for t in speaker} if speaker is not None else set()
    return any(ent.start_char >= start and ent.end_char <= end and fold(ent[-1].text) not in own
               and person_subject(ent, start) for ent in linker.doc.ents)


def _kept_uncued(linker: Linker, cand: Candidate, cfg: dict[str, Any] | None = None) -> bool:
    """What the ``uncued_paragraph`` rule keeps: a quotation filling its paragraph, not a headline
    (``cfg``: that rule's configuration, looked up when not given)."""
    cfg = rule_config(linker.config["rules"], "uncued_paragraph") if cfg is None else cfg
    return cand.qspan.balanced and linker.fills_paragraph(cand, cfg["min_words"]) \
        and not _headline_line(linker, cand, cfg["headline_words"]) \
        and not _pull_quote(linker, cand, cfg["pull_quote_chars"])


@register("uncued_paragraph", "direct", order=70, confidence=0.3, min_words=4, headline_words=12,
          pull_quote_chars=15)
def uncued_paragraph(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """A quotation filling its paragraph is kept with cue and mention None (the resolver decides whether
    it continues the previous speaker); any other uncued quoted phrase is a scare quote or title. A short
    one with no sentence-final mark, inside or after its closing mark, is a headline or subheading set in
    quotation marks (‘I was told I paid for full self-driving’), not a sentence someone said; nor is one
    whose words the article gives again elsewhere, a pull quote or a quoted subheading."""
    return Link(None, None, cfg["confidence"]) if _kept_uncued(linker, cand, cfg) else None


@register("uncued_after_narration", "direct", order=75, confidence=0.3, triggers=("cue", "strong_cue"),
          min_words=4, max_paragraphs_back=1)
def uncued_after_narration(linker: Linker, cand: Candidate, cfg: dict[str, Any]) -> Link | None:
    """"He was bracing himself. “I don’t think I could ever go back.”": sentence-shaped quoted words that
    close their paragraph after a sentence of the writer's, with no cue anywhere, are the words of the one
    the passage is about, as British, Irish and Australian news (and features everywhere) set a speaker's
    next words after a line of narration. Kept with cue and mention None, as ``uncued_paragraph`` does (the
    resolver decides whether they continue the previous speaker); only where speech is being reported:
    a quotation linked in this paragraph or at most ``max_paragraphs_back`` before it, or a speech cue
    earlier in this paragraph ("And midlife tipplers suffer more, explains Dr Rossi. … “It gets …”").
    A quoted phrase inside the writer's sentence is not taken (it opens no sentence, or does not end it)."""
    if not cand.qspan.balanced or not cand.opens_clause or not _sentence_shaped(linker, cand, cfg):
        return None
    lead = linker.lead_before(cand)
    if lead is None or lead.text not in (".", "?", "!") or linker.in_boilerplate(cand.qspan.start):
        return None
    if not linker.closes_paragraph(cand) or _reporting_sentence(linker, cand, lead.sent, cfg):
        return None  # after a reporting sentence the words go with that report (or its paraphrase)
    if not (_linked_nearby(linker, cand, cfg["max_paragraphs_back"])
            or _cue_earlier_in_paragraph(linker, cand, cfg["triggers"])):
        return None
    return Link(None, None, cfg["confidence"])


def _reporting_sentence(linker: Linker, cand: Candidate, sent: Span, cfg: dict[str, Any]) -> bool:
    """``sent`` reports someone's words itself: a speech cue reporting a clause ("From said.", "who also
    said that ...") or with a named subject ("Slaughter wrote to Clinton in a message …"), or quoted
    words of ``min_words`` or more ("“The government is alleging …” were provoking violence."); the next
    words go with that report or its paraphrase. "Patients often tell him excuses", "After hearing “a
    lot” of shooting" report nobody's words."""
    for token in sent:
        if linker.is_cue(token, cfg["triggers"], strong=True) and any(
                c.dep_ == "ccomp" or (c.dep_ == "nsubj" and any(t.pos_ == "PROPN" for t in c.subtree))
                for c in token.children):
            return True
    earlier = cand.previous[0] if cand.previous is not None else None
    return earlier is not None and earlier.end > sent.start_char and linker.word_count(
        linker.doc.char_span(earlier.start, earlier.end, alignment_mode="expand") or sent[:0]) >= cfg["min_words"]


def _linked_nearby(linker: Linker, cand: Candidate, max_back: int) -> bool:
    """The last quotation a rule linked ends in the candidate's paragraph or at most ``max_back`` before."""
    near = cand.previous if cand.previous is not None and cand.previous[1] is not None else cand.linked_before
    if near is None:
        return False
    return linker.paragraph_index(cand.qspan.start) - linker.paragraph_index(near[0].end) <= max_back


def _cue_earlier_in_paragraph(linker: Linker, cand: Candidate, triggers: tuple[str, ...]) -> bool:
    """A verb of speech (one that reports a clause) before the quotation in its paragraph."""
    start = linker.paragraph_start(cand.qspan.start)
    doc = linker.doc
    for i in range(cand.tokens.start - 1, -1, -1):
        if doc[i].idx < start:
            return False
        if linker.is_cue(doc[i], triggers, strong=True):
            return True
    return False


# Quotation marks and apostrophes of either shape read as one, so that a pull quote matches the body's type.
_PLAIN_MARKS = str.maketrans("‘’‚‛“”„‟«»", "''''\"\"\"\"\"\"")


@lru_cache(maxsize=4)
def _with_plain_marks(text: str) -> str:
    """``text`` with ``_PLAIN_MARKS``: once per text, not once per paragraph-filling quotation asked."""
    return text.translate(_PLAIN_MARKS)


def _pull_quote(linker: Linker, cand: Candidate, min_chars: int) -> bool:
    """A quotation filling its paragraph whose words (``min_chars`` or more, end punctuation aside) stand
    again elsewhere in the article: a pull quote set between paragraphs ("“My goal is to limit the
    complexity.”" over the paragraph that reports who said it) or a subheading taken from the text, not
    another time the words were said."""
    text = _with_plain_marks(linker.text)
    words = text[cand.qspan.start:cand.qspan.end].strip(" \t\u00a0.,;:!?…\"'")
    if len(words) < min_chars:
        return False
    at = text.find(words)
    while at >= 0:
        if not cand.qspan.start <= at < cand.qspan.end:
            return True
        at = text.find(words, at + 1)
    return False


def _headline_line(linker: Linker, cand: Candidate, max_words: int) -> bool:
    """A paragraph-filling quotation of at most ``max_words`` words with no sentence-final mark: a
    headline's shape (a piece a quotation continues into the next paragraph may stop anywhere)."""
    if cand.qspan.continues or linker.word_count(cand.tokens) > max_words:
        return False
    quoted = linker.text[cand.qspan.start:cand.qspan.end].rstrip(" \t\u00a0\"”’'»")
    end = linker.text.find("\n", cand.qspan.end)
    after = linker.text[cand.qspan.end:end if end >= 0 else len(linker.text)]
    return not quoted.endswith((".", "!", "?", "…")) and not any(mark in after for mark in ".!?…")


# -------------------------------------------------------------------------------------- indirect rules
def _clause(linker: Linker, content: Span | None, cue: Token, speaker: Span | None,
            cfg: dict[str, Any]) -> Clause | None:
    if content is None or speaker is None:
        return None
    mixed = linker.holds_quotation(content)
    base = cfg["mixed_confidence"] if mixed else cfg["confidence"]
    return Clause(content, Link(cue, speaker, linker.confidence(speaker, base)), "mixed" if mixed else "indirect")


# Relative words that a relative clause fronts before its own speaker and cue ("..., which he said were
# evenly split", "..., who the chairman said would report"). Not the free relative "what" ("what critics
# have called a “scheme”"): that is the writer's noun phrase itself, whole (train quarters 0/1 gained 4
# matches and lost 1 with it, dev mixed extraction F1 fell 0.7334 -> 0.7314).
FRONTED_RELATIVES = frozenset({"which", "who", "whom"})


def _after_own_cue(content: Span, cue: Token) -> Span:
    """A reported clause that a relative word opens before the speaker and the cue ("..., which the agency
    previously had said was unacceptable", "..., which his rival had called a “giveaway”"), from the word
    after the cue: the relative word stands for the writer's noun before it, and the speaker and cue are
    no part of what was said (each word has one role: the reported words are "was unacceptable", "a
    “giveaway”"). The parse takes the clause from the relative word, which it hangs on the reported verb
    as its subject or object (train quarters 0/1, ``complement`` and ``naming``: +2 / +3 matches)."""
    doc = content.doc
    if not content.start < cue.i < content.end - 1 or doc[content.start].lower_ not in FRONTED_RELATIVES:
        return content
    start = cue.i + 1
    while start < content.end - 1 and (doc[start].is_space or (doc[start].dep_ == "prt" and doc[start].head.i == cue.i)):
        start += 1  # (a particle is the cue's: "which he summed up as ...")
    return doc[start:content.end]


@register("according_to", "indirect", order=10, confidence=0.6, mixed_confidence=0.7)
def according_to(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """"According to X, CLAUSE." / "CLAUSE, according to X.": the sentence minus the attribution."""
    if not linker.is_according_to(token):
        return None
    return _clause(linker, linker.according_to_content(token), token, linker.according_to_speaker(token), cfg)


@register("complement", "indirect", order=20, confidence=0.6, mixed_confidence=0.7,
          triggers=("cue", "strong_cue"), trim_relative=True, trim_nested_report=True, trim_summary=True,
          skip_impersonal=True, trim_comparison=True, split_conjuncts=True, conjuncts_with_subject=False, through_colon=True,
          trim_opening_time=True, after_own_cue=True, trim_reporter_conjunct=True, skip_perceived=True)
def complement(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """The clause a speech verb reports: its ccomp ("Obama said that ..."); for "told X to ...", the
    object and infinitive. With ``trim_relative``, without a non-restrictive relative clause closing it,
    with ``trim_summary``, without the writer's label for the claim closing it (", a charge that ...";
    attribution.clause_bounds); with ``skip_impersonal``, none for the writer's hedge ("it is fair to
    say", "one could say"); with ``split_conjuncts``, through the conjuncts of the clause the parse hung
    on the cue (``conjuncts_with_subject``: also one with a subject of its own); with ``through_colon``,
    through the clause after a colon closing it that the parse made the cue's head; with
    ``trim_opening_time``, without the report's own date opening it ("said on Thursday it aims to ..."); with
    ``after_own_cue``, from the word after the cue when a relative word opens the clause before the speaker
    and cue ("..., which the mayor said was long overdue": `_after_own_cue`); with ``trim_reporter_conjunct``,
    without the reporter's next act coordinated with a subjunctive ("proposed that troops be left, and
    pushed to ...": `clause_bounds.without_reporter_conjunct`); with ``skip_perceived``, none for what a
    reader or hearer took in ("he'd read that ...": `takes_in_words`)."""
    if linker.is_according_to(token) or not linker.is_cue(token, cfg["triggers"], strong=True):
        return None
    if cfg["skip_perceived"] and takes_in_words(token):
        return None
    if _relative_on_a_thing(linker, token):
        return None
    content = _complement_clause(linker, token)
    if content is not None and asks_not_to_be_named(token, content):
        return None
    if content is not None and cfg["split_conjuncts"] and content.start > token.i:
        content = _through_split_conjuncts(linker, token, content, cfg["conjuncts_with_subject"])
    if content is not None and cfg["through_colon"] and content.start > token.i:
        content = _through_colon_elaboration(linker, token, content)
    if content is not None and cfg["after_own_cue"]:
        content = _after_own_cue(content, token)
    return _reported_clause(linker, token, content, cfg)


# Verbs of asking, and the passives of naming a source asks to be spared ("asked not to be identified").
ASKING_VERBS = frozenset({"ask", "request", "beg"})
NAMING_PASSIVES = frozenset({"identify", "name", "quote", "cite"})


def asks_not_to_be_named(cue: Token, content: Span) -> bool:
    """"a refugee who asked not to be identified said ...", "One aide asked not to be named because ...":
    a source's request to stay unnamed, the writer's account of the terms of the interview; the source's
    words are elsewhere, not in the infinitive."""
    if fold_lemma(cue) not in ASKING_VERBS:
        return False
    verb = content.root
    return fold_lemma(verb) in NAMING_PASSIVES and any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# Words opening a noun phrase the writer sets after a comma or dash to label a claim or an act ("..., a
# refrain Smith has repeated", "..., a feat Jones likened to ..."), as clause_bounds.SUMMARY_OPENERS.
LABEL_OPENERS = frozenset({"a", "an", "another"})
# Endings of nouns that may name a person ("a former adviser Jane Doe said"), which are left alone.
PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "woman", "men", "women")


def _relative_on_a_thing(linker: Linker, cue: Token) -> bool:
    """Whether the cue is a relative clause without its "that" on a noun of a thing, which it does not
    report but describes: "the tiny energy gap the firm reported would offer little protection, says Jo
    Hale" (the parse hangs the sentence's own verb on the cue as its reported clause, a clause with no
    subject of its own: the subject is the noun; only when another report closes the sentence after it,
    as "the flexibility they say will help the industry" is their report), "..., a refrain Trump has repeated",
    "..., a prospect Vindman denied", "..., a feat Nayak likened to “inventing steel”" (the noun, after
    a comma or dash and "a", runs into the speaker's name). What the parse offers as the cue's clause
    there is the writer's sentence. A noun that may be a person ("..., an adviser Jane Doe said") or an
    organisation is left to the rules."""
    doc = linker.doc
    ccomps = [c for c in cue.rights if c.dep_ == "ccomp"]
    root = cue.sent.root
    if ccomps and root.i != cue.i and not any(has_subject(c) for c in ccomps) \
            and root.i > ccomps[-1].right_edge.i and linker.is_cue(root, ("cue", "strong_cue"), strong=True):
        return True
    subject = next((c for c in reversed(list(cue.lefts)) if c.dep_ == "nsubj"), None)  # (the nearest)
    if subject is None or subject.pos_ != "PROPN":
        return False
    first = subject.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
        first -= 1
    noun = doc[first - 1] if first > 0 else None
    if noun is None or noun.pos_ != "NOUN" or not _a_thing(noun):
        return False
    opener = first - 2
    while opener >= 0 and doc[opener].pos_ in ("ADJ", "NOUN") and doc[opener].dep_ in ("amod", "compound"):
        opener -= 1
    return opener >= 1 and doc[opener].lower_ in LABEL_OPENERS and doc[opener - 1].text in SETTING_OFF_MARKS


SETTING_OFF_MARKS = frozenset({",", "—", "–", "--", ";"})


def _a_thing(noun: Token) -> bool:
    """A common noun that names no person nor organisation by its word ("refrain", "feat", "prospect";
    not "adviser", "analyst", "group")."""
    word = (noun.lemma_ or noun.text).lower()
    return word not in ROLE_SYNONYMS and word not in ORG_HEAD_NOUNS and not word.endswith(PERSON_ENDINGS)


def _reported_clause(linker: Linker, token: Token, content: Span | None, cfg: dict[str, Any]) -> Clause | None:
    """The clause ``content`` that the cue ``token`` reports, within the bounds of a reported clause (the
    ``complement`` rule's knobs in ``cfg``), with its speaker."""
    if content is None:
        return None
    if cfg["skip_impersonal"] and _impersonal_report(token):
        return None
    speaker = linker.shared_speaker.get(token.i) or linker.speaker_of(token)
    return _report(linker, token, content, speaker, cfg)


def _report(linker: Linker, token: Token, content: Span, speaker: Span | None, cfg: dict[str, Any]) -> Clause | None:
    """The clause ``content`` that the cue ``token`` reports from ``speaker``, within a reported clause's bounds."""
    return _clause(linker, _within_report_bounds(linker, token, content, speaker, cfg), token, speaker, cfg)


def _within_report_bounds(linker: Linker, token: Token, content: Span, speaker: Span | None,
                          cfg: dict[str, Any]) -> Span:
    """``content``, reported by ``token``, up to the next report of another speaker and trimmed as the
    ``complement`` rule's ``trim_*`` knobs in ``cfg`` say (one a rule does not set is off)."""
    doc = linker.doc
    content = _without_next_report(linker, content, speaker, token)
    dateline = linker.dateline_end(token)
    if dateline is not None and content.start < dateline < content.end:
        content = doc[dateline:content.end]  # ("DENVER, June 3 (AP) — The stadium will open ..., she said")
    if cfg.get("trim_reporter_conjunct"):
        content = doc[content.start:without_reporter_conjunct(doc, token, content.start, content.end)]
    if cfg.get("trim_relative"):
        content = doc[content.start:without_trailing_relative(doc, content.start, content.end)]
    if cfg.get("trim_summary"):
        content = doc[content.start:without_summary_appositive(doc, content.start, content.end)]
    if cfg.get("trim_nested_report"):
        content = _without_nested_report(linker, content)
    if cfg.get("trim_comparison"):
        content = _without_comparison(doc, content)
    if cfg.get("trim_opening_time"):
        content = doc[without_opening_time(doc, token, content.start, content.end):content.end]
    return content


# Closing quotation marks as tokens.
CLOSING_MARKS = frozenset({"”", '"', "''", "’"})


def _without_comparison(doc: Doc, content: Span) -> Span:
    """A reported clause ends before the writer's comparison closing it after a comma ("52 percent said
    Mr. Trump would be better, compared with 41 percent for Mrs. Clinton"): the figure set beside the
    answer is the poll's report, not what the respondents said."""
    for token in content[1:-1]:
        if token.lower_ == "compared" and doc[token.i - 1].text == "," \
                and doc[token.i + 1].lower_ in ("with", "to"):
            return _cut_before(doc, content, token.i - 1)
    return content


# Verbs of evidence: "A new poll shows that ...", "The study found that ...". Without a clause they mostly
# carry no statement ("showed the way", "found the body"), so only their finite "that"-clause is reported;
# never a question clause ("shows how deeply ...": the writer's reading).
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@register("evidence", "indirect", order=21, confidence=0.6, mixed_confidence=0.7, triggers=("cue", "evidence"),
          verbs=tuple(sorted(EVIDENCE_VERBS)))
def evidence(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """What a poll, study or investigation shows or found: the clause after the verb ("A new poll shows
    that most voters ...", "Investigators found that the fire had started in the basement"), as for the
    ``complement`` rule; only with a subject of the verb's own (not a passive, nor a relative pronoun:
    "a poll that shows him beating Trump" describes the poll)."""
    if fold_lemma(token) not in cfg["verbs"] or not linker.is_cue(token, cfg["triggers"]):
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_SUBJECTS for c in token.children):
        return None
    clause = next((c for c in token.rights if c.dep_ == "ccomp"), None)
    if clause is None or clause.pos_ not in ("VERB", "AUX") or linker.doc[clause.left_edge.i].lower_ != "that":
        return None  # (a bare clause is as often the writer's reading: "shows he has reduced his holdings")
    auxiliaries = [c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if (clause.tag_ not in FINITE_TAGS and not auxiliaries) or "to" in auxiliaries:
        # A finite clause only: "showed Mr. Trump leading Mr. Cruz" is a figure read off the poll, "found
        # himself embroiled in controversy" a state, "could not find anyone to play the role" an infinitive
        # the parse made a clause.
        return None
    content = linker.doc[clause.left_edge.i:_last_complement(linker, [clause]).right_edge.i + 1]
    return _reported_clause(linker, token, content, {**rule_config(linker.config["rules"], "complement"), **cfg})


# Words opening a question clause: "asked whether ...", "asked why ...", "asked if ...".
QUESTION_OPENERS = frozenset({"whether", "if", "why", "how", "what", "who", "whom", "whose", "which", "when",
                              "where"})


@register("question_put", "indirect", order=15, enabled=False, confidence=0.5, mixed_confidence=0.6,
          triggers=("cue", "strong_cue"), verbs=("ask",))
def question_put(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """The question put to someone by a passive verb of asking whose asker the sentence does not name
    ("When asked whether the council would raise rates, the mayor said ...", "Asked how the scheme would
    be funded, Mr Hale ...", "The minister was asked why ..."): the question clause, from its "whether",
    "if" or question word, one quotation with no speaker mention (the one asked is the hearer,
    ``linker.addressed_not_speaking``; a named asker, "asked by host John Dickerson whether ...", is the
    ``complement`` rule's). Only a clause right after the verb, its adverbs or a setting ("Asked on BBC
    Radio 4 who would lead the party"), not after an object ("asked for help if the storm got worse")."""
    if fold_lemma(token) not in cfg["verbs"] or not linker.is_cue(token, cfg["triggers"], strong=True):
        return None
    children = list(token.children)
    if any(c.dep_ in ("nsubj", "agent", "dobj", "dative") for c in children):
        return None  # (an active asker, or a named one: the complement rule's)
    if not (any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or token.dep_ == "advcl"):
        return None  # a passive, or a participle clause ("When asked ...", "Asked ...")
    setting = {t.i for c in children if c.dep_ in ("prep", "advmod") and c.i > token.i for t in c.subtree}
    for clause in (c for c in token.rights if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")):
        opener = linker.doc[clause.left_edge.i]
        if opener.lower_ not in QUESTION_OPENERS or linker.inside_quotation(opener.idx) \
                or not all(i in setting for i in range(token.i + 1, opener.i)):
            continue
        content = linker.doc[opener.i:clause.right_edge.i + 1]
        kind = "mixed" if linker.holds_quotation(content) else "indirect"
        base = cfg["mixed_confidence"] if kind == "mixed" else cfg["confidence"]
        return Clause(content, Link(token, None, base), kind)
    return None


# Subjects that may stand for a document, which reads what it says ("it read that ...").
DOCUMENT_PRONOUNS = frozenset({"it", "this", "that", "which"})


def takes_in_words(verb: Token) -> bool:
    """Whether ``verb`` is a reader or hearer taking in a "that"-clause ("He'd read that there were fires",
    "They had heard that the plant would close"; lexicon.PERCEIVING_WORDS_VERBS): the clause is someone
    else's words, and the subject, who only met them, is no source. Not a document's "read" ("The letter
    read that ...", a thing or "it" as subject), nor a "read" without a clause ("read a statement")."""
    if fold_lemma(verb) not in PERCEIVING_WORDS_VERBS or not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and not any(s.lower_ in DOCUMENT_PRONOUNS or _inanimate(s) for s in subjects)


def _impersonal_report(cue: Token) -> bool:
    """Whether the cue is the writer's own hedge, said by nobody: an infinitive after an adjective with
    no subject of its own ("it is fair to say that ...", "it's safe to say he ..."), or a verb whose
    subject is the generic "one" ("one could say ..."); the subject the parse offers ("it", "one") is no
    speaker."""
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "one" and c.pos_ == "PRON" for c in cue.children):
        return True
    if cue.dep_ != "xcomp" or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in cue.children):
        return False
    copula = cue.head.head if cue.head.pos_ == "ADJ" and cue.head.dep_ == "acomp" else cue.head
    # Not "The mayor was quick to say ...": only the empty "it" of "it is ... to say" marks a hedge.
    return copula.lemma_ == "be" and any(c.dep_ == "acomp" for c in copula.children) \
        and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in copula.children)


# A cue's own right-hand complements: with one of these, a clause before the cue is not what it reports.
RIGHT_COMPLEMENTS = ("ccomp", "dobj", "xcomp", "acomp", "attr", "oprd", "dative")


def _relative_report(linker: Linker, cue: Token) -> Span | None:
    """What a relative clause reports of the noun it describes ("the drawdown of troops, which they say left
    a vacuum for militants", "a decision critics say allowed the group to grow", "common standards, which
    he argued help ease disruptions"): the relative word is the subject of the reported verb, which the parse
    hangs on the cue as an ``xcomp``; the reported predicate is the content, the cue's own subject the
    speaker. Only a finite verb there (not an infinitive: "the plan they hope to pass"), and only a cue
    with a subject of its own."""
    subject = next((c for c in cue.lefts if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_SUBJECTS), None) \
        if cue.dep_ == "relcl" else None
    xcomp = next((c for c in cue.rights if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                  and c.tag_ in ("VBD", "VBZ", "VBP", "VBN")), None) if subject is not None else None
    if xcomp is None and subject is not None and cue.i + 1 < len(cue.doc):
        # (or the verb right after it, hung on the noun beside the cue: "a decision they say allowed ...")
        nxt = cue.doc[cue.i + 1]
        if nxt.head.i == cue.head.i and nxt.dep_ in ("acl", "relcl") and nxt.pos_ == "VERB" \
                and nxt.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
            xcomp = nxt
    if xcomp is None or any(c.dep_ in ("aux", "mark") and c.lower_ == "to" for c in xcomp.lefts):
        return None
    # The speaker is that subject, not the relative word the parse also made one ("which they say").
    linker.shared_speaker.setdefault(cue.i, linker.mention(subject))
    return linker.doc[max(xcomp.left_edge.i, cue.i + 1):xcomp.right_edge.i + 1]


def _reason_after_report(linker: Linker, cue: Token) -> Token | None:
    """The "because" clause that goes on a claim set before its reporting clause ("There is no chance of
    that, officials insist, because policing has changed", "He is leaning toward Kasich, he said, because
    he prizes electability"): the parse hangs it on the cue, but it is the speaker's reason for what they
    claim, not for saying it; the words run on through the reporting clause, as the ``parenthetical``
    rule takes them. Only right after the comma closing the reporting clause, and not into a quotation a
    direct rule took."""
    doc = linker.doc
    for clause in (c for c in cue.rights if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")):
        first = doc[clause.left_edge.i]
        if first.lower_ != "because" or first.dep_ != "mark" or doc[first.i - 1].text != "," \
                or any(not (t.is_punct or t.is_space) and t.dep_ not in ("advmod", "prep", "pobj", "npadvmod")
                       and not linker.inside_quotation(t.idx) for t in doc[cue.i + 1:first.i - 1]):
            continue
        if linker.quote_taken(first.idx, doc[clause.right_edge.i].idx + len(doc[clause.right_edge.i])):
            return None
        return clause
    return None


# Words opening a reason or condition that goes on the claim before it ("... was “futile,” because ...").
CONDITION_MARKS = frozenset({"because", "if", "unless"})


def _condition_after_clause(linker: Linker, cue: Token, end: int) -> Token | None:
    """The "because"/"if" clause right after the reported clause that ends at ``end`` which the parse hung
    on the cue ("wrote that such a request was “futile,” because if there were more records the FBI has
    them", "said she would “fight on” even if she lost"): the claim's own reason or condition, as
    `_reason_after_report` takes one after a claim set before its reporting clause (the parse most often
    cuts the clause at a closing quotation mark). Only with nothing but punctuation between, and not into
    a quotation a direct rule took."""
    doc = linker.doc
    for clause in (c for c in cue.rights if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX") and c.i >= end):
        first = doc[clause.left_edge.i]
        mark = doc[first.i + 1] if first.lower_ == "even" and first.i + 1 < len(doc) else first
        if mark.lower_ not in CONDITION_MARKS or mark.dep_ != "mark" \
                or not all(t.is_punct or t.is_space for t in doc[end:first.i]):
            continue
        if linker.quote_taken(first.idx, doc[clause.right_edge.i].idx + len(doc[clause.right_edge.i])):
            return None
        return clause
    return None


def _complement_clause(linker: Linker, cue: Token) -> Span | None:
    ccomps = [c for c in cue.children if c.dep_ == "ccomp"]
    right = [c for c in ccomps if c.i > cue.i]
    if right:
        end = _last_complement(linker, right).right_edge.i + 1
        condition = _condition_after_clause(linker, cue, end)
        return linker.doc[right[0].left_edge.i:end if condition is None else condition.right_edge.i + 1]
    # "CLAUSE, officials said." reports the clause before; "In a statement released after ..., Cruz
    # offered his assessment" does not: the cue has a complement of its own (not a quoted title no rule
    # took: "..., he said in his book, ''An American Son.''", nor the one told: "CLAUSE, a spokesman told
    # The Wall Street Journal.").
    # Two clauses the parse hung on the cue before it, joined by a comma or conjunction ("The bridge will
    # close, but the ferry will run, the mayor said"), are both what it reports (`_last_complement`).
    if ccomps and not any(c.dep_ in RIGHT_COMPLEMENTS and not linker.inside_quotation(c.idx)
                          and not _one_told(cue, c) for c in cue.rights):
        end = _through_list_before_speaker(cue, _last_complement(linker, ccomps).right_edge.i + 1)
        reason = _reason_after_report(linker, cue)
        return linker.doc[ccomps[0].left_edge.i:end if reason is None else reason.right_edge.i + 1]
    relative = _relative_report(linker, cue)
    if relative is not None:
        return relative
    question = _question_asked(cue)
    if question is not None:
        return linker.doc[question.left_edge.i:question.right_edge.i + 1]
    misattached = _clause_hung_on_adjunct(cue)
    if misattached is not None:
        return linker.doc[misattached.left_edge.i:misattached.right_edge.i + 1]
    charge = _accusation(linker, cue)
    if charge is not None:
        return charge
    if cue.lemma_ in DIRECTIVE_VERBS:
        xcomp = [c for c in cue.rights if c.dep_ == "xcomp"]
        obj = [c for c in cue.rights if c.dep_ == "dobj"]
        if xcomp:
            first = obj[0].left_edge.i if obj else xcomp[0].left_edge.i
            return linker.doc[first:xcomp[0].right_edge.i + 1]
    return None


def _through_list_before_speaker(cue: Token, end: int) -> int:
    """The end of a reported clause before its cue (``end``, where the parse ends it) through the last name
    of a list that closes it when the parse made that name a subject of the cue ("His vote went from Lopez
    to, now, Cruz, Wilkin said": "now, Cruz" hung on "said", Cruz as its subject or a noun adverbial,
    the speaker Wilkin alone, as `name_next_to_cue` finds him): the words up to the comma before the
    speaker."""
    for subject in (c for c in cue.lefts if c.dep_ in ("nsubj", "npadvmod") and c.i >= end):
        named = name_next_to_cue(cue, subject)
        if named is not None:
            return max(end, named.left_edge.i - 1)
    return end


def _accusation(linker: Linker, cue: Token) -> Span | None:
    """What a verb of accusing reports: the one accused and the charge, "accused the council of hiding the
    cost" (the "of" phrase, which the parse hangs on the verb or on its object). Not a passive ("was
    accused of spying": the one accused is the subject, the accuser unnamed), and not an object holding
    quoted words (the ``quoted_object`` rule's)."""
    if fold_lemma(cue) not in ACCUSING_VERBS or is_passive(cue):
        return None
    obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    charge = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i > obj.i), None) \
        or next((c for c in obj.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if charge is None or not any(c.dep_ in ("pobj", "pcomp") for c in charge.children):
        return None
    end = charge.right_edge.i + 1
    # A clause opened by "while" or "whereas" after the charge is the writer's narration set beside it
    # ("accused each other of playing politics while doctors warned of an outbreak").
    aside = [t for t in charge.subtree if t.dep_ == "mark" and t.lower_ in ("while", "whereas") and t.i > charge.i]
    if aside:
        end = min(end, aside[0].head.left_edge.i)
    content = linker.doc[obj.left_edge.i:end]
    return None if linker.holds_quotation(content) else content


def _question_asked(cue: Token) -> Token | None:
    """The question a verb of asking puts, which the parse took for a condition ("asked workers if they
    planned to attend the caucuses": an adverbial clause opened by "if" or "whether")."""
    if fold_lemma(cue) not in QUESTION_VERBS:
        return None
    # Right after the cue or the one asked: "asked for help if the storm got worse" sets a condition.
    ends = {cue.i} | {c.right_edge.i for c in cue.rights if c.dep_ in ("dobj", "dative")}
    return next((c for c in cue.rights if c.dep_ == "advcl" and c.left_edge.lower_ in ("if", "whether")
                 and c.left_edge.dep_ == "mark" and c.left_edge.head.i == c.i and c.left_edge.i - 1 in ends), None)


# The messages and occasions a cue's adjunct names, where it says what it says ("said in a statement",
# "told her in a debate"): the nouns a "that"-clause the parse hung on them can follow.
MESSAGE_ADJUNCT_NOUNS = STATEMENT_NOUNS | frozenset("""interview speech debate briefing conference hearing
    testimony address letter post email memo editorial article op-ed column piece report""".split())


def _clause_hung_on_adjunct(cue: Token) -> Token | None:
    """A "that"-clause the parse hung as a relative clause on the message or occasion the cue's adjunct
    names ("said in one of a series of Twitter messages that the truck was carrying arms"): its "that"
    is a complementizer (``mark``), not a relative pronoun, so the clause is what the cue reports. Not
    after another noun ("told supporters on the eve of the caucus that ...": the parse is as often wrong
    about where that clause ends)."""
    for prep in (c for c in cue.rights if c.dep_ == "prep"):
        for token in prep.subtree:
            if token.dep_ == "relcl" and token.left_edge.lower_ == "that" and token.left_edge.dep_ == "mark" \
                    and any(fold_lemma(t) in MESSAGE_ADJUNCT_NOUNS for t in cue.doc[prep.i:token.left_edge.i]):
                return token  # (a series of Twitter messages: the message noun anywhere in the adjunct)
    return None


# Words opening the writer's contrast after a reported clause (", however this time around that number has
# dropped"), not more of what was said.
CONTRAST_OPENERS = frozenset({"however", "though", "although", "while", "whereas"})


def _last_complement(linker: Linker, right: list[Token]) -> Token:
    """The last of a cue's clausal complements after it that the first one runs on into, with nothing
    but punctuation or a conjunction between them ("said that she had seen several emails ..., and that
    talk of dissent ... masked the divisions", "said it falls flat for one reason: The pride ..."): the
    parse often hangs a second reported clause on the cue itself, not on the first, yet both are what
    the cue reports (PolNeAR train, two quarters: of verbs with two such complements, the first alone
    matched a gold quotation 30 times, through the last 57). Not into a quotation a direct rule took
    (the clause would be dropped whole for the overlap)."""
    doc, last = linker.doc, right[0]
    for nxt in right[1:]:
        between = doc[last.right_edge.i + 1:nxt.left_edge.i]
        if not all((t.is_punct and t.text not in DASHES | {"-"}) or t.is_space or t.dep_ == "cc" for t in between):
            break  # (a dash sets off the writer's aside: "... — a controversial proposal he has raised")
        if nxt.pos_ not in ("VERB", "AUX") or doc[nxt.left_edge.i].lower_ in CONTRAST_OPENERS \
                or linker.is_cue(nxt, ("cue", "strong_cue")):
            break  # an appositive the parse made a clause, the writer's contrast, another report ("... and
            # one in four said the party was hostile": its subject is often lost to the clause before)
        start, end = doc[nxt.left_edge.i].idx, doc[nxt.right_edge.i].idx + len(doc[nxt.right_edge.i])
        if linker.quote_taken(start, end):
            break
        last = nxt
    return last


def _through_split_conjuncts(linker: Linker, cue: Token, content: Span, with_subject: bool) -> Span:
    """The reported clause ``content`` through the conjuncts of it that the parse hung on the cue verb
    instead, right after it (only punctuation or a conjunction between): a verb without a subject whose
    time cannot be the cue's ("Nance said she would like him to explain his stance but supports his
    candidacy": "supports" is hers in the clause, not the saying's), any verb when the clause ends in the
    conjunction itself ("Comey announced that Clinton was “extremely careless” with classified material
    and in the normal course ... would face some punishment": a clause never ends in "and"), a second
    clause opened by "that" ("said that A, and that B"), and, with ``with_subject``, a clause with a
    subject of its own (off by default: on train quarters 0/1, "said A, and B" was the writer's B 9 times
    in 11). Not a cue verb (another report; but for one in the present under a past cue, "said she would
    like him to explain it but supports his candidacy": `clause_bounds.present_under_past`), nor into a
    quotation a direct rule took."""
    doc, end = linker.doc, content.end
    for conjunct in (c for c in cue.rights if c.dep_ == "conj" and c.i >= end):
        between = doc[end:conjunct.left_edge.i]
        if conjunct.pos_ not in ("VERB", "AUX") or (linker.is_cue(conjunct, ("cue", "strong_cue"))
                                                    and not present_under_past(cue, conjunct)) or not all(
                (t.is_punct and t.text not in DASHES | {"-"}) or t.is_space or t.dep_ == "cc" for t in between):
            break
        opened_by_that = doc[conjunct.left_edge.i].lower_ == "that" and doc[conjunct.left_edge.i].dep_ == "mark"
        dangling = doc[last_word(doc, content.start, end)].dep_ == "cc"
        if has_subject(conjunct):
            if not (with_subject or opened_by_that or dangling) or any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE_SUBJECTS for c in conjunct.children):
                break
        elif not (opened_by_that or dangling or disagree(conjunct, cue) or _opened_by_quotation(linker, conjunct)):
            break
        start_char = doc[conjunct.left_edge.i].idx
        end_char = doc[conjunct.right_edge.i].idx + len(doc[conjunct.right_edge.i])
        if linker.quote_taken(start_char, end_char):
            break
        end = cut_end(doc, content.start, conjunct.right_edge.i + 1)
    return doc[content.start:end]


def _opened_by_quotation(linker: Linker, conjunct: Token) -> bool:
    """Whether a conjunct opens with a quotation mark ("said her family “came out of it broke,” and
    “struggled to pay the bills”"): the speaker's words go on, so the predicate is theirs in the reported
    clause, not the writer's next one about the speaker."""
    return linker.opens_quotation(conjunct.doc[conjunct.left_edge.i])


def _through_colon_elaboration(linker: Linker, cue: Token, content: Span) -> Span:
    """The reported clause ``content`` through the clause after the colon closing it, which spells out
    what the clause announces ("many Latinos have said it falls flat for one reason: The pride Mr. Cruz
    feels for his father is not one he extends ...", "argued that his client was not to be taken
    seriously: His words were ..."), when the parse made that clause the head the cue hangs on (the
    colon then belongs to it, not to the clause reported): the elaboration is the speaker's too. Not a
    cue verb there (its own report), nor into a quotation a direct rule took."""
    doc = linker.doc
    colon = content.end
    head = cue.head
    if colon >= len(doc) or doc[colon].text != ":" or doc[colon].head.i != head.i or not colon < head.i \
            or cue.dep_ not in ("ccomp", "parataxis") or linker.is_cue(head, ("cue", "strong_cue")):
        return content
    end = cut_end(doc, content.start, head.right_edge.i + 1)
    # (the parse may hang a quotation's closing mark elsewhere: one opening right after the elaboration
    # would still be drawn into the clause)
    stop = doc[end].idx + len(doc[end]) if end < len(doc) else doc[end - 1].idx + len(doc[end - 1])
    if linker.quote_taken(doc[colon].idx, stop + 1):  # a quotation opening at ``stop`` counts too
        return content
    return doc[content.start:end]


def _without_next_report(linker: Linker, content: Span, speaker: Span | None, cue: Token | None = None) -> Span:
    """A reported clause ends where the same speaker's next report begins: the parse often hangs a
    participle or a coordinated cue verb inside the clause ("argued that a database would help, saying
    it's ...", "announced that he was in therapy and vowed to ..."), but those words are the speaker's
    next act, not the content of the first. The later cue keeps the speaker (``Linker.shared_speaker``).
    Not a verb in the present under the past ``cue`` ("said he is proud of his campaign and expects to
    win": the speaker's words, `clause_bounds.present_under_past`)."""
    doc = linker.doc
    for token in content[1:]:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to" \
                and doc[token.i - 1].text in {",", "—", "–", "--", "("}:
            return _cut_before(doc, content, token.i - 1)  # "..., according to exit polls": its own source
        before = linker.next_report(token, content.start)
        if before is None or (cue is not None and present_under_past(cue, token)):
            continue
        if speaker is not None:
            linker.shared_speaker[token.i] = speaker
        return _cut_before(doc, content, before.i)
    return content


# Words opening an adverbial clause that holds someone else's report ("..., while other voters said ...",
# "even though many observers doubt ..."). Not "when": "was right when he said ..." is one report.
NESTED_REPORT_OPENERS = frozenset({"while", "although", "though", "whereas", "even"})


def _without_nested_report(linker: Linker, content: Span) -> Span:
    """A reported clause ends before a report of its own that closes it, set off by a comma, dash or a
    conjunction ("voters said the former president had made a good case, while other voters said they
    had not heard anything ..."): a cue verb with its own subject and reported clause is another
    attribution, and its words are its own speaker's (every token has one role in PolNeAR's scheme)."""
    doc = linker.doc
    last = last_word(doc, content.start, content.end)
    for token in content[2:]:
        if token.pos_ != "VERB" or token.right_edge.i < last or not linker.is_cue(token, ("cue", "strong_cue"),
                                                                                  strong=True):
            continue
        children = list(token.children)
        if not any(c.dep_ == "ccomp" and c.i > token.i for c in children) or not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_SUBJECTS for c in children):
            continue
        first = token.left_edge.i
        before = doc[first - 1] if first > content.start else None
        if before is None or not (before.text in {",", ";"} | DASHES or before.dep_ == "cc"
                                  or doc[first].lower_ in NESTED_REPORT_OPENERS):
            continue
        while first > content.start + 1 and (doc[first - 1].dep_ == "cc" or doc[first - 1].is_punct):
            first -= 1  # "..., and other voters said ...": the conjunction goes with the cut
        return _cut_before(doc, content, first)
    return content


def _cut_before(doc: Doc, content: Span, end: int) -> Span:
    """``content`` up to token ``end`` (excluded), without the punctuation left before it (a closing
    mark stays: it pairs an opening one)."""
    return doc[content.start:cut_end(doc, content.start, end)]


# Verbs that name or describe something in the speaker's words: "called the suspension “arbitrary”".
NAMING_VERBS = frozenset({"call", "describe", "label", "brand", "dub", "term", "deem", "refer", "characterize", "cite",
                          "portray"})
NAMING_DEPS = ("dobj", "oprd", "attr", "xcomp", "ccomp")
# A relative pronoun that heads its own clause's quoted words ("what he called “...”", ", whom he
# described as “...”"); after "that" or none, the clause describes the noun before it ("a clip that the
# judge called “distasteful”", "videos he calls “...”").
RELATIVE_HEADS = frozenset({"what", "whom", "who", "which"})


@register("naming", "indirect", order=25, confidence=0.6, mixed_confidence=0.7, triggers=("cue", "strong_cue"),
          max_title_words=8, after_own_cue=True)
def naming(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """"Sanders called the suspension “arbitrary.”", "described the plan during an interview as “a
    disaster”", "called for a “cultural war”", "referred to him as “...”": the object and what it is
    called, when the words it is called are quoted (the speaker's words inside a small clause, a mixed
    quotation); never without quotation marks, where "called" is a phone call or a name. In a relative
    clause the thing named is the relative pronoun or the noun the clause describes ("what Mr. Hedge
    called ''the prior economy model''", "a clip that the judge called “distasteful”"); with ``after_own_cue``,
    after a relative word fronted before the speaker and cue, from the word after the cue (`_after_own_cue`)."""
    if token.lemma_.lower() not in NAMING_VERBS or not linker.is_cue(token, cfg["triggers"]) \
            or any(c.dep_ == "nsubjpass" for c in token.children):
        return None  # "was called by the party": a passive names the caller, not the words
    parts = [c for c in token.rights if c.dep_ in NAMING_DEPS or c.dep_ == "prep"]
    # Up to the last part holding quoted words ("described the plan during an interview as “...”").
    holding = [c for c in parts if linker.holds_quoted_words(c)]
    named = active_naming_participle(linker, token) if not holding else None
    if named is not None:
        content = linker.doc[named[0].left_edge.i:named[1].end]
    elif not holding:
        return None
    else:
        content = linker.doc[_named_start(token, parts[0]):holding[-1].right_edge.i + 1]
    # Not quoted words another speaker reports inside the object ("called on Obama to retaliate for the
    # meddling -- meddling the congressman said is designed to “sow discord”"), as for quoted_object.
    quoted = [q for q in _quoted_words(linker, content, cfg["max_title_words"]) if _reported_by(linker, q, token)
              and not _described_referent(linker, q, token)]
    if not quoted:
        return None
    content = linker.without_aside(content, quoted[-1])
    return _clause(linker, _after_own_cue(content, token) if cfg["after_own_cue"] else content, token,
                   linker.speaker_of(token), cfg)


def active_naming_participle(linker: Linker, cue: Token) -> tuple[Token, Span] | None:
    """The object and the quoted name after it when the parse took a finite verb of naming for a past
    participle on the noun before it ("Beruff, a Scott ally, called Florida's standards “strong.”",
    "Sanders' campaign called AP's report a “rush to judgment,”": ``acl``, tagged VBN, the quoted words hung
    on the noun, the sentence's root or inside the object): an object of its own outside quotation marks
    right after it, then, within a few words without a verb, the quoted words. A participle proper names
    with one part, the quoted name itself ("a class called “Perception”", "a group called Occupy DNC"),
    and a passive one names its namer ("a tax called “regressive” by critics"). The tokens of the quoted
    words, marks included."""
    if cue.dep_ != "acl" or cue.tag_ != "VBN" or fold_lemma(cue) not in NAMING_VERBS \
            or any(c.dep_ in ("agent", "auxpass") for c in cue.children):
        return None
    objects = [c for c in cue.rights if c.dep_ in ("oprd", "dobj")]
    doc = linker.doc
    if len(objects) != 1 or objects[0].left_edge.i != cue.i + 1 or linker.inside_quotation(objects[0].idx):
        return None
    for token in doc[objects[0].i + 1:min(cue.sent.end, objects[0].i + MAX_NAMED_OBJECT_TOKENS)]:
        if token.pos_ in ("VERB", "AUX") or token.text in {",", ";", ":"} or token.is_space:
            return None
        if linker.opens_quotation(token):
            quoted = linker.quotation_opened_by(token)
            if quoted.close_mark is None:
                return None
            tokens = doc.char_span(token.idx, quoted.end + len(quoted.close_mark), alignment_mode="expand")
            return (objects[0], tokens) if tokens is not None else None
    return None


def _described_referent(linker: Linker, quoted: QuotedSpan, cue: Token) -> bool:
    """"One Home Depot refers to investments intended to create a “seamless ... experience”": "refer to"
    without "as" points at a thing, and quoted words inside a clause of their own on that thing (a verb
    between them and the cue) are the writer's description of it, not what anyone was named or called;
    "referred to him as “a reformer”" names, and "was referring to the “same kind of attitude”" or "referring
    to more appearances in ''formal settings''" quote the speaker's own words for the thing."""
    if fold_lemma(cue) != "refer" or any(c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):
        return False
    heads = _heads_between(linker, quoted, cue)
    return heads is not None and any(head.pos_ in ("VERB", "AUX") for head in heads)


def _heads_between(linker: Linker, quoted: QuotedSpan, cue: Token) -> list[Token] | None:
    """The heads from the quoted words' root up to ``cue`` (or the sentence's root), neither the words' own
    root nor the cue; None when the words are no tokens."""
    tokens = linker.doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
    if tokens is None:
        return None
    heads = []
    head = tokens.root
    while head.i != cue.i and head.head.i != head.i:
        head = head.head
        if head.i != cue.i:
            heads.append(head)
    return heads


# How far after the object's head a naming participle's quoted name may open ("called Trump's statements and
# actions on Sunday “childish”").
MAX_NAMED_OBJECT_TOKENS = 8


def _named_start(cue: Token, first_part: Token) -> int:
    """Where the thing named begins: the object after the cue (its preposition, "called for" or "referred
    to", is the cue's), or for an object moved into a relative clause its pronoun or noun."""
    if not any(c.dep_ == "dobj" for c in cue.rights):
        moved = [c for c in cue.lefts if c.dep_ == "dobj"]
        if moved and moved[0].lower_ in RELATIVE_HEADS:
            return moved[0].i
        has_subject = any(c.dep_ == "nsubj" for c in cue.lefts)  # (not "Ryan, ..., called": a misparse)
        if cue.dep_ == "relcl" and cue.head.pos_ in ("NOUN", "PROPN") and has_subject \
                and (moved or first_part.dep_ != "dobj"):
            return cue.head.left_edge.i
    return first_part.left_edge.i + (1 if first_part.dep_ == "prep" and first_part.left_edge.i == first_part.i else 0)


def _quoted_words(linker: Linker, content: Span, max_title_words: int) -> list[QuotedSpan]:
    """The quotations inside ``content`` when they are words said; none when any is title-shaped (a name
    given: "called a referendum — “No to Free Lawyers” —")."""
    quoted = linker.quotations_in(content)
    # (A title ending the sentence may take its period inside the marks: their common slogan, ''Stronger
    # Together.'')
    if any(title_shaped(_without_final_stop(linker.doc.char_span(q.start, q.end, alignment_mode="expand")),
                        max_title_words) for q in quoted):
        return []
    return quoted


OBJECT_DEPS_OF_SPEECH = ("dobj", "dative", "xcomp", "oprd", "prep")


@register("quoted_object", "indirect", order=27, confidence=0.6, mixed_confidence=0.7,
          triggers=("cue", "strong_cue"), max_title_words=8, min_quoted_share=0.1,
          no_words_object=("share", "add", "push", "back", "support", "promote"),
          experiencer_verbs=tuple(sorted(EXPERIENCER_VERBS)))
def quoted_object(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """"Cruz pledged to oppose legal status “today, tomorrow, forever.”", "blasted the group for
    promoting “lesbianism and abortion”", "warned against the “fevered dreams” of ...": a cue verb whose
    object holds the speaker's quoted words reports them with the object, one mixed quotation (never
    without quotation marks). A preposition opening the object is the cue's ("warned against")."""
    if not linker.is_cue(token, cfg["triggers"], strong=True) or any(c.dep_ == "nsubjpass" for c in token.children):
        return None
    if token.lemma_.lower() in cfg["no_words_object"]:
        # Verbs that report only through a clause ("added that ..."): their noun object is a thing shared,
        # pushed or backed, not words ("pushed the “gun violence” narrative", "shares with Trump a strategy
        # of presenting herself as “anti-system”"; PolNeAR train, a quarter: 0 of 6 matched).
        return None
    if token.lemma_.lower() in cfg["experiencer_verbs"]:
        # A thing liked or seen, not words: quotation marks in it are scare quotes (lexicon.EXPERIENCER_VERBS).
        return None
    # Not an object wholly inside quotation marks (the words said: "said “no”"); "promises to “end” the
    # Common Core" has words of its own.
    parts = [c for c in token.rights if c.dep_ in OBJECT_DEPS_OF_SPEECH and linker.holds_own_words(c)]
    # Up to the last part holding quoted words (not "… “abortion” on his radio show").
    holding = [c for c in parts if linker.holds_quoted_words(c)]
    if not holding:
        return None
    # A prepositional phrase before the object is an adjunct ("promised Sunday at a rally to end “...”").
    opening = next(c for c in parts if c.dep_ != "prep" or c in holding)
    first = opening.left_edge.i + (1 if opening.dep_ == "prep" and opening.left_edge.i == opening.i else 0)
    content = _without_addressee(linker, token, linker.doc[first:holding[-1].right_edge.i + 1])
    quoted = [q for q in _quoted_words(linker, content, cfg["max_title_words"]) if _reported_by(linker, q, token)]
    if not quoted:
        return None
    content = linker.through_quoted_phrase(linker.without_aside(content, quoted[-1]), quoted[-1])
    # Mostly the speaker's own words: a long object around a quoted word is the writer's framing.
    if sum(q.end - q.start for q in quoted) < cfg["min_quoted_share"] * len(content.text):
        return None
    return _clause(linker, content, token, linker.speaker_of(token), cfg)


# Verbs whose first object is the one addressed and whose "that" clause is what they were told.
TOLD_VERBS = ADDRESSEE_VERBS | frozenset({"assure", "remind", "warn", "notify", "promise", "convince"})


def _without_addressee(linker: Linker, cue: Token, content: Span) -> Span:
    """``content`` from its "that" when the cue tells someone something ("telling customers at a breakfast
    spot that “I need you tomorrow.”", "told reporters on Friday that he thinks it is “a great thing.”"):
    the one told is not part of what was said (the parse often hangs the clause on the addressee's noun)."""
    if cue.lemma_.lower() not in TOLD_VERBS:
        return content
    opened = min((q.start - len(q.open_mark) for q in linker.quotations_in(content)), default=content.end_char)
    that = next((t for t in content[1:] if t.lower_ == "that" and t.idx < opened), None)
    return linker.doc[that.i:content.end] if that is not None else content


def _reported_by(linker: Linker, quoted: QuotedSpan, cue: Token) -> bool:
    """The quoted words hang on ``cue`` through no other verb of saying or naming with a subject of its
    own: not "a letter ... that says he has “extraordinarily good health”" (the letter's words), nor
    "what he called Machado's “sex tape”"."""
    heads = _heads_between(linker, quoted, cue)
    # (not a participle without a speaker of its own: "a class called “Perception”")
    return heads is not None and not any(
        (linker.is_speech(head) or head.lemma_.lower() in NAMING_VERBS) and any(c.dep_ == "nsubj" for c in head.children)
        for head in heads)


# Verbs of committing oneself ("pledged to stay in the race", "threatened to impose a tax"): the infinitive
# is what the speaker committed to, a reported speech act. Not "refuse", "agree" or "decline": they report
# an act as often as words ("Allergan agreed to be acquired", "Cadillac declined to renew its
# sponsorship", "declined to comment" reports that nothing was said), and a researcher would find an act
# filed as the company's quotation; nor intention or effort verbs (seek, plan, try, hope: no one is
# reported saying anything).
COMMITMENT_VERBS = ("promise", "pledge", "vow", "threaten")


@register("commitment", "indirect", order=29, confidence=0.6, mixed_confidence=0.7,
          triggers=("cue", "strong_cue"), verbs=COMMITMENT_VERBS, thing_verbs=("promise", "threaten"),
          trim_relative=True, trim_adjunct=True)
def commitment(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """"Cruz vowed to block Mr. Obama's Supreme Court nominee", "Trump threatened to impose a 35
    percent tax on imported Ford vehicles": the infinitive a verb of promising or threatening
    takes is what the speaker committed to (one indirect quotation, from "to"). Not for a passive, nor
    an infinitive after an object ("promised voters to ...": the addressee is not the content), nor
    for ``thing_verbs`` a subject that is a thing ("the row threatens to overshadow the summit": a
    prospect the writer sees, nobody's words)."""
    if token.lemma_.lower() not in cfg["verbs"] or not linker.is_cue(token, cfg["triggers"], strong=True):
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass", "dobj", "ccomp") for c in token.children):
        return None
    xcomp = next((c for c in token.rights if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                  and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.lefts)), None)
    # Not an infinitive whose object was moved before the cue ("which Beijing has vowed to ignore",
    # "what Mr. Trump has threatened to do"): the words before the cue are the writer's.
    if xcomp is None or xcomp.left_edge.i <= token.i:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if fold_lemma(token) in cfg["thing_verbs"] and subject is not None and _inanimate(subject):
        return None  # "The row threatens to overshadow the summit", "Quantum computers promise to ..."
    return _object_clause(linker, token, xcomp, cfg, trim_adjunct=cfg["trim_adjunct"])


# Plural and group nouns of people that name no role: "critics vowed to ...", "allies threatened to ...".
PEOPLE_NOUNS = frozenset("""people person critic ally rebel militant fan family couple pair side opposition
    regime crowd mob public majority minority everyone someone anyone nobody staff crew gang""".split())


def _inanimate(subject: Token) -> bool:
    """A subject that is a thing, not anyone who could promise or threaten: a common noun outside any
    named entity, holding no name, that names no person nor organisation ("the dispute", "the storm",
    "new rules"); a name, a pronoun or "critics" is taken as a speaker."""
    if subject.pos_ != "NOUN" or subject.ent_type_ or any(t.pos_ == "PROPN" for t in subject.subtree):
        return False
    word = (subject.lemma_ or subject.text).lower()
    return _a_thing(subject) and word not in PEOPLE_NOUNS


@register("belief", "indirect", order=28, confidence=0.6, mixed_confidence=0.7, triggers=("belief",),
          verbs=tuple(sorted(BELIEF_VERBS)))
def belief(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """What a source believes, expects or fears: the finite clause of a verb of belief with a subject of
    its own ("Democrats believe the drumbeat of public pressure will become too great", "Officials fear
    that the closures could kindle protests"), bounded as the ``complement`` rule bounds its clauses. Not a passive ("is expected to win": nobody holds it), an infinitive
    ("expects to win", "expected him to resign": an intention or a forecast of an act), a question
    clause ("thinks about how ..."), nor a belief asked about or measured ("whether she thought ...",
    "how deeply Washington believes ...")."""
    if fold_lemma(token) not in cfg["verbs"] or token.pos_ != "VERB" or not linker.triggered(token, cfg["triggers"]):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    # An object pronoun the parse made the subject is the one a causative makes think ("makes them think
    # all women welcome their advances"): the writer's claim about them, not theirs.
    if subject is None or subject.lower_ in PERSONAL_OBJECTS - {"her", "you"} \
            or is_passive(token):
        return None
    # A belief in a clause describing a noun or giving a reason or time ("voters who think the economy
    # favors the wealthy", "because he believed the worst was over") is the writer's account of its
    # holders, not a stance they stated (train quarters 0/1: 8 such right, 6 wrong; 44 and 6 in a main clause).
    if token.dep_ in ("relcl", "advcl", "acl"):
        return None
    # Outside quotation marks "I think", "we believe", "you'd think" are the writer's own opinion or an
    # appeal to the reader, not a source's stance the writer reports.
    if subject.lower_ in ("i", "we", "you"):
        return None
    # What a share of respondents believes ("70 percent believe their children will be better off") is
    # a survey's figure, which the writer or the pollster reports, not a claim its holders made.
    if subject.like_num or subject.ent_type_ in ("PERCENT", "CARDINAL") \
            or any(c.dep_ == "nummod" or c.ent_type_ == "PERCENT" for c in subject.children):
        return None
    # A belief asked about or measured is nobody's claim ("a question about whether she thought Mr. Obama
    # had underestimated the Islamic State", "how deeply Washington believes Beijing has penetrated ...").
    if any((c.dep_ == "mark" and c.lower_ in ("whether", "if"))
           or (c.dep_ == "advmod" and any(t.tag_ == "WRB" for t in c.subtree)) for c in token.children):
        return None
    # Only the clause after the verb: one the parse hung before it is as often the writer's sentence
    # the belief qualifies ("The question now is not whether he slides out of the race, they believe").
    clause = next((c for c in token.rights if c.dep_ == "ccomp"), None)
    if clause is None or not _finite_statement(clause):
        return None
    content = linker.doc[clause.left_edge.i:_last_complement(linker, [c for c in token.rights if c.dep_ == "ccomp"])
                         .right_edge.i + 1]
    return _reported_clause(linker, token, content, {**rule_config(linker.config["rules"], "complement"), **cfg})


def _finite_statement(clause: Token) -> bool:
    """Whether a clause root heads a finite declarative clause ("the plan will fail", "that it was
    wrong"): not an infinitive, a participle the parse made a clause, nor a question ("how it works")."""
    if clause.pos_ not in ("VERB", "AUX") or clause.doc[clause.left_edge.i].tag_ in ("WDT", "WP", "WRB"):
        return False
    auxiliaries = [c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return "to" not in auxiliaries and (clause.tag_ in FINITE_TAGS or bool(auxiliaries))


def _object_clause(linker: Linker, cue: Token, part: Token, cfg: dict[str, Any],
                   trim_adjunct: bool = False) -> Clause | None:
    """The clause of ``part`` (a cue's object or infinitive) with the bounds the ``complement`` rule
    gives a reported clause: not the speaker's next report, nor a non-restrictive relative clause closing
    it; with ``trim_adjunct``, not a time or finite verb the parse hung on ``part`` after its complement."""
    doc = linker.doc
    speaker = linker.shared_speaker.get(cue.i) or linker.speaker_of(cue)
    content = _within_report_bounds(linker, cue, doc[part.left_edge.i:part.right_edge.i + 1], speaker, cfg)
    if trim_adjunct:
        content = doc[content.start:without_closing_adjunct(doc, part, content.start, content.end)]
    return _clause(linker, content, cue, speaker, cfg)


@register("parenthetical", "indirect", order=30, confidence=0.6, mixed_confidence=0.7,
          triggers=("cue", "strong_cue"), max_clause_tokens=5, cue_deps=("parataxis",),
          root_claim_deps=("conj", "ccomp"))
def parenthetical(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """"But to prevent problems, he said, officials should be vigilant.": the sentence around a reporting
    clause set off by commas (the clause included, as annotators mark it). The parse marks such an
    inserted clause as a ``parataxis`` of the sentence's verb (``cue_deps``); a cue verb between commas in
    any other role belongs to the sentence's own content: "Sanders, who hadn't endorsed, decided ..."
    (relative clause), "On Tuesday, Mr. Ackman wrote to investors, telling them ..." (the main verb), "to
    stop worrying about unemployment, because ..." (PolNeAR train, a quarter of the articles: 5 of the
    rule's 9 false positives, 1 of its 35 matches). The parse may also make the inserted clause the
    sentence's root and the verb after it its conjunct ("This sort of spending, NASA claimed, breaks the
    rules": `_claim_after_root_cue`); the reported words are then the sentence through that verb's phrase."""
    if linker.is_according_to(token) or not linker.is_cue(token, cfg["triggers"], strong=True) \
            or (token.dep_ not in cfg["cue_deps"] and token.dep_ != "ROOT"):
        return None
    speaker = linker.speaker_of(token)
    if speaker is None:
        return None
    sent, doc = token.sent, linker.doc
    left = min(speaker.start, token.i)
    after = next((t.i for t in doc[token.i + 1:min(sent.end, token.i + cfg["max_clause_tokens"])]
                  if t.text == ","), None)
    if left - 1 <= sent.start or doc[left - 1].text != "," or after is None or after + 2 >= sent.end:
        return None
    # A reporting clause set off by commas has no object of its own, only adverbials and an inverted
    # speaker ("he said,", "officials said Tuesday,", "she said in a statement,"); "Brown endorsed her,"
    # or "Ike refused to intervene," is the sentence's own main clause.
    if any(c.dep_ in RIGHT_COMPLEMENTS and c.i < after for c in token.rights):
        return None
    end = sent.end
    if token.dep_ == "ROOT":
        claim = _claim_after_root_cue(token, sent.start, left - 1, after, cfg["root_claim_deps"])
        if claim is None:
            return None
        end = claim.right_edge.i + 1
    start = _relative_opening(doc, left - 1, sent.start)
    if start == sent.start:
        start = _after_opening_dash(doc, left - 1, sent.start)
    return _report(linker, token, doc[start:end], speaker, cfg)


def _claim_after_root_cue(cue: Token, sent_start: int, comma: int, after: int, deps: tuple[str, ...]) -> Token | None:
    """The verb whose phrase finishes the reported words when the parse made a reporting clause set off by
    commas the sentence's root ("This sort of spending, NASA claimed, breaks the rules": "breaks" a
    conjunct or complement of "claimed"): a verb of the cue's, right after the second comma, without a
    subject of its own (its subject is the noun phrase before the first comma), and only a noun phrase
    before that comma, no finite verb: "The bridge will close, the mayor said, and ..." is the mayor's
    clause before the cue, the ``complement`` rule's. Only that verb's phrase: a later conjunct the
    parse also hung on the cue ("..., and so the host was fired") is the writer's."""
    doc = cue.doc
    before = doc[sent_start:comma]
    if not any(t.is_alpha for t in before) or any(t.pos_ in ("VERB", "AUX") and t.tag_ in FINITE_TAGS
                                                    for t in before):
        return None
    return next((c for c in cue.rights if c.dep_ in deps and c.pos_ in ("VERB", "AUX")
                 and c.left_edge.i == after + 1 and not has_subject(c)), None)


def _after_opening_dash(doc: Doc, comma: int, sent_start: int) -> int:
    """Where the reported words begin when a dash or semicolon before the reporting clause opens a new
    clause or phrase ("... kept him in jail after hearing the clips - proof, the government argued, of
    his role", "had a rally that night - and the permit, his campaign said, had been hard to get"): the
    interrupted clause is what is reported, not the writer's clause before the dash; a dash closing a
    pair ("Mr. Hale - the mayor - ...") opens nothing. Else the sentence's start."""
    marks = [t.i for t in doc[sent_start:comma] if t.text == ";" or _spaced_dash(doc, t)]
    dashes = [i for i in marks if doc[i].text != ";"]
    if not marks or (doc[marks[-1]].text != ";" and len(dashes) % 2 == 0):
        return sent_start
    start = marks[-1] + 1
    while start < comma and (doc[start].dep_ == "cc" or doc[start].is_space):
        start += 1  # "- and the permit, ...": the conjunction joins the clauses, it is not reported
    return start if start < comma else sent_start


def _spaced_dash(doc: Doc, token: Token) -> bool:
    """A dash set off by spaces, as a clause break is ("night - and"), not the hyphen the tokenizer splits
    off a compound ("long-term", "working-class")."""
    return token.text in DASHES | {"-"} and token.i > 0 and bool(doc[token.i - 1].whitespace_) \
        and bool(token.whitespace_)


def _relative_opening(doc: Doc, comma: int, sent_start: int) -> int:
    """Where the reported words begin when the reporting clause right after a relative pronoun
    interrupts a relative clause ("the stadium, which, Tompkins said, is usually full ...", "her
    employees - all of whom, she explained, needed a boost"): the relative clause is what is reported,
    not the writer's sentence around it; else the sentence's start."""
    i = comma - 1
    if i <= sent_start or doc[i].lower_ not in RELATIVE_PRONOUNS:
        return sent_start
    while i - 2 >= sent_start and doc[i - 1].lower_ == "of" and doc[i - 2].pos_ in ("DET", "PRON", "NUM", "ADJ"):
        i -= 2  # "all of whom", "some of which"
    return i


# Relative pronouns that can open a relative clause a reporting clause interrupts.
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "whose"})


@register("call_on", "indirect", order=34, confidence=0.6, mixed_confidence=0.7, triggers=("call_on",),
          verbs=tuple(sorted(CALL_ON_VERBS)), particles=tuple(sorted(CALL_ON_PARTICLES)))
def call_on(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """What a speaker calls on someone to do: "The union called on the government to scrap the tax",
    "Campaigners are calling on Ms Reeves to drop the cap": the one called on and the infinitive, one
    indirect quotation, as for the other verbs of telling someone to act (``DIRECTIVE_VERBS``); so is
    what a speaker calls for when it is a clause, one to do something and the infinitive ("Critics called
    for the minister to resign", "called for the files to be made public": `_called_for`). "call"
    alone stays a weak cue ("called a vote", "called him a liar": the ``naming`` rule's; "called for a
    ban", a thing called for, no clause); only with "on"/"upon" and its object right after it, and an
    infinitive the parse hung on the verb. Not a passive ("was called on to resign": the one called on is
    the subject)."""
    if fold_lemma(token) not in cfg["verbs"] or not linker.is_cue(token, cfg["triggers"]):
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass", "dobj", "ccomp") for c in token.children):
        return None
    called_for = _called_for(linker, token)
    if called_for is not None:
        return _report(linker, token, called_for, linker.speaker_of(token), cfg)
    particle = next((c for c in token.rights if c.i == token.i + 1 and c.lower_ in cfg["particles"]
                     and c.dep_ in ("prep", "prt")), None)
    called = next((c for c in particle.children if c.dep_ == "pobj"), None) if particle is not None else None
    xcomp = next((c for c in token.rights if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                  and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.lefts)), None)
    if called is None or xcomp is None or xcomp.i < called.i:
        return None
    content = linker.doc[called.left_edge.i:xcomp.right_edge.i + 1]
    if linker.holds_quotation(content):
        return None  # (quoted words in it: the learned grouping's, whose bounds are surer there)
    speaker = linker.speaker_of(token)
    return _report(linker, token, content, speaker, cfg)


def _called_for(linker: Linker, cue: Token) -> Span | None:
    """The clause a speaker calls for ("called for the minister to resign"): "for" right after the cue
    opening an infinitive with a subject of its own that the parse hung on the cue (the "for" left out,
    as "that" would be kept: the one to act and what they are to do). None for a thing called for ("called
    for a vote to settle it": an infinitive on the noun) or quoted words in it (left to the learned
    grouping, as in `call_on`)."""
    doc = linker.doc
    if cue.i + 1 >= len(doc) or doc[cue.i + 1].lower_ != "for" or doc[cue.i + 1].dep_ != "mark":
        return None
    clause = doc[cue.i + 1].head
    if clause.head.i != cue.i or clause.dep_ not in ("advcl", "ccomp", "xcomp") or clause.pos_ not in ("VERB", "AUX") \
            or not any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.lefts) \
            or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.lefts):
        return None
    content = doc[cue.i + 2:clause.right_edge.i + 1]
    return None if linker.holds_quotation(content) else content


@register("made_clear", "indirect", order=36, confidence=0.6, mixed_confidence=0.7, triggers=("made_clear",),
          verbs=tuple(sorted(MAKE_CLEAR_VERBS)), words=tuple(sorted(MAKE_CLEAR_WORDS)))
def made_clear(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """What a speaker made clear or plain: "The mayor made clear that she would not resign", "made it clear
    to reporters on Monday that the budget would not pass": the finite clause after "clear", one indirect
    quotation (mixed when it holds quoted words), bounded as the ``complement`` rule bounds its clauses. "make"
    is no cue alone ("made it to the final", "made clear progress"): only with "clear"/"plain" and a clause
    after it that the parse hung on the verb or on the adjective. Not a passive ("it was made clear that
    ...": no one named), nor a question clause ("made clear how ...")."""
    if fold_lemma(token) not in cfg["verbs"] or token.pos_ not in ("VERB", "AUX") \
            or not linker.triggered(token, cfg["triggers"]):
        return None
    if is_passive(token):
        return None
    clear = next((c for c in token.rights if c.lower_ in cfg["words"] and c.i <= token.i + 2), None)
    if clear is None:
        return None
    clause = next((c for c in [*token.rights, *clear.rights] if c.i > clear.i and c.dep_ in ("ccomp", "advcl")
                   and c.pos_ in ("VERB", "AUX") and _finite_statement(c)), None)
    if clause is None or clause.left_edge.lower_ in ("if", "whether", "when", "because", "as", "while") \
            or clause.left_edge.i <= clear.i:
        return None
    content = linker.doc[clause.left_edge.i:clause.right_edge.i + 1]
    return _reported_clause(linker, token, content, {**rule_config(linker.config["rules"], "complement"), **cfg})


@register("statement_noun", "indirect", order=37, confidence=0.6, mixed_confidence=0.7,
          triggers=("statement_noun",), nouns=tuple(sorted(STATEMENT_CLAUSE_NOUNS)), trim_relative=True,
          trim_summary=True)
def statement_noun(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """The content of a statement a noun names: "the senator's assertion that the tax cuts would pay for
    themselves", "her warning that prices would rise": the "that"-clause right after the noun (a finite
    clause whose "that" is a complementizer, not a relative pronoun: "the claim that he made" is a relative
    clause), one indirect quotation whose speaker is the noun's possessor. None without a possessor ("the
    claim that ..." names no one), for the writer's or reader's own ("my", "our", "your"), nor when the parse
    ran the clause into the verb the noun is the subject of ("Her warning that prices would rise alarmed
    investors", misparsed: the clause would take the writer's predicate)."""
    if fold_lemma(token) not in cfg["nouns"] or token.pos_ != "NOUN" or token.dep_ == "ROOT" \
            or not linker.triggered(token, cfg["triggers"]):
        return None
    clause = next((c for c in token.rights if c.dep_ == "acl" and c.left_edge.i == token.i + 1
                   and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"), None)
    if clause is None or not _finite_statement(clause):
        return None
    if token.head.i > token.i and clause.right_edge.i >= token.head.i:
        return None
    owner = possessor(token)
    if owner is None or owner.lower_ in ("my", "our", "your"):
        return None
    # A statement named inside another source's report is part of what that source said ("Trump cites
    # his recent claim that ..., according to the Post", "aides said his insistence that ... had cost him"):
    # the outer report takes the sentence, as it would without the noun.
    if _inside_another_report(linker, token):
        return None
    speaker = linker.mention(owner)
    content = linker.doc[clause.left_edge.i:clause.right_edge.i + 1]
    return _report(linker, token, content, speaker, cfg)


@register("statement_made", "indirect", order=38, confidence=0.6, mixed_confidence=0.7,
          triggers=("statement_made",), nouns=tuple(sorted(STATEMENT_CLAUSE_NOUNS)),
          stance_nouns=tuple(sorted(STANCE_NOUNS)), verbs=tuple(sorted(VOICING_VERBS)),
          stance_verbs=tuple(sorted(STANCE_VOICING_VERBS)), agents=tuple(sorted(STATEMENT_AGENT_PREPOSITIONS)),
          max_gap=12, trim_relative=True, trim_summary=True)
def statement_made(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """The content of a statement a noun names when the noun's phrase or verb tells who made it, not a
    possessor right before a "that" (the ``statement_noun`` rule's): the one after "by" or "from", or a
    name after "of" ("claims by intelligence agencies that some of her messages were classified", "an
    allegation from his first wife that ...", "the contention of Hillary Clinton that ..."); the subject of a
    verb of voicing whose object the noun is ("made the case to donors that ...", "gave assurances that
    ...", and for the nouns of a stance, "expressed doubt that ...", "shared her belief that ..."); or a
    possessor with a time or one of those phrases between the noun and its clause ("Trump's assertion
    Monday that ..."). The clause is the finite "that"-clause (a complementizer, within ``max_gap`` tokens,
    with no verb or quoted words between), bounded as ``statement_noun`` bounds it. None for a stance noun
    held, not voiced ("her hope that ...", "the attack raised fears that ..."), nor without a speaker
    ("the claim that ..."), nor inside another source's report."""
    lemma = fold_lemma(token)
    statement = lemma in cfg["nouns"]
    if not (statement or lemma in cfg["stance_nouns"]) or token.pos_ != "NOUN" or token.dep_ == "ROOT" \
            or not linker.triggered(token, cfg["triggers"]):
        return None
    that = _complementizer_after(linker, token, cfg["max_gap"])
    if that is None:
        return None
    clause = that.head
    if clause.dep_ in ("aux", "auxpass") and clause.head.i > clause.i:
        clause = clause.head  # ("that the businessman was encouraging violence": the parse hangs "that" on "was")
    # (the tagger may take the complementizer for a relative "that", WDT, under the mark label it gives it)
    auxiliaries = [c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")]
    finite = clause.pos_ in ("VERB", "AUX") and "to" not in auxiliaries \
        and (clause.tag_ in FINITE_TAGS or bool(auxiliaries))
    if clause.left_edge.i != that.i or not finite or clause in token.ancestors or _object_gap(clause):
        return None
    if token.head.i > token.i and clause.right_edge.i >= token.head.i:
        return None  # (the parse ran the clause into the predicate the noun is the subject of)
    if _inside_another_report(linker, token):
        return None  # inside another source's report, as for statement_noun
    speaker = _statement_maker(linker, token, that, statement, cfg)
    if speaker is None:
        return None
    content = linker.doc[that.i:clause.right_edge.i + 1]
    # The writer's parenthesis closing it ("that Obama wants to take in 250,000 refugees (in fact, he has
    # proposed 10,000)") is no part of the statement.
    opening = next((t.i for t in content if t.text == "(" and t.i > that.i + 2), None)
    if opening is not None:
        content = _cut_before(linker.doc, content, opening)
    return _report(linker, token, content, speaker, cfg)


# Verbs equating a statement noun with its content ("his answer was that ...", "her position remains that ...").
COPULAS = frozenset({"be", "remain"})
# The words before "of" that take a share of a speaker's statements as the subject ("One of Trump's main
# talking points is that ...").
SHARE_OF_STATEMENTS = frozenset({"one", "another", "part"})


@register("statement_is", "indirect", order=39, confidence=0.6, mixed_confidence=0.7, triggers=("statement_is",),
          nouns=tuple(sorted(COPULAR_STATEMENT_NOUNS)), copulas=tuple(sorted(COPULAS)))
def statement_is(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """A statement a copula equates with a "that"-clause: "Rubio's explanation is that he will support the
    measure", "His message has long been that he is a winner", "Beck's contention was that ...": the
    clause after the copula (a finite one its "that" opens), one indirect quotation whose speaker is the
    noun's possessor, bounded as the ``complement`` rule bounds its clauses. The noun is the copula's
    subject, or the noun of "one of" that is ("One of Trump's talking points is that ..."). None without a
    possessor ("The answer is that ...", "The point is that ...": the writer's own), for the writer's or
    reader's ("my", "our", "your"), for a clause put as a question ("... is whether ..."), nor inside another
    source's report ("aides said his position was that ...": the outer report takes the sentence)."""
    if fold_lemma(token) not in cfg["nouns"] or token.pos_ != "NOUN" or not linker.triggered(token, cfg["triggers"]):
        return None
    subject = token
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in SHARE_OF_STATEMENTS:
        subject = token.head.head
    copula = subject.head
    if subject.dep_ != "nsubj" or copula.lemma_ not in cfg["copulas"] or copula.i < subject.i:
        return None
    clause = next((c for c in copula.rights if c.dep_ == "ccomp"), None)
    if clause is None or not _finite_statement(clause):
        return None
    that = linker.doc[clause.left_edge.i]
    if that.lower_ != "that" or that.dep_ != "mark" or that.i <= copula.i:
        return None
    owner = possessor(token)
    if owner is None or owner.lower_ in ("my", "our", "your") or _inside_another_report(linker, token):
        return None
    doc = linker.doc
    # The copula's whole right side: the parse may hang the clause's last phrase on the copula ("that Trump
    # is, in fact, appealing to ...": "appealing" under "was").
    content = doc[that.i:cut_end(doc, that.i, copula.right_edge.i + 1)]
    return _report(linker, token, content, linker.mention(owner),
                   {**rule_config(linker.config["rules"], "complement"), **cfg})


def _inside_another_report(linker: Linker, noun: Token) -> bool:
    """Whether a statement noun stands inside another source's report (an "according to" in its sentence,
    or a cue whose clausal complement holds it): the outer report takes the sentence."""
    return any(linker.is_according_to(t) for t in noun.sent) \
        or any(a.dep_ == "ccomp" and linker.is_cue(a.head, ("cue", "strong_cue")) for a in noun.ancestors)


# Verbs whose object a statement is ("the claim that she made", "the warning that he had heard"): without
# an object of their own they take the noun for it, and "that" opens a relative clause the parse may still
# label a complementizer's.
STATEMENT_OBJECT_VERBS = frozenset({"make", "hear", "read", "see", "receive", "raise", "level", "file", "lodge",
                                    "push", "spread", "repeat", "deny", "reject", "dismiss", "offer", "give",
                                    "issue", "voice", "express", "share", "deliver", "post", "publish", "cite"})


def _object_gap(clause: Token) -> bool:
    """Whether the clause after a statement noun lacks the object its verb of saying or handling a statement
    needs: a relative clause with the noun for that object, not the statement's content."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative") for c in clause.children):
        return False
    lemma = fold_lemma(clause)
    return lemma in STATEMENT_OBJECT_VERBS or lemma in cue_verbs()


def _complementizer_after(linker: Linker, noun: Token, max_gap: int) -> Token | None:
    """The "that" opening the noun's clause: the first "that" within ``max_gap`` tokens after the noun in
    its sentence, a complementizer (``mark``; "the claim that she made" has a relative pronoun), with no
    verb, relative word or quoted words between ("claims by intelligence agencies that", "the case to 23
    group leaders that", "assertion Monday that")."""
    doc, sent = linker.doc, noun.sent
    for i in range(noun.i + 1, min(noun.i + 1 + max_gap, sent.end)):
        word = doc[i]
        if word.lower_ == "that":
            return word if word.dep_ == "mark" and not linker.inside_quotation(word.idx) else None
        if word.pos_ in ("VERB", "AUX") or word.tag_ in ("WDT", "WP", "WRB") or word.text in OPENING_MARKS \
                or word.text in SENTENCE_END or linker.inside_quotation(word.idx):
            return None
    return None


# Entity types that are never a speaker (as the linker's own list): a date or sum after "from" or "by".
NUMERIC_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})


def _statement_maker(linker: Linker, noun: Token, that: Token, statement: bool, cfg: dict[str, Any]) -> Span | None:
    """Who made the statement ``noun`` names (``statement``: a noun of a statement, else of a stance):
    the one a preposition of its phrase before the clause names, the subject of the verb of voicing the noun
    is the object of, or (a statement noun) its possessor; None when nothing names one."""
    for prep in (c for c in noun.rights if c.dep_ == "prep" and c.i < that.i and c.lower_ in cfg["agents"]):
        agent = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if agent is None or agent.pos_ not in ("PROPN", "NOUN", "PRON") or agent.ent_type_ in NUMERIC_ENTITIES:
            continue
        if prep.lower_ == "of" and agent.pos_ != "PROPN":
            continue  # ("the claim of victory that ...": "of" names its maker only as a name)
        return linker.mention(agent)
    verb = noun.head
    verbs = cfg["verbs"] if statement else cfg["stance_verbs"]
    if noun.dep_ == "dobj" and verb.pos_ == "VERB" and fold_lemma(verb) in verbs and not is_passive(verb):
        return linker.speaker_of(verb)
    owner = possessor(noun)
    if statement and owner is not None and owner.lower_ not in ("my", "our", "your"):
        return linker.mention(owner)
    return None


@register("describe_as", "indirect", order=35, confidence=0.6, mixed_confidence=0.7, triggers=("describe_as",),
          verbs=tuple(sorted(DESCRIBING_VERBS)))
def describe_as(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """How a speaker characterizes someone or something: "The minister described the plan as a
    short-term fix", "She describes herself as a moderate": the object and its "as" phrase, one indirect
    quotation (with quotation marks in it, the ``naming`` rule's). Not a passive ("was described as a
    loner by neighbours"), nor the verb without an "as" phrase ("described how the fire spread": an
    account, which the writer may retell in its own words)."""
    if fold_lemma(token) not in cfg["verbs"] or not linker.is_cue(token, cfg["triggers"]):
        return None
    if is_passive(token):
        return None
    obj = next((c for c in token.rights if c.dep_ == "dobj"), None)
    as_phrase = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "as"
                      and any(g.dep_ in ("pobj", "amod", "acomp", "pcomp") for g in c.children)), None)
    if obj is None or as_phrase is None or not obj.i < as_phrase.i or obj.right_edge.i + 1 != as_phrase.i:
        return None
    content = linker.doc[obj.left_edge.i:as_phrase.right_edge.i + 1]
    speaker = linker.speaker_of(token)
    return _report(linker, token, content, speaker, cfg)


@register("reporting_clause", "indirect", order=32, confidence=0.6, mixed_confidence=0.7,
          triggers=("cue", "strong_cue"), cue_deps=("advcl", "conj", "parataxis"))
def reporting_clause(linker: Linker, token: Token, cfg: dict[str, Any]) -> Clause | None:
    """A reporting clause set off by a comma that the parse hung on the reported sentence's verb rather
    than the reverse: at the end ("A six-year trend of declining deficits will end this year, the Budget
    Office reported on Tuesday", "This includes a special force, Defense Secretary Ash Carter told a
    Senate panel") or opened by "as" at the start ("As the Post reported today, the inspector general
    issued subpoenas"): the rest of the sentence is what was reported. The clause holds only its
    speaker, adverbials and the one told, no content of its own; "as" at the end ("..., as she said she
    would") compares rather than reports, and a clause joined by a conjunction ("..., and she said") is a
    sentence part of its own."""
    if linker.is_according_to(token) or not linker.is_cue(token, cfg["triggers"], strong=True) \
            or token.dep_ not in cfg["cue_deps"] or token.tag_ == "VBG" or fold_lemma(token) not in speech_verbs():
        return None  # (a verb of saying proper: "As the candidates sparred, ..." is a time, not a report)
    if any(c.dep_ in RIGHT_COMPLEMENTS and not _one_told(token, c) for c in token.children):
        return None
    subject = next((c for c in token.lefts if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_SUBJECTS), None)
    # (the list's last name the parse made a first subject belongs to the sentence: "..., Cruz, Wilkin said")
    subject = (name_next_to_cue(token, subject) or subject_closing_report(token, subject) or subject) \
        if subject is not None else _inverted_subject(token) or _as_reported_by(token)
    speaker = linker.speaker_of(token) if subject is not None else None
    if speaker is None:
        return None
    content = _sentence_beside(linker, token, subject)
    if content is None:
        return None
    return _report(linker, token, content, speaker, cfg)


def _as_reported_by(cue: Token) -> Token | None:
    """The agent of a passive reporting clause opened by "as" ("As reported by the Tribune, the plant will
    close", "As first noted by Reuters, ..."): the one who reported, as "As the Tribune reported" names
    it; only that shape (no subject, "as" its mark)."""
    if cue.tag_ != "VBN" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    agent = next((c for c in cue.rights if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _inverted_subject(cue: Token) -> Token | None:
    """The subject after a cue that opens its reporting clause right after a comma ("Turnout was high in
    the north, but it fell in the south, said a spokesman for the commission"), as news writing inverts
    it; the parse then hangs the cue on the reported sentence's verb as a conjunct."""
    doc = cue.doc
    if cue.left_edge.i != cue.i or cue.i == 0 or doc[cue.i - 1].text != ",":
        return None
    return next((c for c in cue.rights if c.dep_ == "nsubj" and c.left_edge.i == cue.i + 1), None)


def _one_told(cue: Token, part: Token) -> bool:
    """The object of a verb of telling that is its hearer, a noun with no content of its own ("told a
    Senate panel", "told reporters"), not a thing said ("told the story")."""
    return fold_lemma(cue) in HEARER_VERBS and part.dep_ in ("dobj", "dative") and part.pos_ in ("NOUN", "PROPN", "PRON") \
        and fold_lemma(part) not in SAID_THING_NOUNS \
        and not any(c.dep_ in ("ccomp", "xcomp", "acl", "relcl") for c in part.children)


def _sentence_beside(linker: Linker, cue: Token, subject: Token) -> Span | None:
    """The rest of the cue's sentence when its reporting clause (from the subject to the end of the cue's
    subtree) closes the sentence after a comma, or opens it with "as" before a comma; None otherwise. A
    wire story's dateline is not part of it."""
    doc, sent = linker.doc, cue.sent
    first = subject.left_edge.i if subject.i < cue.i else cue.i  # (after an inverted subject: the cue)
    last = cue.right_edge.i
    start = linker.dateline_end(cue) or sent.start
    marks = [c for c in cue.children if c.dep_ == "mark"]
    after = [t for t in doc[last + 1:sent.end] if not (t.is_punct or t.is_space)]
    # (a mark before the comma opens the reported words the parse hung on the cue: "for people …, she said")
    if not any(m.i >= first - 1 for m in marks) and cue.head.i < first and first - 1 > start \
            and doc[first - 1].text == "," and not after:
        return doc[start:first - 1]
    opening = doc[start:cue.left_edge.i]
    if len(marks) == 1 and marks[0].lower_ == "as" and marks[0].i == cue.left_edge.i and cue.head.i > last \
            and last + 1 < sent.end and doc[last + 1].text == "," and _only_setting(cue):
        if all(t.is_punct or t.is_space or t.dep_ == "cc" for t in opening):
            return doc[last + 2:sent.end]
        if _opening_adverbial(cue, opening):
            # "Just a few weeks ago, as the Tribune reported, the two were ...": the sentence around the
            # reporting clause, the clause included, as the ``parenthetical`` rule takes it.
            return doc[start:sent.end]
    return None


def _opening_adverbial(cue: Token, opening: Span) -> bool:
    """Whether ``opening`` (the words before a reporting clause opened by "as") is only an adverbial of
    the reported sentence's verb set off by a comma ("A few weeks ago, as ...", "In Ohio, as ..."): the
    subtrees of that verb's left adverbials, nothing of a clause of its own."""
    if len(opening) < 2 or opening[-1].text != ",":
        return False
    verb = cue.head
    adverbials = [c for c in verb.lefts if c.dep_ in ("advmod", "npadvmod", "prep") and c.i < cue.i]
    inside = {t.i for c in adverbials for t in c.subtree}
    return all(t.i in inside or t.is_punct or t.is_space for t in opening) and bool(inside)


# Prepositions of a reporting clause's setting ("As he said in his speech", "as she told reporters on
# Tuesday"); any other ("As Trump complained about the media, ...") gives the verb a topic of its own,
# and "as" then tells the time of the sentence, not its source.
SETTING_PREPOSITIONS = frozenset({"in", "on", "during", "at"})


def _only_setting(cue: Token) -> bool:
    return all(c.lower_ in SETTING_PREPOSITIONS and any(g.dep_ == "pobj" for g in c.children)
               for c in cue.children if c.dep_ == "prep")
