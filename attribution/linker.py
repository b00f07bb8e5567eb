"""Tie quotations to their cue and speaker mention, and find indirect and mixed quotations.

Works on a Doc that carries ``Doc._.quoted_spans`` (from "quote_finder") and a dependency parse for every
sentence a trigger fires in (attribution/triggers.py). The rules themselves live in attribution/rules.py,
each registered with its name, order and base confidence; this module runs them and holds the syntax
helpers they share (cue test, speaker of a cue, compact mention, confidence).

For each quotation-mark pair the ``direct`` rules are tried in order until one links it (or rejects it as
a title); a pair no rule takes is a scare quote, title or slogan and yields nothing. Then every cue token
no quotation took is offered to the ``indirect`` rules.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from attribution.boilerplate import is_boilerplate
from attribution.extensions import doc_text
from attribution.lexicon import (
    ALWAYS,
    MANNER_OF_SPEAKING,
    cue_verbs,
    indirect_cue_verbs,
    phrasal_speech,
    speech_verbs,
)
from attribution.marks import QuotedSpan, introduces_quotation, paragraphs, quotation_holding_clause
from attribution.resolution.names import ROLE_SYNONYMS, TITLES
from attribution.rules import (
    CLOSING_MARKS,
    DASHES,
    DIRECT,
    IN_CLAUSE,
    MIXED_BEFORE,
    PASSIVE_SPEAKER_VERBS,
    PUNCT_AFTER_QUOTE,
    REJECT,
    RULES,
    SENTENCE_END,
    STATEMENT_NOUNS,
    Candidate,
    Clause,
    Link,
    active_naming_participle,
    default_rules_config,
    fold_lemma,
    labelled_lines,
    ordered,
    rule_config,
    transcript_turns,
)
from attribution.syntax import SUBJECT_DEPS, is_passive, name_next_to_cue, possessor, subject_closing_report
from attribution.triggers import QUOTED, TRIGGERS, UNQUOTED, Trigger, sentence_words
from attribution.types import Quote

# Dependents kept in a compact speaker mention ("the senior senator", "Rep. John Mica").
COMPACT_DEPS = {"compound", "flat", "det", "amod", "poss", "case", "nmod", "nummod", "prt", "punct"}
# Clauses that describe a participant or set the scene rather than carry a sentence's own predicate.
SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl"})
RELATIVE_WORDS = {"who", "which", "that", "whom", "whose", "where", "when"}
# Word classes that may stand between a closing mark and its cue besides the speaker's own words.
NOMINAL_OR_LIGHT = {"PROPN", "NOUN", "ADJ", "NUM", "DET", "CCONJ", "ADV", "AUX", "PART", "X", "SYM"}
# Cue forms the tagger sometimes takes for nouns ("Said Ellis:", "says" after a name).
SAY_FORMS = {"said", "says", "told", "added", "wrote", "asked", "tweeted"}
# Subjects that never name a speaker ("that was said", "there is talk").
NON_SPEAKER_SUBJECTS = {"this", "that", "which", "there", "what"}
INLINE_SPACE = " \t\u00a0"
# Punctuation that may stand between a quotation's last word and its closing mark ("families.”").
TRAILING_PUNCT = ".,;:!?…"
# Named-entity types that never speak (a date or a sum as the subject of "said" is a parse error). Not
# WORK_OF_ART, EVENT, FAC: small models give those to names next to quotation marks ("Jane Doherty said").
# Places: a place the parse made a subject beside a person's name is where that person spoke.
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
NON_SPEAKER_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}
# Nouns of a message or document: what one says is its author's ("Trump fired back a response saying ...",
# "A statement from the campaign said ...", "Greenberg's research suggests ...").
MESSAGE_NOUNS = STATEMENT_NOUNS | frozenset("""account ad advert advertisement analysis article biography blog book brief
    calculation column commentary complaint count data document editorial email essay estimate figure
    filing finding forecast interview letter memo memoir op-ed paper piece poll post projection record release
    profile report research review speech study survey tally testimony transcript website""".split())
# Verbs whose subject made the message that is their object ("released a statement saying", "wrote a
# letter asking"); not "received", "read" or "saw a report saying", whose subject only met it.
AUTHORING_VERBS = frozenset("""issue release write send publish post put fire file deliver pen tweet email
    draft submit plant run air launch unveil circulate produce prepare compose give""".split())
# Those who speak for someone named after them ("a spokesman for Mayor Jackson", "aides to the senator").
SPOKESPERSON_NOUNS = frozenset("""spokesman spokeswoman spokesperson spokespeople lawyer attorney counsel aide
    adviser advisor representative""".split())
# News agencies a dateline names in parentheses ("Washington (AFP) –", "Dec 29 (Reuters) -").
WIRE_AGENCIES = frozenset("""ap afp reuters upi dpa xinhua ansa efe pti ians tass yonhap kyodo bloomberg
    cnn""".split())
# Dashes that open a quotation in papers that quote without marks ("– We will not, she said.").
QUOTATION_DASHES = frozenset({"–", "—", "―"})
FIRST_OR_SECOND_PERSON = re.compile(r"\b(?:I|[Ww]e|me|us|[Mm]y|[Oo]ur|[Yy]ou|[Yy]our)\b")
# Prepositions that give a message its author ("a letter from the mayor", "an estimate by the committee").
AUTHOR_PREPOSITIONS = frozenset({"from", "by"})

LINKER_DEFAULTS: dict[str, Any] = {
    "rules": default_rules_config(),
    # A mention's share of the rule's base confidence: names keep all of it.
    "pronoun_factor": 0.85,
    "common_noun_factor": 0.8,
    # Shortest indirect clause kept, in words; a mixed one may be shorter: its quoted words show it is
    # reported ("calling it “absurd”").
    "min_indirect_words": 3,
    "min_mixed_words": 2,
    # A message or document that "says" speaks for its author: the speaker is the one who wrote or issued
    # it, when the sentence tells who did (`Linker.author_of`).
    "message_authors": True,
    # A report whose content holds another report made inside a relative, participle or adverbial clause
    # of it ("Scott's relatives, who asked authorities to show them video, watched it, attorneys said")
    # takes the whole content: the inner report is part of the narrated event (`Linker._inner_reports`).
    "outer_report_wins": True,
    # A reported clause that is only the quoted words of a closed quotation (from its first word, its end
    # inside the marks: "he added; “It is true ... But ...”", "Smith writes, “no program was cut …”")
    # is that quotation, direct and whole (`marks.quotation_holding_clause`), unless a rule rejected
    # the quotation (a title, a name).
    "quoted_clause_is_direct": True,
    # A paragraph a dash opens, its words in the first or second person, then the cue ("– We will not
    # raise taxes, she said."): the quotation dash of European papers, a direct quotation without marks
    # (`Linker._dash_quotation`).
    "dash_quotations": True,
    # Adjectives by which a subject is said to make a report it did make ("was quick to point out that ...",
    # "was careful to note ...", "is right to note ..."): the cue infinitive after one, with the copula, takes
    # the copula's subject (`Linker._saying_copula`). Not those of a report withheld or only possible
    # ("willing", "reluctant", "able"), nor "fair" or "safe" ("it is fair to say": the writer's hedge).
    "saying_adjectives": ("careful", "eager", "first", "glad", "happy", "keen", "proud", "quick", "right", "swift"),
    # The same for these in the comparative only, as polls report answers ("Women were more likely to say the
    # economy ..."): a bare "is likely to argue" is a forecast, no report.
    "compared_saying_adjectives": ("likely",),
}


@lru_cache(maxsize=8)
def _form_ids(forms: frozenset[str]) -> frozenset[int]:
    """The string ids (hashes, as ``Doc.to_array(LOWER)`` gives them) of ``forms``: hashed once per set of
    forms (the triggers' union has thousands), not once per Doc."""
    return frozenset(get_string_id(form) for form in forms)


@lru_cache(maxsize=64)
def _trigger_forms(triggers: tuple[Trigger, ...]) -> frozenset[str]:
    """The word forms of ``triggers`` together (the same Trigger objects, the same union)."""
    return frozenset().union(*(trigger.forms for trigger in triggers))


def link_quotes(doc: Doc, config: dict[str, Any] | None = None) -> list[Quote]:
    """All quotations of ``doc`` with cue and speaker mention, in text order."""
    return Linker(doc, config or LINKER_DEFAULTS).run()


class Linker:
    """One Doc's linking pass; the rules call its helpers."""

    def __init__(self, doc: Doc, config: dict[str, Any]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.config = config
        self.paragraphs = paragraphs(self.text)
        self.spans: list[QuotedSpan] = sorted(doc._.quoted_spans or [], key=lambda q: q.start)
        self._span_ends = [s.end for s in self.spans]
        self._opening_marks = {s.start - len(s.open_mark): s for s in self.spans}
        self._para_starts = [p[0] for p in self.paragraphs]
        self._boilerplate = [is_boilerplate(self.text[p[0]:p[1]]) for p in self.paragraphs]
        self.used_cues: set[int] = set()
        self.rejected: set[int] = set()  # the quoted spans (by start) a direct rule found nobody's words
        self._trigger_forms: dict[tuple[str, ...], frozenset[str]] = {}
        # A cue the parse hung inside another cue's clause ("said that ..., saying ...") speaks for the same
        # speaker: token index -> that speaker's mention (filled by the complement rule).
        self.shared_speaker: dict[int, Span] = {}
        self.quotes: list[Quote] = []
        self.direct_rules = ordered("direct", config["rules"])
        self.indirect_rules = ordered("indirect", config["rules"])

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Quote]:
        previous: tuple[QuotedSpan, Link | None] | None = None
        linked_before: tuple[QuotedSpan, Link] | None = None
        pending_chain: list[Quote] = []  # uncued pieces of a multi-paragraph quotation, waiting for a cue
        for index, qspan in enumerate(self.spans):
            cand = self._candidate(index, qspan, previous)
            if cand is None:
                continue
            cand.linked_before = linked_before
            link = self._first_link(cand)
            previous = (qspan, link if link is not None and link.mode not in (REJECT, IN_CLAUSE) else None)
            if link is not None and link.mode == REJECT:
                self.rejected.add(qspan.start)
            if link is None or link.mode in (REJECT, IN_CLAUSE):
                continue
            if link.mode == MIXED_BEFORE:
                self._add_mixed_before(cand, link)
                continue
            quote = self._make_quote(qspan.start, qspan.end, "direct", link)
            if link.cue is not None:
                linked_before = (qspan, link)
                if not link.cue_stays_free:
                    self.used_cues.add(link.cue.i)
                for piece in [] if link.opens_turn else pending_chain:  # earlier paragraphs of the same
                    # quotation share its cue (not those of a transcript's previous turn)
                    self._fill(piece, link, self.config["rules"]["continuation"]["confidence"], "continuation")
                pending_chain = []
            elif qspan.continues:
                pending_chain.append(quote)
            else:
                pending_chain = []
            self.quotes.append(quote)
        self._transcript_turns()
        self._indirect_and_mixed()
        self.quotes.sort(key=lambda q: (q.start, q.end))
        return self.quotes

    def _candidate(self, index: int, qspan: QuotedSpan, previous) -> Candidate | None:
        tokens = self.doc.char_span(qspan.start, qspan.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            return None
        next_start = self.spans[index + 1].start if index + 1 < len(self.spans) else len(self.text)
        prev_end = previous[0].end if previous else 0
        return Candidate(qspan, tokens, prev_end, next_start, self._opens_clause(qspan, prev_end), previous)

    def _first_link(self, cand: Candidate) -> Link | None:
        for rule, cfg in self.direct_rules:
            link = rule.func(self, cand, cfg)
            if link is not None:
                link.rule = rule.name
                return link
        return None

    def _opens_clause(self, qspan: QuotedSpan, prev_end: int) -> bool:
        """The quotation starts its paragraph, sentence or clause (not "the nickname “Lyin’ Ted”")."""
        i = qspan.start - len(qspan.open_mark) - 1
        while i >= 0 and self.text[i] in INLINE_SPACE:
            i -= 1
        if i < 0 or self.text[i] == "\n" or i < prev_end:
            return True
        return self.text[i] in ".,:;!?—–-―([”\"'’»…"

    def _add_mixed_before(self, cand: Candidate, link: Link) -> None:
        """A paraphrase ending in a quotation, attributed after it: the clause from its start is mixed."""
        para = self._paragraph_of(cand.qspan.start) or (0, len(self.text))
        start = max(para[0], cand.prev_end, cand.tokens[0].sent.start_char)
        while start < cand.qspan.start and self.text[start] in INLINE_SPACE + "\"“'‘":
            start += 1
        if link.cue is not None:
            self.used_cues.add(link.cue.i)
        self.quotes.append(self._make_quote(start, cand.qspan.end, "mixed", link))

    def _transcript_turns(self) -> None:
        """The turns of a transcript set without quotation marks (`rules.transcript_turns`): indirect
        quotations of the label's speaker, where no quotation lies already; then the lines a person's name
        and a colon open (`rules.labelled_lines`, knob ``labelled_lines``: "Clinton: I support ...")."""
        cfg = rule_config(self.config["rules"], "transcript_label")
        if not cfg.get("enabled", True):
            return
        taken = [(q.start, q.end) for q in self.quotes]
        for start, end, link in transcript_turns(self, cfg) if cfg["unquoted_turns"] else []:
            if not _overlaps_any(start, end, taken):
                link.rule = "transcript_label"
                self.used_cues.add(link.cue.i)
                self.quotes.append(self._make_quote(start, end, "indirect", link))
                taken.append((start, end))
        if not cfg["labelled_lines"]:
            return
        for start, end, link in labelled_lines(self, cfg):
            if _overlaps_any(start, end, taken) and not self._headline_fragments_only(start, end, cfg):
                continue
            link.rule = "transcript_label"
            self.used_cues.add(link.cue.i)
            span = self.doc.char_span(start, end, alignment_mode="expand")
            kind = "mixed" if span is not None and self.holds_quotation(span) else "indirect"
            self.quotes.append(self._make_quote(start, end, kind, link))

    def _headline_fragments_only(self, start: int, end: int, cfg: dict[str, Any]) -> bool:
        """Whether the quotations overlapping a labelled line's claim are only short quoted words inside it
        that a direct rule took for the whole ("Sanders: ‘Of Course’ Clinton Is Qualified To Be President.",
        "Blumenthal: ‘No Idea’ If I Would Have Told Her"): headlines quote a phrase of the claim, which runs
        on after it; those quotations are dropped for the claim, a mixed one. Only quotations of at most
        ``max_fragment_words`` words lying inside the claim, with at least ``min_line_words`` words of
        the claim outside their marks."""
        inside = [q for q in self.quotes if q.start < end and start < q.end]
        if not inside or any(q.start < start or q.end > end or q.type != "direct"
                             or len(q.text.split()) > cfg["max_fragment_words"] for q in inside):
            return False
        rest = self.text[start:end]
        for q in sorted(inside, key=lambda q: q.start, reverse=True):
            rest = rest[:q.start - start] + " " + rest[q.end - start:]
        if sum(1 for w in rest.split() if any(ch.isalpha() for ch in w)) < cfg["min_line_words"] + len(inside):
            return False
        for q in inside:
            self.quotes.remove(q)
            if q.cue_start is not None:
                cue = self.doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand")
                if cue is not None:
                    self.used_cues.discard(cue[0].i)
        return True

    # ------------------------------------------------------------------ indirect and mixed
    def _indirect_and_mixed(self) -> None:
        taken: list[tuple[int, int]] = [(q.start, q.end) for q in self.quotes]
        fixed = len(self.quotes)  # the quotation-mark quotes before this index are never replaced
        for token in self._trigger_words():
            if token.i in self.used_cues:
                continue
            clause = self._first_clause(token)
            if clause is None:
                continue
            start, end = self._trim(clause.content)
            shortest = self.config["min_mixed_words" if clause.kind == "mixed" else "min_indirect_words"]
            if end - start <= 0 or self._words(start, end) < shortest:
                continue
            kind = clause.kind
            if (quotation := self._quotation_of_clause(start, end)) is not None:
                start, end, kind = quotation.start, quotation.end, "direct"
            elif kind == "indirect" and self._dash_quotation(start, end, clause.link):
                kind = "direct"
            if _overlaps_any(start, end, taken):
                inner = self._inner_reports(start, end, fixed)
                if inner is None:
                    continue
                for quote in inner:
                    self.quotes.remove(quote)
                    taken.remove((quote.start, quote.end))
            self.quotes.append(self._make_quote(start, end, kind, clause.link))
            self.used_cues.add(token.i)
            taken.append((start, end))

    def _quotation_of_clause(self, start: int, end: int) -> QuotedSpan | None:
        """The closed quotation a reported clause is only the quoted words of (knob
        ``quoted_clause_is_direct``; not one a direct rule rejected)."""
        if not self.config["quoted_clause_is_direct"]:
            return None
        quotation = quotation_holding_clause(self.spans, start, end)
        return quotation if quotation is not None and quotation.start not in self.rejected else None

    def _dash_quotation(self, start: int, end: int, link: Link) -> bool:
        """Whether a reported clause is a quotation set with a dash (knob ``dash_quotations``): only a
        dash before it in its paragraph ("– We will not raise taxes this year, she said."), its cue after
        it, a word of the first or second person in it, as in a speaker's own words (a dashed item of a
        wire round-up, "— Prices rose, the ministry said.", stays a report)."""
        if not self.config["dash_quotations"] or link.cue is None or link.cue.idx < end:
            return False
        para = self._paragraph_of(start)
        return para is not None and self.text[para[0]:start].strip() in QUOTATION_DASHES \
            and FIRST_OR_SECOND_PERSON.search(self.text, start, end) is not None

    def _inner_reports(self, start: int, end: int, fixed: int) -> list[Quote] | None:
        """The indirect quotations an outer report's content [start, end) holds whole, cue included (an
        inner report of the narrated event is part of what the outer speaker said), when those are all it
        overlaps; else None."""
        if not self.config["outer_report_wins"]:
            return None
        overlapping = [(i, q) for i, q in enumerate(self.quotes) if q.start < end and start < q.end]
        if any(i < fixed for i, _ in overlapping):
            return None
        overlapping = [q for _, q in overlapping]
        inside = [q for q in overlapping if inner_report(self.doc, q, start, end)]
        return inside if len(inside) == len(overlapping) else None

    def _trigger_words(self) -> Iterator[Token]:
        """The tokens whose lower-case form some trigger lists, in text order: the only ones an indirect
        rule can act on (each asks :meth:`triggered` first). Found on the Doc's array of lower-case forms,
        as most words of a text are none, rather than by asking every rule of every Token."""
        ids = _form_ids(self._forms(tuple(TRIGGERS)))
        lower = self.doc.to_array(LOWER)
        # The Doc's own forms that are trigger forms: a short list to match the array against (matching
        # it against the thousands of trigger forms sorts them all, for every Doc).
        present = [form for form in set(lower.tolist()) if form in ids]
        for i in numpy.flatnonzero(numpy.isin(lower, numpy.array(present, dtype=lower.dtype))).tolist():
            yield self.doc[i]

    def _first_clause(self, token: Token) -> Clause | None:
        for rule, cfg in self.indirect_rules:
            clause = rule.func(self, token, cfg)
            if clause is not None:
                clause.link.rule = rule.name
                return clause
        return None

    def opens_quotation(self, token: Token) -> bool:
        """Whether ``token`` is the opening mark of a quotation-mark pair."""
        return token.idx in self._opening_marks

    def quotation_opened_by(self, token: Token) -> QuotedSpan:
        """The quotation-mark pair whose opening mark ``token`` is (see `opens_quotation`)."""
        return self._opening_marks[token.idx]

    def holds_quotation(self, span: Span) -> bool:
        """Whether a whole quotation-mark pair lies inside ``span`` (the clause is a mixed quotation)."""
        start, end = self._trim(span)
        index = bisect.bisect_left(self._span_ends, start)
        following = itertools.takewhile(lambda s: s.start < end, self.spans[index:])
        return any(start <= s.start and s.end <= end for s in following)

    def quotations_in(self, span: Span) -> list[QuotedSpan]:
        """The quotation-mark pairs lying wholly inside ``span`` (as its clause is balanced)."""
        start, end = self._trim(span)
        return [s for s in self.spans if start <= s.start and s.end <= end]

    def holds_quoted_words(self, part: Token) -> bool:
        """Whether the subtree of ``part`` holds quoted words, or runs straight into a quotation the parse
        hung elsewhere ("pledged to oppose legal status “today, tomorrow, forever”")."""
        return any(t.is_alpha and self.inside_quotation(t.idx) for t in part.subtree) \
            or bool(self.quotations_in(self.doc[part.left_edge.i:part.right_edge.i + 1]))

    def holds_own_words(self, part: Token) -> bool:
        """Whether the subtree of ``part`` holds a word outside quotation marks (not the words said alone:
        "said “no”")."""
        return any(t.is_alpha and not self.inside_quotation(t.idx) for t in part.subtree)

    def without_aside(self, span: Span, last: QuotedSpan) -> Span:
        """``span`` ending with the quotation ``last`` when a comma or dash sets off what follows it, an
        aside rather than more of the clause ("called the remarks ''racist,'' an extraordinary indictment
        ...", "dismissed Estonia as the “suburbs of St. Petersburg” — a metaphor for ...")."""
        close = last.end + len(last.close_mark or "")
        rest = self.text[close:span.end_char]
        set_off = self.text[last.end - 1:last.end] == "," or rest.lstrip().startswith((",", "—", "–", "--", "- "))
        if not rest.strip() or not set_off:
            return span
        return self.doc.char_span(span.start_char, close, alignment_mode="expand") or span

    def through_quoted_phrase(self, span: Span, last: QuotedSpan) -> Span:
        """``span`` up to the quotation ``last`` and only the words after it that depend on the quoted
        words ("the “fevered dreams” of a brokered convention"), not an adjunct of the clause the parse
        hung inside the object ("blasted Clinton as a “disgrace” Wednesday on The Laura Ingraham Show")."""
        doc = self.doc
        close = doc.char_span(span.start_char, last.end + len(last.close_mark or ""), alignment_mode="expand")
        if close is None or close.end >= span.end:
            return span
        quoted = doc.char_span(last.start, last.end, alignment_mode="expand")
        # "a “ferocious” battle ahead": the noun the quoted words modify goes on the phrase.
        governing = {t.i for t in quoted.root.ancestors} if quoted is not None and len(quoted) else set()
        end = close.end
        while end < span.end:
            token = doc[end]
            head = token
            while close.end <= head.i < span.end and head.head.i != head.i:
                head = head.head
            depends = self.inside_quotation(head.idx) and span.start <= head.i < close.end
            if not (depends or token.i in governing) or _when(token):
                break  # (a time is the clause's adjunct, wherever the parse hangs it: "“a disgrace” Wednesday")
            end = max(end + 1, min(token.right_edge.i + 1, span.end))
        return doc[span.start:end]

    def _words(self, start: int, end: int) -> int:
        return sum(1 for t in self.doc.char_span(start, end, alignment_mode="expand") or [] if t.is_alpha)

    def _trim(self, span: Span) -> tuple[int, int]:
        """Character bounds of a clause without the punctuation and spaces at its edges."""
        tokens = list(span)
        # (an opening mark stays, "''" too when it opens a quotation: "what he called ''our arguments ...''")
        while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in {'"', "“", "``", "‘", "'"} \
                and tokens[0].idx not in self._opening_marks:
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in {'"', "”", "''", "’", "'"}:
            tokens.pop()
        if len(tokens) > 2 and tokens[-1].idx in self._opening_marks and tokens[-2].text in SENTENCE_END:
            # "... was on their side. ''It's preseason,'' he said.": the sentence splitter left the next
            # quotation's opening mark on this sentence; it opens the next sentence, not this clause.
            tokens = tokens[:-2]
            while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
                tokens.pop()
        if not tokens:
            return 0, 0
        return self.balance(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))

    def balance(self, start: int, end: int) -> tuple[int, int]:
        """Bounds that leave no quotation mark unpaired. The parse often hangs a quotation (or only its
        closing mark, with the punctuation before it: ``families."``) on the verb, outside the clause,
        though the quoted words go on the reported clause ("Blocher stated that the SVP “must be careful
        ...”", "He said the reform “is a ‘when’ question.”"): a clause that opens a quotation, or runs
        straight into one (nothing but a space between), takes it through its closing mark. An unclosed
        mark gives no closing point, so the clause stops before it."""
        index = bisect.bisect_left(self._span_ends, start)
        for s in itertools.takewhile(lambda q: q.start - len(q.open_mark) <= end + 1, self.spans[index:]):
            opened_at = s.start - len(s.open_mark)
            if s.start == start and s.end < end and self.text[opened_at:start] == s.open_mark:
                start = opened_at  # the clause opens with the quotation: its opening mark too
            runs_into = opened_at >= end and self.text[end:opened_at] in {"", " "} and opened_at > start
            if not (start <= opened_at < end < s.end + len(s.close_mark or "") or runs_into):
                continue
            if s.close_mark is None or self.crosses_paragraph(start, opened_at):
                return (start, end) if runs_into else \
                    (start, len(self.text[start:opened_at].rstrip(INLINE_SPACE)) + start)
            return start, s.end + len(s.close_mark)
        return start, end

    # ------------------------------------------------------------------ helpers for the rules: frames
    def frame_after(self, cand: Candidate) -> int | None:
        """The first token after the closing mark and the punctuation ending the quoted words, when it can
        start a reporting clause (same paragraph, before the next quotation, not a new sentence)."""
        doc, i = self.doc, cand.tokens.end
        while i < len(doc) and (doc[i].text in PUNCT_AFTER_QUOTE or doc[i].is_space) and "\n" not in doc[i].text:
            i += 1
        if i >= len(doc) or doc[i].idx >= cand.next_start or self.crosses_paragraph(cand.qspan.end, doc[i].idx):
            return None
        if self.sentence_ended_before(cand, i) and doc[i].is_title and doc[i].pos_ not in ("PROPN", "PRON") \
                and not self._subject_of_next_cue(doc[i]):
            return None  # a new sentence begins
        return i

    def _subject_of_next_cue(self, token: Token) -> bool:
        """A capitalised word right before the cue whose subject it is ("“You think I'm going to change?"
        Trump asked reporters": a name the tagger took for a noun), not the start of a new sentence; whether
        that sentence has content of its own the cue rule asks next."""
        head = token.head
        return token.dep_ in SUBJECT_DEPS and head.i == token.i + 1 and self.is_cue(head)

    def sentence_ended_before(self, cand: Candidate, first: int) -> bool:
        """The quoted words (or the punctuation after them) end a sentence: ``“A.” Trump ...``."""
        return any(self.doc[k].text in {".", "?", "!"} for k in range(cand.tokens.end - 1, first)) \
            or self.text[cand.qspan.end - 1:cand.qspan.end] in {".", "?", "!"}

    def frame_tokens(self, first: int, next_start: int, max_tokens: int) -> Iterator[Token]:
        """Tokens from ``first`` that may hold the reporting clause: up to ``max_tokens`` (parentheticals
        not counted: "Rep. John Mica (R-Fla.) said"), never past a sentence end, line or next quotation."""
        doc = self.doc
        k, limit, depth = first, first + max_tokens, 0
        while k < min(len(doc), limit):
            token = doc[k]
            k += 1
            if token.text == "(":
                depth += 1
                limit += 1
            elif token.text == ")" and depth:
                depth -= 1
            if depth:
                limit += 1
                continue
            if token.idx >= next_start or "\n" in token.text or token.text in {".", "?", "!", ";"}:
                return
            yield token

    def lead_before(self, cand: Candidate) -> Token | None:
        """The token before the opening mark (spaces and marks skipped), in the same paragraph and after
        the previous quotation."""
        doc, j = self.doc, cand.tokens.start - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in {"“", '"', "``", "''", "«", "‘", "”", "'"}) \
                and "\n" not in doc[j].text:
            j -= 1
        if j < 0 or doc[j].idx < cand.prev_end or "\n" in doc[j].text:
            return None
        return doc[j]

    def only_speaker_between(self, first: int, cue: Token, speaker: Span) -> bool:
        """Between the closing mark and the cue there is only the speaker ("“A” Quina Jones, 25, said",
        "“A” Rep. John Mica (R-Fla.) said"), not a noun phrase the quotation belongs to ("“Keepin’ It Real”
        radio program who said", "“medical records” that Trump released")."""
        subject = speaker.root
        # (Tokens are compared by index: spaCy makes a new Token object on every access.)
        while subject.head.i not in (cue.i, subject.i) and first <= subject.head.i < cue.i \
                and subject.head.pos_ not in ("VERB", "AUX"):
            # The whole phrase the mention closes ("Ambassador to the U.N. Linda ..."), never a clause a
            # name sits in ("Clinton had a good night, winning ... North Carolina by margins to add").
            subject = subject.head
        allowed = set(range(subject.left_edge.i, subject.right_edge.i + 1)) | set(range(speaker.start, speaker.end))
        for k in range(first, cue.i):
            token = self.doc[k]
            if _relative_word(token) and not (k in allowed and subject.i < k):
                return False  # a relative clause is allowed only inside the speaker's phrase ("X, who ...,")
            if k in allowed or token.is_punct or token.is_space or token.pos_ in NOMINAL_OR_LIGHT \
                    or token.is_title:  # a capitalised name the tagger took for a verb ("Tulsa police Chief")
                continue
            return False
        return True

    def continues(self, earlier: QuotedSpan, later: QuotedSpan, max_gap: int) -> bool:
        """Same paragraph (a split quotation) or a reopened multi-paragraph quotation."""
        if later.continued:
            return True
        if self.crosses_paragraph(earlier.end, later.start):
            return False
        # (closing marks at its end belong to a title in between: "… on “Fox and Friends.” “B”")
        between = self.text[earlier.end:later.start - len(later.open_mark)].rstrip(INLINE_SPACE + "”\"’»'")
        return len(between) < max_gap and (not between or between[-1] in ".,:;!?—–")

    def title_in_frame(self, cued: QuotedSpan, title: QuotedSpan, max_words: int) -> bool:
        """Whether ``title`` is a short quoted name inside the reporting clause right after the cued
        quotation ``cued`` (same paragraph, no sentence end between them): "said on “Fox and Friends.”"."""
        between = self.text[cued.end:title.start]
        return title.start > cued.end and not self.crosses_paragraph(cued.end, title.start) \
            and not any(ch in between for ch in ".?!") and len(self.text[title.start:title.end].split()) <= max_words

    def fills_paragraph(self, cand: Candidate, min_words: int) -> bool:
        """The quotation fills its paragraph (marks and punctuation aside)."""
        para = self._paragraph_of(cand.qspan.start)
        if para is None:
            return False
        before = self.text[para[0]:cand.qspan.start].strip(" \t\"“«`'‘\u00a0")
        after = self.text[cand.qspan.end:para[1]].strip(" \t\"”“»'’.,!?\u00a0")
        words = sum(1 for t in cand.tokens if t.is_alpha)
        return not before and not after and words >= min_words

    def closes_paragraph(self, cand: Candidate) -> bool:
        """Nothing but punctuation and spaces follows the quotation in its paragraph."""
        para = self._paragraph_of(cand.qspan.start)
        return para is not None and not self.text[cand.qspan.end:para[1]].strip(" \t\"”’»'.,!?\u00a0")

    def paragraph_index(self, pos: int) -> int:
        """The index of the paragraph holding (or last starting before) ``pos``."""
        return bisect.bisect_right(self._para_starts, pos) - 1

    def paragraph_start(self, pos: int) -> int:
        index = self.paragraph_index(pos)
        return self.paragraphs[index][0] if index >= 0 else 0

    @staticmethod
    def is_inline_space(token: Token) -> bool:
        return token.is_space and "\n" not in token.text

    @staticmethod
    def word_count(tokens: Span) -> int:
        return sum(1 for t in tokens if t.is_alpha or t.like_num)

    # ------------------------------------------------------------------ helpers for the rules: cues
    def triggered(self, token: Token, names: tuple[str, ...]) -> bool:
        """Whether one of the triggers ``names`` fires on ``token`` where it stands. Never inside quoted
        words ("I guess", "I think" in a quotation are not its attribution): that, and the parser's parsing
        every sentence a trigger fires in, means a token that passes is parsed. Never in a byline, credit
        or call to action ("Read more", "Follow X on Twitter")."""
        if token.lower_ not in self._forms(names) or self.inside_quotation(token.idx) \
                or self.in_boilerplate(token.idx):
            return False
        scope = QUOTED if self._paragraph_holds_quotation(token.idx) else UNQUOTED
        after = self.doc[token.i + 1].text if token.i + 1 < len(self.doc) else ""
        following = self._following_words(token) if any(TRIGGERS[name].window > 1 for name in names) else ()
        return any(TRIGGERS[name].fires_on(token.text, scope, after, following) for name in names)

    def _following_words(self, token: Token) -> tuple[str, ...]:
        """The lower-case words after ``token`` up to the end of its sentence or line, as a trigger's
        ``window`` counts them in the parser's sentence (never further: a word the parser did not see
        there cannot make a rule fire)."""
        start = token.idx + len(token.text)
        end = min(token.sent.end_char, len(self.text))
        line_end = self.text.find("\n", start, end)
        return tuple(sentence_words(self.text[start:end if line_end < 0 else line_end]))

    def _forms(self, names: tuple[str, ...]) -> frozenset[str]:
        """The word forms of the triggers ``names`` together (asked of every token: kept per Doc, and the
        union itself per set of triggers, across Docs)."""
        forms = self._trigger_forms.get(names)
        if forms is None:
            forms = self._trigger_forms[names] = _trigger_forms(tuple(TRIGGERS[name] for name in names))
        return forms

    def is_cue(self, token: Token, triggers: tuple[str, ...] = ("cue",), strong: bool = False) -> bool:
        """A cue verb (``strong``: one that can report an unquoted clause) that a trigger fires on."""
        if not self.triggered(token, triggers):
            return False
        if token.pos_ not in ("VERB", "AUX"):
            return token.lower_ in SAY_FORMS  # mis-tagged "Said Ellis:" / "says" as a noun
        lemma = token.lemma_.lower()
        if strong:
            return lemma in indirect_cue_verbs()
        return lemma in cue_verbs() or self._phrasal_speech(token, lemma)

    def _phrasal_speech(self, token: Token, lemma: str) -> bool:
        """A phrasal verb of saying with its particle ("went on", "shot back"); not the verb with a
        preposition and its object ("once the Senate goes on recess", "went on Fox News")."""
        if token.i + 1 >= len(self.doc):
            return False
        particle = self.doc[token.i + 1]
        return phrasal_speech(lemma, particle.lower_) and not any(c.dep_ == "pobj" for c in particle.children)

    def is_speech(self, token: Token) -> bool:
        """A verb of saying proper (say, tell, declare, ...), not of thinking or doing."""
        return self.is_cue(token) and (token.lemma_.lower() in speech_verbs() | MANNER_OF_SPEAKING
                                       or token.lower_ in SAY_FORMS)

    def is_according_to(self, token: Token) -> bool:
        return token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to" \
            and self.triggered(token, ("cue", "strong_cue"))

    # ------------------------------------------------------------------ helpers for the rules: speakers
    def speaker_of(self, cue: Token, depth: int = 0) -> Span | None:
        """The speaker mention of a cue: its subject (`_cue_subject`), or the author of the message that
        subject is (`author_of`)."""
        subject = self._cue_subject(cue)
        if subject is not None and cue.tag_ == "VBG" and subject.root.i < cue.i:
            nearer = self._nearest_message(subject.root, cue)
            subject = subject if nearer.i == subject.root.i else self.mention(nearer)
        return self.author_of(subject, depth)

    def author_of(self, mention: Span | None, depth: int = 0) -> Span | None:
        """A message's author for a mention of the message: "A statement from the campaign said" (the
        campaign), "Greenberg's research suggests" (Greenberg), "Trump fired back a response saying" (the
        subject of the verb that made it: Trump). Any other mention, or a message whose author the
        sentence does not tell ("A statement said"), is kept as it is."""
        if mention is None or not self.config["message_authors"] or depth > 1:
            return mention
        noun = mention.root
        if not _is_message(noun):
            return mention
        named = _named_author(noun)
        if named is not None:
            return self.mention(named)
        made = next((c for c in noun.children if c.dep_ == "relcl" and fold_lemma(c) in AUTHORING_VERBS), None)
        if made is not None:  # "a letter the campaign sent", "the statement she issued"
            return self.speaker_of(made, depth + 1) or mention
        if any(t.pos_ == "PROPN" for t in mention):
            return mention  # "a Politico report": the resolver tells a name that wrote it from one it is about
        maker = noun.head
        if noun.dep_ == "dobj" and maker.pos_ == "VERB" and fold_lemma(maker) in AUTHORING_VERBS \
                and not addressed_not_speaking(maker):
            return self.speaker_of(maker, depth + 1) or mention
        return mention

    def _cue_subject(self, cue: Token) -> Span | None:
        """The subject of the cue verb, or of the verb an active participle or conjunct cue hangs on
        ("..., adding ...", "stood up and said"); for a cue in a relative clause, the noun it modifies
        ("Smith, who said"). Never the one a question or message was put to: "When asked if ..., he said"
        does not make "he" the asker, nor "He was told that ..." the teller (the agent of a passive cue,
        "was announced by the minister", is the speaker)."""
        shown = self._shown_saying(cue)
        if shown is not None:
            return shown
        outer = self.reporting_cue_around(cue)
        if outer is not None and (speaker := self.speaker_of(outer)) is not None:
            return speaker  # "Byrne wrote the agents knew ..., saying, “...”": Byrne's next act, not the agents'
        controller = _object_controlling(cue)
        if controller is not None:
            return self.mention(controller)
        verb, passive_shared = cue, False
        for _ in range(4):
            quoted = self.inside_quotation(verb.idx)  # "“A,” adding that ...": the quoted verb's subject is not it
            found, subject = (False, None) if quoted else self._subject(verb, passive_shared)
            if found:
                return self._past_dateline(subject, cue)
            if not quoted and _own_subject(verb):
                # "as several included on it told POLITICO ...": the clause's subject, no speaker of ours,
                # is still its subject; the clause it hangs on ("It's not clear") has another.
                break
            if _object_of_preposition(verb) and not _passive_participle(verb):
                # "landed in hot water by saying that ...", "before abruptly pivoting to ...": the gerund's
                # subject is that of the verb the preposition hangs on.
                verb, passive_shared = verb.head.head, False
                continue
            if (verb.dep_ not in ("advcl", "xcomp", "conj") and not quoted) or verb.head.i == verb.i \
                    or _passive_participle(verb):
                break
            # An active verb coordinated with a passive one shares its subject: "Mr. Trump was forced into
            # damage control and said ..." (he said it; the hearer of a passive cue is another matter).
            passive_shared = verb.dep_ == "conj" and not is_passive(verb)
            verb = verb.head
            verb = self._saying_copula(verb) or verb  # ("The mayor was quick to say ...": the mayor's)
        if cue.dep_ == "relcl" and cue.head.pos_ in ("PROPN", "NOUN"):
            return self.mention(cue.head)
        clause_verb = self._free_adjunct_of(cue)
        if clause_verb is not None:
            return self._subject(clause_verb)[1]
        # "Mr. Diaz, calling the mayor a “liar,” left": an active participle (or a finite verb the parse
        # hung the same way) describing a noun has that noun for subject; a past participle ("a class
        # called “Perception”") describes the thing named.
        if cue.dep_ == "acl" and cue.tag_ in ("VBG", "VBD") and cue.head.pos_ in ("PROPN", "NOUN") \
                and (self._may_speak(cue.head) or _share_of_respondents(cue.head)) \
                and not self.inside_quotation(cue.head.idx):
            # (also a share of those asked after "with": "with 50 percent saying she is prepared")
            return self.mention(cue.head)
        return self._naming_participle_subject(cue)

    def _saying_copula(self, adjective: Token) -> Token | None:
        """The copula whose subject makes the report of a cue infinitive hung on ``adjective`` ("The mayor
        was quick to say ...", "Caucus-goers were more likely to say they preferred ..."): one of the knob
        ``saying_adjectives``, or of ``compared_saying_adjectives`` after "more" or "less", as the
        complement of "be" with no modal ("would be glad to call": not done) and a subject other than
        "it" ("it is right to say": a hedge); None otherwise."""
        copula = adjective.head
        if adjective.pos_ != "ADJ" or adjective.dep_ != "acomp" or copula.lemma_ != "be":
            return None
        lemma = adjective.lemma_.lower()
        compared = lemma in self.config.get("compared_saying_adjectives", ()) and any(
            c.dep_ == "advmod" and c.lower_ in ("more", "less") for c in adjective.children)
        if not (compared or lemma in self.config.get("saying_adjectives", ())):
            return None
        if any(c.tag_ == "MD" for c in copula.children) \
                or any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in copula.children):
            return None
        return copula

    def _naming_participle_subject(self, cue: Token) -> Span | None:
        """ "Beruff, a Scott ally, called Florida's standards “strong.”": a verb of naming the parse took for
        a participle on the noun before it (`rules.active_naming_participle`) is the sentence's verb, its
        subject that noun phrase, out of a relative clause or apposition closing before the verb
        ("Stevens, who served during the 2012 campaign, called ...": Stevens, not the campaign)."""
        if active_naming_participle(self, cue) is None:
            return None
        subject = cue.head
        while subject.dep_ in ("pobj", "prep", "relcl", "acl", "appos") and subject.head.i != subject.i:
            subject = subject.head
        return self.mention(subject) if subject.pos_ in ("PROPN", "NOUN") and self._may_speak(subject) else None

    def next_report(self, token: Token, start: int = 0) -> Token | None:
        """The token before ``token`` (a comma, dash or conjunction) when ``token`` is a cue verb that continues
        a report as the speaker's next act, a participle set off by a comma or dash or a coordinated verb
        without a subject of its own ("argued that a database would help, saying it's ...", "said it was too
        early but added, “...”"; after the comma a quotation closing that clause may stand: "said the plan was
        “a good first step,” suggesting ..."); the parse often hangs it inside the clause reported before it. ``start``:
        where that clause begins (the token before must lie inside it)."""
        if token.dep_ not in ("conj", "advcl") or token.pos_ != "VERB" or not self.is_cue(token, ("cue", "strong_cue")):
            return None
        first = token.i
        if token.tag_ == "VBG" and token.i > 0 and self.doc[token.i - 1].lower_ == "while" \
                and self.doc[token.i - 1].head.i == token.i:
            first = token.i - 1  # "said they would back him, while emphasizing it's not an endorsement"
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") or (c.dep_ == "mark" and c.i != first)
               for c in token.children):
            return None
        if token.left_edge.i != first or first <= start:
            return None
        before = self.doc[first - 1]
        if before.text in CLOSING_MARKS and first - 2 > start and self.doc[first - 2].text == ",":
            before = self.doc[first - 2]  # "... “working together,” suggesting ...": the comma before the mark
        participle = token.tag_ == "VBG" and (before.text == "," or before.text in DASHES)
        coordinated = token.tag_ in ("VBD", "VBZ", "VBP", "VBG") and before.dep_ == "cc" and token.dep_ == "conj"
        return before if participle or coordinated else None

    def reporting_cue_around(self, cue: Token) -> Token | None:
        """The cue verb whose reported clause the parse hung ``cue`` in when ``cue`` is that speaker's next
        report (:meth:`next_report`): "Byrne also wrote the agents knew to brace for it, saying, “...”" is
        Byrne's, not the agents'. Only for verbs of reporting proper (``lexicon.ALWAYS``): a participle of a
        manner of speaking depicts the subject it hangs on ("said the protester walked in, shouting, “...”")."""
        if cue.lemma_.lower() not in ALWAYS or (self.next_report(cue) is None and not _adjunct_participle(cue)):
            return None
        for ancestor in cue.ancestors:
            # The reported clause itself, or a clause on the cue's object ("rejected the idea that it would
            # be a drag, saying ...": the one who rejected it says so, not "it").
            reporter = ancestor.head if ancestor.dep_ == "ccomp" else \
                ancestor.head.head if ancestor.dep_ == "acl" and ancestor.head.dep_ == "dobj" else None
            if reporter is not None and reporter.i < cue.i \
                    and self.is_cue(reporter, ("cue", "strong_cue"), strong=True):
                return reporter
        return None

    def _nearest_message(self, noun: Token, cue: Token) -> Token:
        """ "Her comments came in response to a letter the campaign sent on Monday alleging ...": a
        participle whose subject the parse made a message describes the message nearest before it."""
        if not _is_message(noun):
            return noun
        return next((t for t in reversed(self.doc[noun.i + 1:cue.i]) if _is_message(t)), noun)

    def _free_adjunct_of(self, cue: Token) -> Token | None:
        """ "The chairman called for a voice vote, and then a visual vote, declaring that ...": a participle
        set off by a comma after an object is an adjunct of the clause, whose subject it shares, though the
        parse hung it on the object (not "The governor, calling the standards “strong,”", a subject)."""
        if cue.dep_ != "acl" or cue.tag_ != "VBG" or cue.i == 0 or self.doc[cue.i - 1].text != "," \
                or cue.head.dep_ not in OBJECT_LIKE_DEPS:
            return None
        verb = cue.head
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in OBJECT_LIKE_DEPS | {"prep"} and verb.head.i != verb.i:
            verb = verb.head
        return verb if verb.pos_ in ("VERB", "AUX") else None

    def _shown_saying(self, cue: Token) -> Span | None:
        """ "footage of Hillary Clinton asking, ...", "a clip of McCain saying": a participle right after a
        name governed by "of" is what that person is shown saying (the parse often hangs the participle on
        the main verb, whose subject is the footage's user); after "with" the name is the participle's
        subject ("The interview ended with Maddow asking whether ...")."""
        if cue.tag_ != "VBG" or cue.i == 0:
            return None
        name = self.doc[cue.i - 1]
        head = name.head if name.dep_ in ("compound", "flat") else name
        if name.pos_ != "PROPN" or head.i != name.i or head.dep_ != "pobj" or head.head.lower_ not in ("of", "with"):
            return None
        return self.mention(name)

    def _subject(self, verb: Token, passive_shared: bool = False) -> tuple[bool, Span | None]:
        """(whether ``verb`` has a subject that settles the question, its mention unless it cannot be a
        speaker). ``passive_shared``: an active conjunct asks, so a passive subject is its subject too."""
        for child in verb.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                return (True, self.mention(objects[0])) if objects else (False, None)
            share = _share_of_respondents(child)  # ("41% of residents said": a sign, no letter)
            if child.dep_ not in SUBJECT_DEPS or not (child.pos_ in ("PROPN", "NOUN", "PRON", "X") or share
                                                       or _nominal_adjective(child) or _quantifier(child)) \
                    or not (share or any(ch.isalpha() for ch in child.text)):
                continue  # a dash the tagger made a noun ("made public ― Trump boasted") is nobody
            if child.lower_ in NON_SPEAKER_SUBJECTS or (child.ent_type_ in NON_SPEAKER_ENTITIES
                                                        and not (share or _nominal_adjective(child))):
                return True, None  # (an age is a date to the tagger: "the 52-year-old said" is a person)
            if (named := self._second_subject_named(verb, child) or self._person_among_subjects(verb, child)
                    or _role_named_before_verb(verb, child) or name_next_to_cue(verb, child)
                    or subject_closing_report(verb, child)) is not None:
                return True, self.mention(named)
            if child.tag_ == "PRP$" or (child.dep_ == "nsubjpass" and verb.lemma_ not in PASSIVE_SPEAKER_VERBS
                                        and not passive_shared):
                continue  # "its" is a parse error; a passive's subject is the hearer ("he was told")
            if child.lower_ in ("who", "whom") and _relative_word(child):
                return True, self._relative_antecedent(verb)
            return True, self.mention(child)
        named = self._name_after_dash(verb)
        return named is not None, named

    def _name_after_dash(self, verb: Token) -> Span | None:
        """ "And it wasn't an accident — Brendan Buck, a spokesman for Ryan, told POLITICO that ...": a
        conjunct verb without a subject, right after a person's name that opens a new clause after a dash
        (the parse hung the name on the clause before), has that name for subject, not the first clause's."""
        doc = self.doc
        if verb.dep_ != "conj":
            return None
        for token in reversed(doc[verb.sent.start:verb.i]):
            if token.pos_ == "PROPN" and token.ent_type_ == "PERSON" and token.dep_ in ("appos", "conj") \
                    and token.head.i < token.i:
                break
            if token.pos_ in ("VERB", "AUX") or token.text in DASHES:
                return None
        else:
            return None
        edge = token.right_edge.i
        while edge + 1 < verb.i and doc[edge + 1].is_punct and doc[edge + 1].text not in DASHES:
            edge += 1
        opening = doc[token.left_edge.i - 1] if token.left_edge.i > verb.sent.start else None
        if edge + 1 != verb.i or opening is None or opening.text not in DASHES:
            return None
        return self.mention(token)

    def _second_subject_named(self, verb: Token, subject: Token) -> Token | None:
        """ "A former Republican presidential candidate -- John McCain, who lost in 2008 -- said": the parse
        gave the verb two subjects, a common noun and the person's name set off right after its phrase;
        the name is the one."""
        mark = _closing_mark(self.doc, subject)
        if subject.pos_ != "NOUN" or mark is None:
            return None
        return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i > mark and c.pos_ == "PROPN"
                     and c.ent_type_ == "PERSON" and c.left_edge.i == mark + 1), None)

    def _person_among_subjects(self, verb: Token, subject: Token) -> Token | None:
        """A person's name the parse made a second subject or coordinated with a place or a bare role:
        "In Berea, Ohio, Gov. John Kasich said" (two subjects, "Ohio" and "Kasich"), "said lobbyist and GOP
        strategist Charlie Black" (one person's two roles, the name the last conjunct). Not two speakers
        ("the senator and Mr. Smith said", "Chaffetz and Rep. Bob Goodlatte asked"): the first conjunct must
        be a role (a common noun or a title) without a determiner."""
        if subject.ent_type_ in PLACE_ENTITIES:
            return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != subject.i
                         and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"), None)
        role = subject.pos_ == "NOUN" or (subject.pos_ == "PROPN" and subject.lower_.rstrip(".") in TITLES)
        if role and not subject.ent_type_:
            # "Vatican spokesman the Rev. Federico Lombardi told": one phrase the parse cut in two subjects.
            named = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.pos_ == "PROPN"
                          and c.ent_type_ == "PERSON" and c.left_edge.i == subject.i + 1), None)
            if named is not None:
                return named
        if not role or subject.ent_type_ or any(c.dep_ in ("det", "poss") for c in subject.children):
            return None
        return next((c for c in subject.children if c.dep_ == "conj" and c.pos_ == "PROPN"
                     and c.ent_type_ == "PERSON"), None)

    def _past_dateline(self, subject: Span | None, cue: Token) -> Span | None:
        """The subject without the dateline opening a wire story ("LONDON (Reuters) - Donald Trump said",
        "RENO, Nev. (AP) — Republican presidential hopeful Donald Trump says"): the parse often takes the
        city for the subject or hangs it on the name; the speaker is the phrase after the dash."""
        end = self.dateline_end(cue)
        if subject is None or end is None or subject.start >= end:
            return subject
        if subject.end > end and subject.root.i >= end:
            return self.doc[end:subject.end]
        # "Washington (AFP) – Democrat Hillary Clinton has taken ...": the parse gave the verb two subjects,
        # the city and the name after the dash; the name is the one.
        verb = subject.root.head
        second = next((t for t in self.doc[end:cue.i] if t.dep_ in SUBJECT_DEPS and t.head.i == verb.i
                       and t.pos_ in ("PROPN", "NOUN", "PRON")), None)
        return self.mention(second) if second is not None else self.speaker_near(cue, end)

    def dateline_end(self, token: Token) -> int | None:
        """The index after the dash of the dateline opening the sentence of ``token``, if it has one: a word
        in capitals ("WASHINGTON", "NEW YORK"), then only names, abbreviations, numbers and punctuation
        ("Dec. 8 (UPI)", ", Nev. (AP)") up to a dash, within a dozen tokens."""
        doc, start = self.doc, token.sent.start
        while start < token.i and doc[start].is_space:
            start += 1
        first = doc[start]
        if not (first.is_alpha and first.text[:1].isupper() or first.like_num) or self._paragraph_of(first.idx) is None:
            return None
        capitals = first.is_alpha and first.is_upper and len(first) > 1
        for k in range(start + 1, min(token.i, start + 12)):
            t = doc[k]
            if t.text in DASHES or t.text == "-":
                # "Washington (AFP) –", "Dec 29 (Reuters) -": a wire agency in parentheses marks it too.
                return k + 1 if capitals or _agency_in_parentheses(doc, k) else None
            if "\n" in t.text or t.pos_ in ("VERB", "AUX") or (t.is_alpha and t.is_lower):
                return None
        return None

    def _relative_antecedent(self, verb: Token) -> Span | None:
        """"Mr. Kamin, who emphasized ...", "an architect who said ... and told": the noun the relative
        clause holding ``verb`` modifies."""
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
            return self.mention(verb.head)
        return None

    def speaker_near(self, cue: Token, frame_start: int, within_sentence: bool = True) -> Span | None:
        """Fallback when the parse gives the cue no subject: the nearest name/pronoun/noun in the frame
        before the cue ("“A” Chief Chuck Jordan said"), else right after it ("said Ellis"). With
        ``within_sentence`` the frame stops at the start of the cue's sentence."""
        if within_sentence:
            frame_start = max(frame_start, cue.sent.start)
        before = [t for t in self.doc[frame_start:cue.i] if self._may_speak(t) and not _in_participle_clause(t, cue)]
        # After the cue only an inverted subject ("said Ellis", "said the senator"), not "adding that its ...".
        start = cue.i + 2 if cue.i + 1 < len(self.doc) and self.doc[cue.i + 1].pos_ == "DET" else cue.i + 1
        after = [t for t in self.doc[start:min(len(self.doc), cue.i + 4)] if self._may_speak(t)]
        # A cue with a subject before it is not inverted: "“A,” the 52-year-old told the Herald" (the
        # Herald is the one told, whatever the subject turns out to be); nor has a participle an inverted
        # subject ("…,” promising the Friends of Abe will return": not them).
        inverted = cue.tag_ != "VBG" and not any(
            c.dep_ in SUBJECT_DEPS and frame_start <= c.i < cue.i for c in cue.children)
        after = after if after and after[0].i == start and inverted else []
        if before:
            return self.mention(before[-1])
        if after:
            token = after[0]
            # To the head of the inverted subject: "said Rubio spokesman Alex Conant" is Conant, whom the
            # name and the role before him qualify.
            while token.i + 1 < len(self.doc) and self.doc[token.i + 1].pos_ in ("PROPN", "NOUN") and (
                    token.pos_ == "PROPN" and self.doc[token.i + 1].pos_ == "PROPN" or token.dep_ == "compound"):
                token = self.doc[token.i + 1]
            return self.mention(token)
        return None

    def first_phrase_speaker(self, first: int, cue: Token) -> Span | None:
        """The name closing the first phrase between ``first`` and the cue, before any comma, parenthesis
        or dash ("Flynn, a top Trump surrogate, said": Flynn)."""
        chunk = []
        for token in self.doc[first:cue.i]:
            if token.text in {",", "(", "—", "–", "-"}:
                break
            chunk.append(token)
        names = [t for t in chunk if self._may_speak(t)]
        return self.mention(names[-1]) if names else None

    def _may_speak(self, token: Token) -> bool:
        """A name, pronoun or noun that is not a date, place or work, nor (part of) the object of a
        preposition ("on Twitter", "in New York", "by Pope Benedict")."""
        if token.pos_ not in ("PROPN", "PRON", "NOUN") or token.ent_type_ in NON_SPEAKER_ENTITIES \
                or token.tag_ == "PRP$" or token.dep_ == "poss" or not any(ch.isalpha() for ch in token.text):
            return False
        head = token.head if token.dep_ in ("compound", "flat") else token
        return head.dep_ != "pobj"

    def according_to_content(self, according: Token) -> Span | None:
        """"According to X, CLAUSE." / "CLAUSE, according to X.": the sentence minus the attribution."""
        sent = according.sent
        phrase_end = according.i + 1
        pobj = [c for c in self.doc[according.i + 1].children if c.dep_ == "pobj"]
        if pobj:
            phrase_end = pobj[0].right_edge.i + 1
        if according.i - sent.start <= 1 or self._opens_coordinated_clause(according, phrase_end):
            content = self.doc[phrase_end:sent.end]
        elif (inserted := self._clause_around(according, phrase_end)) is not None:
            content = inserted
        else:
            content = self.doc[sent.start:according.i]
        return content if len(content) else None

    def _opens_coordinated_clause(self, according: Token, phrase_end: int) -> bool:
        """ "Almost a million injections are given a year - but according to experts, many keep them
        secret": after a conjunction the phrase opens the clause it joins, as it opens a sentence; the
        words before the conjunction are the writer's own clause."""
        doc = self.doc
        if according.i == 0 or doc[according.i - 1].lower_ not in ("but", "and", "yet", "while", "whereas"):
            return False
        rest = doc[phrase_end:according.sent.end]
        return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "relcl") for t in rest)

    def _clause_around(self, according: Token, phrase_end: int) -> Span | None:
        """The clause an "according to X" phrase set off by commas interrupts, the phrase included, as
        for a reporting clause inside a sentence ("Fundraising, according to the campaign, has surged",
        "Now, according to the poll, some are swinging"): the verb it modifies comes after it, so the
        words before it are only that clause's subject or opening adverbial, not a clause of their own."""
        doc, verb = self.doc, according.head
        if doc[according.i - 1].text != "," or phrase_end >= len(doc) or doc[phrase_end].text != "," \
                or verb.i <= phrase_end or verb.pos_ not in ("VERB", "AUX") or verb.sent != according.sent:
            return None
        start, end = verb.left_edge.i, verb.right_edge.i + 1
        # Not a clause of its own coordinated after it ("..., remain undecided, so late movement could
        # propel ..."): the phrase sets off the words of the clause it sits in.
        later = next((c for c in verb.rights if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                      and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)), None)
        if later is not None:
            end = later.left_edge.i
        while end - 1 > verb.i and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
            end -= 1
        while start < according.i and (doc[start].dep_ == "cc" or doc[start].is_punct):
            start += 1  # "But, according to ...": the conjunction joins the sentence to the one before
        return doc[start:end]

    def according_to_speaker(self, according: Token) -> Span | None:
        to = self.doc[according.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                return self.author_of(self.mention(child))
        nxt = to.i + 1
        if nxt < len(self.doc) and self.doc[nxt].pos_ in ("PROPN", "NOUN", "PRON"):
            return self.mention(self.doc[nxt])
        return None

    def mention(self, token: Token) -> Span:
        """The words a speaker mention rests on: the head noun with its compounds, determiner, titles; a
        role phrase closed by a person's name is that person."""
        token = self._name_before_parentheses(token)
        name = self._name_closing_role(token)
        if name is not None:
            return name
        token = self._named_in_apposition(token)
        start = token.i
        # (a number's own modifiers too: "Six in 10", a share of respondents, is one phrase)
        compact = COMPACT_DEPS | {"quantmod"} if token.pos_ == "NUM" else COMPACT_DEPS
        if _nominal_adjective(token):
            compact = compact | {"npadvmod"}  # an age: "the 45-year-old said" is all of it, not "old"
        for child in reversed(list(token.lefts)):
            if child.dep_ in compact and (child.i == start - 1 or child.right_edge.i == start - 1):
                start = child.left_edge.i
            else:
                break
        end = token.i + 1
        for child in token.rights:
            if child.dep_ in ("flat", "compound") and child.i == end:
                end = child.i + 1
            else:
                break
        while start < token.i and (self.doc[start].is_punct or self.doc[start].lower_ in SAY_FORMS
                                   or self.inside_quotation(self.doc[start].idx)):
            start += 1  # "Said Ellis:" tags "Said" as part of the name; the quoted words are never the name
        named = self._name_before_apposition(token, start) or self._name_before_dash(token, start)
        if named is not None:
            return named
        principal = self._principal(token, end)
        if principal is not None:
            return self.doc[start:principal.end]
        return self.doc[start:self._name_after_abbreviated_title(end)]

    def _name_after_abbreviated_title(self, end: int) -> int:
        """ "said Army Capt. Christian Pardo", "said Air Force 1st Lt. Tyler Livingston": a mention ending
        in an abbreviated rank or title (or an ordinal of one) runs on through the period the parse took
        for a sentence end to the person's name after it; the end of the mention, ``end`` when no name
        follows."""
        doc = self.doc
        last = doc[end - 1]
        if last.lower_.rstrip(".") not in ABBREVIATED_TITLES and not _ordinal(last):
            return end
        i = end
        while i < min(len(doc), end + 4) and (doc[i].text == "." or _ordinal(doc[i]) or doc[i].lower_ == "class"
                                              or doc[i].lower_.rstrip(".") in ABBREVIATED_TITLES):
            i += 1
        if i == end or i >= len(doc) or doc[i].ent_type_ != "PERSON" or doc[i].ent_iob_ != "B" \
                or not any(doc[k].text == "." or doc[k].text.endswith(".") for k in range(end - 1, i)):
            return end
        i += 1
        while i < len(doc) and doc[i].ent_iob_ == "I" and doc[i].ent_type_ == "PERSON":
            i += 1
        return i

    def _principal(self, token: Token, end: int) -> Span | None:
        """ "A spokesman for Mayor Frank Jackson", "a lawyer for Mr. Trump", "aides to the senator": the one
        a spokesperson speaks for, named right after the head, which the mention then takes in (the
        resolver attributes such words to that person, `resolution.resolver._resolve_proxy`)."""
        if token.pos_ not in ("NOUN", "PROPN") or end >= len(self.doc) \
                or not {fold_lemma(token), token.lower_.removesuffix("s")} & SPOKESPERSON_NOUNS:
            return None
        prep = self.doc[end]
        if prep.head.i != token.i or prep.dep_ != "prep" or prep.lower_ not in ("for", "to"):
            return None
        objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")]
        return self.mention(objects[0]) if objects else None

    def _name_before_parentheses(self, token: Token) -> Token:
        """ "Gov. John Kasich (R-OH) said", "Martin O'Malley (D) and ...": what a parenthesis right after a
        name holds (party, state, age) qualifies the name; the parse sometimes takes it for the subject."""
        doc, sent = self.doc, token.sent
        opening = next((t for t in reversed(doc[max(sent.start, token.i - 4):token.i]) if t.text in "()"), None)
        closing = next((t for t in doc[token.i + 1:min(sent.end, token.i + 4)] if t.text in "()"), None)
        if opening is None or opening.text != "(" or closing is None or closing.text != ")" or opening.i == 0:
            return token
        name = doc[opening.i - 1]
        return name if name.pos_ == "PROPN" and name.is_alpha and name.text[:1].isupper() else token

    def _named_in_apposition(self, token: Token) -> Token:
        """The person's name a role noun has in apposition ("the chairman, John McCain"), else the noun."""
        if token.pos_ != "NOUN":
            return self._name_after_proper_role(token) or token
        for child in token.children:
            # Not what a parenthesis holds ("Martin O’Malley (D)": a name the tagger made a noun, a party)
            if child.dep_ == "appos" and child.pos_ == "PROPN" and token.ent_type_ != "PERSON" \
                    and self.doc[child.left_edge.i - 1].text != "(":
                return child
        return self._name_closing_phrase(token) or token

    def _name_after_proper_role(self, head: Token) -> Token | None:
        """ "said the Labour MP for Leeds East, Richard Burgon": a role the tagger made a proper noun
        ("MP", "MEP", "Minister") with a person's name set off by a comma in apposition is that person,
        as a common noun's role is ("the chairman of the committee, John McCain")."""
        if head.pos_ != "PROPN" or head.ent_type_ == "PERSON" or head.lower_.rstrip(".") not in ROLE_SYNONYMS:
            return None
        for child in head.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON" \
                    and self.doc[child.left_edge.i - 1].text == "," and not self.inside_quotation(child.idx):
                return child
        return None

    def _name_closing_phrase(self, head: Token) -> Token | None:
        """ "The director of the European Centre, Ina Kirsch, said", "One pastor supporting Mr. Cruz, Darran
        Whiting of Liberty Baptist Church, said": a person's name set off by commas or dashes that closes
        a common noun's phrase stands in apposition to that noun, though the parse hung it on the noun
        nearest it (a name is not in apposition to an organisation, nor to another name)."""
        doc = self.doc
        closing = _closing_mark(doc, head)
        if closing is None:
            return None
        for token in doc[head.i + 1:closing]:
            if token.dep_ == "appos" and token.pos_ == "PROPN" and self._person_name(token) \
                    and token.right_edge.i in (closing - 1, closing) and _sets_off(doc[token.left_edge.i - 1]) \
                    and not self.inside_quotation(token.idx):
                return token
        return None

    def _person_name(self, token: Token) -> bool:
        """A person's name: tagged so, or a full name the tagger left untagged ("Darran Whiting", a first
        name it does not know): two or three capitalised proper nouns, no entity of another kind among them."""
        if token.ent_type_ == "PERSON":
            return True
        words = [c for c in token.lefts if c.dep_ == "compound" and c.i >= token.i - 2] + [token]
        return 2 <= len(words) <= 3 and words[-1].i - words[0].i == len(words) - 1 and all(
            t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper and not t.ent_type_
            and t.lower_.rstrip(".") not in TITLES for t in words)

    def _name_before_apposition(self, head: Token, start: int) -> Span | None:
        """"Robert Shrum, a veteran Democratic strategist, said", "William M. Daley, President Obama's former
        chief of staff, said": a role phrase set off by commas right after a person's name describes that
        person, whichever of the two the parse made the subject."""
        doc = self.doc
        if self._person_name(head) or start < 2 or doc[start - 1].text != "," \
                or head.right_edge.i + 1 >= len(doc) or doc[head.right_edge.i + 1].text != ",":
            return None
        name = doc[start - 2]
        if name.ent_type_ != "PERSON" or name.pos_ != "PROPN":
            return None
        return self.mention(name)

    def _name_before_dash(self, head: Token, start: int) -> Span | None:
        """ "Marla Quennell - Tom Hale's sister and campaign manager - told": a person's name set off by a
        spaced dash before the role describing them; the parse made the name a compound of the role's
        possessor, so the compacted mention ran over the dash."""
        doc = self.doc
        dash = next((t.i for t in doc[start + 1:head.i] if (t.text in DASHES or t.text == "-")
                     and t.whitespace_ and doc[t.i - 1].whitespace_), None)
        if dash is None or head.pos_ != "NOUN" or doc[dash + 1].like_num:
            return None  # (not "supporters of Mr. Trump - 60 percent - said": a share of them)
        name = doc[start:dash]
        if name[-1].ent_type_ != "PERSON" or any(t.pos_ != "PROPN" or not t.text[:1].isupper() for t in name):
            return None
        return name

    def _name_closing_role(self, head: Token) -> Span | None:
        """"U.S. Ambassador to the U.N. Linda Thomas-Greenfield", "Ambassador to China Nicholas Burns": the
        role phrase ends in a PERSON name that follows the role's own complement (not "a spokesman for
        Senator John Doe", where the name is the complement)."""
        edge = _before_parenthesis(head.right_edge, head.i)
        if head.ent_type_ == "PERSON" or head.pos_ not in ("NOUN", "PROPN") or edge.ent_type_ != "PERSON":
            return None
        start = edge.i
        while start > head.i and self.doc[start].ent_iob_ == "I":
            start -= 1
        between = self.doc[head.i + 1:start]
        if start <= head.i or self.doc[start].ent_iob_ != "B" or self.doc[start - 1].pos_ not in ("PROPN", "NOUN") \
                or any(t.pos_ not in ("PROPN", "NOUN", "ADP", "DET", "ADJ") for t in between):
            return None  # a clause or an aside between them ("the cardinal, appointed by Pope Benedict")
        prepositions = [t.i for t in between if t.pos_ == "ADP"]
        if prepositions:
            complement = self.doc[prepositions[-1] + 1:start]
            if not any(t.pos_ == "DET" or (t.ent_type_ and t.ent_type_ != "PERSON") for t in complement):
                return None
        return self.doc[start:edge.i + 1]

    def confidence(self, speaker: Span, base: float) -> float:
        """A rule's base confidence, lowered for pronoun and common-noun mentions."""
        root = speaker.root
        if root.pos_ == "PROPN" or root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return base
        if root.pos_ == "PRON":
            return round(base * self.config["pronoun_factor"], 3)
        return round(base * self.config["common_noun_factor"], 3)

    # ------------------------------------------------------------------ building quotes
    def _make_quote(self, start: int, end: int, kind: str, link: Link) -> Quote:
        quote = Quote(text=self.text[start:end], start=start, end=end, type=kind)  # type: ignore[arg-type]
        self._fill(quote, link, 1.0, link.rule)
        return quote

    def _fill(self, quote: Quote, link: Link, factor: float, rule: str) -> None:
        lo, hi = quote.start, quote.end
        if link.cue is not None:
            cue = link.cue
            cue_end = cue.idx + len(cue.text)
            if cue.lower_ == "according":
                cue_end = self.doc[cue.i + 1].idx + len(self.doc[cue.i + 1].text)
            quote.cue, quote.cue_start, quote.cue_end = self.text[cue.idx:cue_end], cue.idx, cue_end
            lo, hi = min(lo, cue.idx), max(hi, cue_end)
        if link.speaker is not None:
            sp = link.speaker
            quote.speaker_mention, quote.speaker_start, quote.speaker_end = sp.text, sp.start_char, sp.end_char
            lo, hi = min(lo, sp.start_char), max(hi, sp.end_char)
        quote.confidence = round(link.confidence * factor, 3)
        quote.rule = rule
        quote.sentence = self._sentence_text(lo, hi)

    def _sentence_text(self, start: int, end: int) -> str:
        first = self.doc.char_span(start, end, alignment_mode="expand")
        if first is None or len(first) == 0:
            return self.text[start:end]
        return self.text[first[0].sent.start_char:first[-1].sent.end_char].strip()

    # ------------------------------------------------------------------ layout
    def _paragraph_of(self, pos: int) -> tuple[int, int] | None:
        index = self.paragraph_index(pos)
        if index >= 0 and pos <= self.paragraphs[index][1]:
            return self.paragraphs[index]
        return None

    def in_boilerplate(self, pos: int) -> bool:
        """Whether ``pos`` lies in a byline, credit or call-to-action paragraph (attribution.boilerplate)."""
        index = self.paragraph_index(pos)
        return index >= 0 and pos <= self.paragraphs[index][1] and self._boilerplate[index]

    def quote_taken(self, start: int, end: int) -> bool:
        """Whether a quotation the rules have already made overlaps the text from ``start`` to ``end``
        (a clause stretched by a rule must not run into it)."""
        return any(q.start < end and start < q.end for q in self.quotes)

    def quotation_overlaps(self, start: int, end: int) -> bool:
        """Whether a quotation-mark pair overlaps the text from ``start`` to ``end``."""
        index = bisect.bisect_right(self._span_ends, start)
        return index < len(self.spans) and self.spans[index].start <= end

    def _paragraph_holds_quotation(self, pos: int) -> bool:
        """As the parser decides it: some quoted span overlaps the paragraph, or the paragraph introduces
        the quotation that opens the next one (marks.introduces_quotation)."""
        para = self._paragraph_of(pos)
        if para is None:
            return False
        index = bisect.bisect_left(self._span_ends, para[0])
        return (index < len(self.spans) and self.spans[index].start <= para[1]) \
            or introduces_quotation(self.text, para[1], self.spans, self._span_ends)

    def colon_before_paragraph(self, cand: Candidate) -> Token | None:
        """The colon ending the previous paragraph when the quotation opens its own paragraph right after
        it ("Cruz continued:" ¶ "“A.”"), after the previous quotation; else None."""
        if cand.qspan.continued or not introduces_quotation(self.text, self._para_end_before(cand.qspan.start),
                                                            self.spans, self._span_ends):
            return None
        doc, j = self.doc, cand.tokens.start - 1
        while j >= 0 and (doc[j].is_space or doc[j].text == cand.qspan.open_mark):
            j -= 1
        if j < 0 or doc[j].text != ":" or doc[j].idx < cand.prev_end:
            return None
        return doc[j]

    def _para_end_before(self, pos: int) -> int:
        index = self.paragraph_index(pos) - 1
        return self.paragraphs[index][1] if index >= 0 else 0

    def inside_quotation(self, pos: int) -> bool:
        return self.quotation_overlaps(pos, pos)

    def crosses_paragraph(self, a: int, b: int) -> bool:
        return "\n" in self.text[a:b]


def inner_report(doc: Doc, quote: Quote, start: int, end: int) -> bool:
    """Whether ``quote`` lies whole, cue included, in the content [start, end) of an outer report, its cue
    in a clause describing a participant of that content (`subordinate_within`)."""
    return start <= quote.start and quote.end <= end and quote.cue_start is not None \
        and start <= quote.cue_start < end and subordinate_within(doc, quote.cue_start, start, end)


def subordinate_within(doc: Doc, cue_start: int, start: int, end: int) -> bool:
    """The cue at ``cue_start`` sits in a clause that describes a participant of the sentence spanning
    [start, end) (a relative, participle or adverbial clause), not in that sentence's own predicate."""
    span = doc.char_span(cue_start, cue_start + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    while start <= token.idx < end and token.head.i != token.i:
        if token.dep_ in SUBORDINATE_DEPS:
            return True
        token = token.head
    return False


def addressed_not_speaking(cue: Token) -> bool:
    """Whether a cue verb puts words TO its grammatical subject rather than reporting the subject's own:
    a passive ("he was told that ...", no "by" agent) or a bare past participle clause ("When asked if he
    agreed ..."). Shared with the learned grouping (attribution.learned.grouping)."""
    if _passive_participle(cue):
        return True
    children = list(cue.children)
    return any(c.dep_ == "nsubjpass" for c in children) and not any(c.dep_ == "agent" for c in children) \
        and cue.lemma_ not in PASSIVE_SPEAKER_VERBS


def _is_message(token: Token) -> bool:
    """A common noun naming a message or document (`MESSAGE_NOUNS`)."""
    return token.pos_ == "NOUN" and (fold_lemma(token) in MESSAGE_NOUNS or token.lower_ in MESSAGE_NOUNS)


def _sets_off(token: Token) -> bool:
    """A comma or dash, as sets off an apposition."""
    return token.text == "," or token.text in DASHES


def _relative_word(token: Token) -> bool:
    """A relative pronoun or adverb, not an acronym spelled like one ("says WHO": the health body)."""
    return token.lower_ in RELATIVE_WORDS and not token.is_upper


def _nominal_adjective(token: Token) -> bool:
    """An adjective standing for a person with its determiner: "the 52-year-old told the Herald", "the
    injured said" (the tagger calls the head an adjective; it is the subject, not a modifier)."""
    return token.pos_ == "ADJ" and any(c.dep_ == "det" for c in token.children)


# Quantifiers the tagger calls adjectives or adverbs that stand for a group of people as a subject.
QUANTIFIER_SUBJECTS = frozenset({"many", "most", "few", "several"})


def _quantifier(token: Token) -> bool:
    """ "Many of the local leaders said ...", "most said they were worried": a group of speakers, though
    tagged an adjective or adverb."""
    return token.pos_ in ("ADJ", "ADV") and token.lower_ in QUANTIFIER_SUBJECTS and token.dep_ == "nsubj"


def _role_named_before_verb(verb: Token, subject: Token) -> Token | None:
    """ "Or maybe Jeb Bush, digital consultant Phil Musser says.": a role and a person's name set off
    right before the verb, which the parse hung on another person's name as its appositive, is the
    subject; the first name is what the speaker talks about (one person is never another's appositive)."""
    if subject.pos_ != "PROPN" or subject.ent_type_ != "PERSON":
        return None
    for appos in subject.children:
        if appos.dep_ == "appos" and appos.pos_ == "PROPN" and appos.ent_type_ == "PERSON" \
                and appos.right_edge.i + 1 == verb.i and appos.lower_ != subject.lower_ \
                and any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower for c in appos.children) \
                and appos.doc[appos.left_edge.i - 1].text == ",":
            return appos
    return None


# Word classes of a subject that keeps a cue's speaker in its own clause ("’s" tagged a verb and made the
# subject of "said" is a parse error; a number often heads a phrase whose noun tells more, "with one of her
# ads asking": the ad is its author's, whom the clause the parse hung it on may name).
SUBJECT_WORD_CLASSES = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "ADV", "DET", "X"})


def _own_subject(verb: Token) -> bool:
    """Whether an active verb has a subject of its own, though not one that can speak ("several told",
    "some told"): the verb it hangs on has another (a possessive, or a contraction the tagger made a verb, that
    the parse made a subject is an error; a passive's subject is the hearer)."""
    return any(c.dep_ == "nsubj" and c.tag_ != "PRP$" and c.pos_ in SUBJECT_WORD_CLASSES
               and any(ch.isalpha() for ch in c.text) for c in verb.children)


# Abbreviated ranks and titles that stand before a name ("Army Capt.", "1st Lt.", "Sgt. 1st Class").
ABBREVIATED_TITLES = frozenset("lt gen col maj sgt capt cmdr adm cpl pvt spc rev sen rep gov dr atty supt amb".split())


def _before_parenthesis(edge: Token, after: int) -> Token:
    """The last word before a parenthesis closing a phrase ("Leader Chuck Schumer (D-N.Y.)" -> "Schumer"):
    a party and state, an age or an acronym in parentheses are no part of the name they follow."""
    if edge.text != ")":
        return edge
    opening = next((t.i for t in reversed(edge.doc[after + 1:edge.i]) if t.text == "("), None)
    return edge.doc[opening - 1] if opening is not None and opening - 1 > after else edge


def _ordinal(token: Token) -> bool:
    """ "1st", "2nd", "3rd", "4th": an ordinal of a rank ("1st Lt.")."""
    text = token.lower_
    return len(text) > 2 and text[:-2].isdigit() and text[-2:] in ("st", "nd", "rd", "th")


def _closing_mark(doc: Doc, head: Token) -> int | None:
    """The index of the comma or dash that closes ``head``'s phrase: its last token, or the one right after
    it (the parse may hang the closing comma on the noun or leave it outside); None when neither is."""
    edge = head.right_edge.i
    closing = edge if _sets_off(doc[edge]) else edge + 1
    return closing if closing < len(doc) and _sets_off(doc[closing]) else None


def _agency_in_parentheses(doc: Doc, dash: int) -> bool:
    """A wire agency in parentheses right before ``dash``, as a dateline names it ("(AFP) –")."""
    return dash >= 3 and doc[dash - 1].text == ")" and doc[dash - 3].text == "(" \
        and doc[dash - 2].lower_ in WIRE_AGENCIES


def _named_author(message: Token) -> Token | None:
    """The author a message noun names itself: a possessor ("Greenberg's research"), the object of
    from/by ("a letter from the mayor", "an estimate by the committee") or the agent of a participle
    describing it ("an article written by Ian Tuttle")."""
    if (owner := possessor(message, ("PROPN", "NOUN", "PRON"))) is not None:
        return owner
    for child in message.children:
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPOSITIONS:
            return next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")), None)
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            objects = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
            if objects:
                return objects[0]
    return None


# Conjunctions opening a participle adjunct that is the subject's next act ("insisted it was too early
# while adding, “...”").
ADJUNCT_MARKS = frozenset({"while", "after", "before"})


def _adjunct_participle(token: Token) -> bool:
    """ "while adding, “...”", "before adding that ...": a participle adjunct opened by a conjunction of
    time, with no subject of its own."""
    if token.tag_ != "VBG" or token.dep_ != "advcl":
        return False
    marks = [c for c in token.children if c.dep_ == "mark"]
    return len(marks) == 1 and marks[0].lower_ in ADJUNCT_MARKS and token.left_edge.i == marks[0].i \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux") for c in token.children)


# Dependencies of a noun in the object part of a clause.
OBJECT_LIKE_DEPS = frozenset({"dobj", "pobj", "conj", "attr", "oprd", "dative"})
# Verbs whose object does what the infinitive after it says ("led Priebus to declare", "urged her to say");
# not "used the question to demand", "had this to say", whose infinitive is the subject's.
OBJECT_CONTROL_VERBS = frozenset("""lead prompt force push press pressure urge ask tell persuade convince encourage
    inspire compel cause invite allow drive spur""".split())


def _object_controlling(cue: Token) -> Token | None:
    """ "The victory led RNC Chairman Reince Priebus to declare him the nominee": the object of the verb an
    infinitive cue complements is the one who speaks (not the verb's subject)."""
    if cue.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children) \
            or cue.head.lemma_.lower() not in OBJECT_CONTROL_VERBS:
        return None
    return next((c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i
                 and c.pos_ in ("PROPN", "NOUN", "PRON") and c.tag_ != "PRP$"), None)


def _when(token: Token) -> bool:
    """A date or time, or a preposition introducing one ("on Tuesday")."""
    if token.ent_type_ in ("DATE", "TIME"):
        return True
    return token.pos_ == "ADP" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children)


def _object_of_preposition(verb: Token) -> bool:
    """A gerund governed by a preposition on a verb or adjective ("by saying", "keen on telling")."""
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
        and verb.head.head.pos_ in ("VERB", "AUX", "ADJ") and verb.head.head.i != verb.head.i


def _passive_participle(verb: Token) -> bool:
    """"Asked about the plan, ...", "When told of it, ...": a past participle heading its own clause, whose
    understood subject is the one spoken to."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _in_participle_clause(token: Token, cue: Token) -> bool:
    """Whether ``token`` lies in a participle clause that describes rather than reports ("President Obama,
    dedicating the National Museum of African American History and Culture on Saturday, said": not
    Culture), one that does not hold the cue."""
    for ancestor in token.ancestors:
        if ancestor.i == cue.i:
            return False
        if ancestor.tag_ in ("VBG", "VBN") and ancestor.dep_ in ("advcl", "acl") and not ancestor.is_ancestor(cue):
            return True
    return False


# Fractions that stand for a share of the people a poll asked, alone ("half said", "a third say").
FRACTIONS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths"})


def _share_of_respondents(subject: Token) -> bool:
    """A share of people as a subject, as polls report what they answered ("47 percent said they would
    vote for ...", "28 percent of voters said", "three in 10 said", "two-thirds of them tell pollsters"): a
    number standing for a group of speakers, not a date or a sum that the parse made a subject."""
    if subject.ent_type_ == "PERCENT":
        return subject.lower_ in ("percent", "%") or subject.text.endswith("%")
    if subject.ent_type_ in ("CARDINAL", "ORDINAL") and subject.pos_ == "NOUN" and subject.lower_ in FRACTIONS:
        return True  # "Nearly half said they prefer ...", "a third said", "two-thirds say": the group is the poll's
    if subject.ent_type_ != "CARDINAL":
        return False
    # "three in 10", "two-thirds of them", "half of the voters": a part of a group the sentence names.
    if any(c.dep_ == "prep" and c.lower_ in ("of", "in") and any(g.dep_ == "pobj" for g in c.children)
           for c in subject.children):
        return True
    # "Six in 10 said ...", "About four in 10 said ...": the parse makes the whole "in 10" the number's
    # modifiers, a number before "in" and the "10" the subject.
    children = list(subject.lefts)
    return subject.pos_ == "NUM" and any(
        c.lower_ == "in" and c.dep_ in ("quantmod", "prep") and any(
            d.i < c.i and d.pos_ == "NUM" and d.dep_ in ("quantmod", "nummod", "compound") for d in children)
        for c in children)


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    for s, e in ranges:
        inter = min(end, e) - max(start, s)
        if inter > 0 and inter >= 0.5 * min(end - start, e - s):
            return True
    return False


__all__ = ["DIRECT", "LINKER_DEFAULTS", "RULES", "Linker", "link_quotes"]
