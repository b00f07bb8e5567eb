"""When was a quotation said? The spaCy component "quote_dater" fills Quote.said_on and said_on_evidence.

The text must say it; otherwise said_on stays None (the publication date alone tells nothing new).
Three rules, tried in order, each only on words outside every quotation (a date inside a quotation is
what the quotation talks about, not when it was said):

1. a date in the attribution's own sentence: "McCain said on Tuesday", "In a 2015 interview, he said";
2. an event the sentence names, dated earlier in the article: "McCain said after the Helsinki summit"
   with "his first summit in Helsinki in July 2018" a few paragraphs before;
3. the narrative the quotation continues: a past-tense cue ("he insisted") within a few sentences after a
   sentence that dates the same speaker ("When he met Putin ... in July 2018"), with no other date between.

Dates are spaCy DATE entities normalised by dateparser; relative ones ("on Tuesday", "last month")
resolve against Doc._.published, and are dropped when it is unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy
from dateparser.date import DateDataParser
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from attribution.extensions import register_extensions
from attribution.relative_dates import NOT_HANDLED, is_anchored, relative_to_anchor, relative_to_publication
from attribution.resolution.entities import EntityMention, EntityTable, merge_spans
from attribution.resolution.layout import Layout
from attribution.types import Quote

register_extensions()  # quotes, published

_MONTHS = (r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|"
           r"nov(ember)?|dec(ember)?")
_MONTH = re.compile(rf"\b({_MONTHS})\b\.?", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY_WORDS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight)\b",
                        re.I)
_DAY_NUMBER = re.compile(rf"\b({_MONTHS})\.? \d{{1,2}}\b|\b\d{{1,2}} ({_MONTHS})\b|\b\d{{4}}-\d\d-\d\d\b", re.I)
_THIS_PART_OF_DAY = re.compile(r"\bthis (morning|afternoon|evening)\b", re.I)
_RELATIVE_UNIT = re.compile(r"\b(last|this|past|previous) (month|year)\b", re.I)
# Durations ("four years", "six decades") and vague spans name no moment.
_VAGUE = re.compile(r"\b(years?|months?|weeks?|days?|decades?|centur(y|ies)|hours?|minutes?|\d0s|season|summer|"
                    r"winter|spring|autumn|fall|recent|future|time)\b", re.I)
_AGO = re.compile(r"\bago\b", re.I)
_LEADING = re.compile(r"^(earlier|later|early|late|mid-?|in|on|at|during|since|the|this past)\s+|^mid-(?=[a-z])", re.I)
EVIDENCE_PREPOSITIONS = frozenset({"in", "on", "during", "at", "since", "from", "last"})
EVENT_NOUNS = frozenset("""summit meeting debate rally hearing interview conference speech address convention forum
    visit talks town hall briefing ceremony trip testimony session event remarks statement appearance
    campaign gathering announcement""".split())
PAST_TAGS = frozenset({"VBD", "VBN"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Time words that move the story to another moment (durations such as "two hours" do not).
_TIME_SHIFT = re.compile(rf"\b(recent|ago|last|this|earlier|later|yesterday|today|tonight|now|next|monday|tuesday|"
                         rf"wednesday|thursday|friday|saturday|sunday|{_MONTHS}|1[89]\d\d|20\d\d)\b", re.I)
CARRY_SENTENCES = 3
EVENT_WINDOW_UNNAMED = 6
EVENT_DATE_DISTANCE = 6  # tokens between an event noun and the date that dates it


@dataclass(slots=True)
class Dating:
    said_on: str | None
    evidence: str | None
    rule: str | None = None  # "sentence", "event", "narrative"


NO_DATE = Dating(None, None)


@lru_cache(maxsize=64)
def _parser(base: dt.datetime) -> DateDataParser:
    """One dateparser parser per publication date (building the settings is most of a parse's cost)."""
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})


@lru_cache(maxsize=4096)
def normalise_date(text: str, published: dt.date | None) -> tuple[str, dt.date] | None:
    """ "July 2018" -> ("2018-07", date); "on Tuesday" -> the Tuesday before ``published``; None when the
    words name no moment (durations, vague spans) or need a publication date that is unknown."""
    text = " ".join(text.split())
    special = _special_relative(text, published)
    if special is not NOT_HANDLED:
        return special  # type: ignore[return-value]
    relative = bool(_DAY_WORDS.search(text) or _RELATIVE_UNIT.search(text) or _AGO.search(text))
    if _VAGUE.search(text) and not (_AGO.search(text) or _RELATIVE_UNIT.search(text)):
        return None
    has_year = bool(_YEAR.search(text))
    has_month = bool(_MONTH.search(text))
    if not (has_year or has_month or relative):
        return None
    if published is None and (relative or not has_year):
        return None
    base = dt.datetime.combine(published or dt.date.today(), dt.time())
    core = text
    while (stripped := _LEADING.sub("", core)) != core:
        core = stripped
    try:
        parsed = _parser(base).get_date_data(core).date_obj
    except (OverflowError, ValueError):  # a base at the calendar's edge (a "0001-01-01" placeholder)
        return None
    if parsed is None:
        return None
    day = parsed.date()
    if published is not None and day > published:
        return None
    if _DAY_WORDS.search(text) or _DAY_NUMBER.search(text) or (_AGO.search(text) and re.search(r"days?", text)):
        return day.isoformat(), day
    if has_month or re.search(r"\bmonth\b", text, re.I):
        return f"{day:%Y-%m}", day
    return f"{day:%Y}", day


def _special_relative(text: str, published: dt.date | None) -> tuple[str, dt.date] | None | object:
    """Weeks, "today", the publication's own weekday (attribution.relative_dates); NOT_HANDLED otherwise."""
    if published is None:
        return NOT_HANDLED
    try:
        special = relative_to_publication(text, published)
    except OverflowError:  # a placeholder publication date at the calendar's edge
        return None
    if special is NOT_HANDLED or special is None:
        return special
    return special, dt.date.fromisoformat(_first_day(str(special)))


def _first_day(said_on: str) -> str:
    return {4: f"{said_on}-01-01", 7: f"{said_on}-01"}.get(len(said_on), said_on)


def _names_a_day_or_date(ent: Span) -> bool:
    """DATE entities, and TIME ones that name a day ("Saturday night")."""
    return ent.label_ == "DATE" or (ent.label_ == "TIME" and bool(_DAY_WORDS.search(ent.text)
                                                                  or _THIS_PART_OF_DAY.search(ent.text)))


def _attached(token: Token, cue: Span, speaker: tuple[int, int] | None) -> bool | None:
    """Whether ``token`` modifies the cue verb: its chain of syntactic heads reaches the cue without passing
    through another verb or through the speaker mention ("an aide in 2012" describes the speaker, not
    when the words were said). None when the sentence has no parse."""
    if not token.has_dep() or not cue.root.has_dep():
        return None
    cue_ids = {t.i for t in cue}
    current, steps = token, 0
    while steps < 12:
        if current.i in cue_ids:
            return True
        if current.pos_ in ("VERB", "AUX") and current is not token:
            return False
        if speaker and speaker[0] <= current.idx < speaker[1]:
            return False
        if current.head is current:
            return False
        current, steps = current.head, steps + 1
    return False


def _is_main_verb(token: Token) -> bool:
    """A clause's main verb: the sentence root or a verb coordinated with it (all verbs without a parse)."""
    if not token.has_dep():
        return token.pos_ in ("VERB", "AUX")
    return token.pos_ in ("VERB", "AUX") and (token.dep_ == "ROOT" or token.dep_ == "conj" and token.head.dep_ == "ROOT")


def _verb_group(token: Token) -> list[Token]:
    return [token, *(c for c in token.children if c.dep_ in ("aux", "auxpass"))]


def _entity_text(token: Token) -> str:
    return next((e.text for e in token.doc.ents if e.start == token.i), token.text)


class _Dater:
    def __init__(self, doc: Doc, quotes: list[Quote], published: dt.date | None, table: EntityTable | None):
        self.doc = doc
        self.published = published
        self.layout = table.layout if table is not None else Layout.of(doc)
        self.quote_spans = [(q.start, q.end) for q in quotes]
        self._quote_union = merge_spans(self.quote_spans)
        self._quote_starts = [s for s, _ in self._quote_union]
        self._table = table
        # Time expressions outside quotations, by sentence; normalised only when a rule asks (dateparser
        # is the costly part).
        self.date_ents = [ent for ent in doc.ents if _names_a_day_or_date(ent)
                          and not self._inside_quote(ent.start_char, ent.end_char)]
        # Each one's sentence, found once: every quotation asks of them.
        self._date_sentences = [self._sentence(ent.start_char) for ent in self.date_ents]
        self._normalised: dict[int, tuple[Span, str, str] | None] = {}
        self._event_tokens: list[int] | None = None

    def dates(self, first_sentence: int = 0, last_sentence: int | None = None) -> list[tuple[Span, str, str]]:
        """Normalised dates (entity, said_on, evidence) of the sentences first..last, in text order."""
        found = []
        for ent, sentence in zip(self.date_ents, self._date_sentences, strict=True):
            if sentence < first_sentence or (last_sentence is not None and sentence > last_sentence):
                continue
            if ent.start not in self._normalised:
                self._normalised[ent.start] = self._date_of(ent)
            if self._normalised[ent.start]:
                found.append(self._normalised[ent.start])
        return found

    @property
    def table(self) -> EntityTable:
        if self._table is None:
            self._table = EntityTable(self.doc, self.layout, self.quote_spans)
        return self._table

    def _inside_quote(self, start: int, end: int) -> bool:
        """Whether [start, end) touches the inside of a quotation (bisect over the quotations' union)."""
        k = bisect_right(self._quote_starts, start) - 1
        if k >= 0 and start < self._quote_union[k][1]:
            return True
        return k + 1 < len(self._quote_union) and self._quote_union[k + 1][0] < end

    def _date_of(self, ent: Span) -> tuple[Span, str, str] | None:
        normalised = normalise_date(ent.text, self.published)
        said_on = normalised[0] if normalised else self._anchored_date(ent)
        if said_on is None:
            return None
        evidence = ent
        before = ent.doc[ent.start - 1] if ent.start else None
        if before is not None and before.lower_ in EVIDENCE_PREPOSITIONS:
            evidence = ent.doc[ent.start - 1:ent.end]
        return ent, said_on, evidence.text

    def _anchored_date(self, ent: Span) -> str | None:
        """ "The next day", "later that month": counted from the last date the narration named, within
        CARRY_SENTENCES sentences before (None when there is none, or it is not precise enough)."""
        if not is_anchored(ent.text):
            return None
        sentence = self._sentence(ent.start_char)
        earlier = [e for e in self.date_ents if e.end <= ent.start
                   and sentence - self._sentence(e.start_char) <= CARRY_SENTENCES]
        if not earlier:
            return None
        anchor = earlier[-1]
        if anchor.start not in self._normalised:
            self._normalised[anchor.start] = self._date_of(anchor)
        dated = self._normalised[anchor.start]
        said_on = relative_to_anchor(ent.text, dated[1]) if dated else None
        if said_on and self.published is not None and _first_day(said_on) > self.published.isoformat():
            return None
        return said_on

    def _sentence(self, char: int) -> int:
        return self.layout.sentence_at(char)

    def _cue(self, quote: Quote) -> Span | None:
        if quote.cue_start is None or quote.cue_end is None:
            return None
        return self.doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")

    def _modifies_cue(self, token: Token, quote: Quote, cue: Span | None) -> bool:
        if cue is None:
            return False
        speaker = (quote.speaker_start, quote.speaker_end) if quote.speaker_start is not None else None
        attached = _attached(token, cue, speaker)
        if attached is not None:
            return attached
        # No parse: only a date right next to the cue ("said Monday", "said on Tuesday").
        return 0 <= token.i - cue.end <= 2 or 0 <= cue.start - token.i - 1 <= 1

    def date_quote(self, quote: Quote) -> Dating:
        cue = self._cue(quote)
        anchor = quote.cue_start if quote.cue_start is not None else quote.start
        sentence = self._sentence(anchor)
        in_sentence = [d for d in self.dates(sentence, sentence) if self._modifies_cue(d[0].root, quote, cue)]
        if in_sentence:
            ent, said_on, evidence = min(in_sentence, key=lambda d: abs(d[0].start_char - anchor))
            return Dating(said_on, evidence, "sentence")
        first_sentence = min(sentence, self._sentence(quote.start))
        return self._by_event(quote, sentence) or self._by_narrative(quote, first_sentence) or NO_DATE

    def _sentence_tokens(self, index: int):
        return self.layout.sentence_tokens(self.doc, index)

    def _events_named(self, quote: Quote, sentence: int) -> list[tuple[str, set[str]]]:
        """Event nouns the cue names ("said after the Helsinki summit"), with the proper nouns before them."""
        tokens = self._sentence_tokens(sentence)
        cue = self._cue(quote)
        events = []
        events_at = self._event_token_indices()
        for i in events_at[bisect_left(events_at, tokens.start):bisect_left(events_at, tokens.end)]:
            token = self.doc[i]
            if not self._inside_quote(token.idx, token.idx + 1) and self._modifies_cue(token, quote, cue):
                modifiers = {t.lower_ for t in self.doc[max(i - 3, tokens.start):i] if t.pos_ == "PROPN"}
                events.append((token.lemma_.lower(), modifiers))
        return events

    def _event_token_indices(self) -> list[int]:
        """The tokens whose lemma is one of the EVENT_NOUNS, in order: found once per Doc on the lemma
        array (each distinct lemma looked at once), not token by token for every quotation."""
        if self._event_tokens is None:
            lemmas = self.doc.to_array(LEMMA) if len(self.doc) else numpy.zeros(0, dtype="uint64")
            strings = self.doc.vocab.strings
            events = [lemma for lemma in set(lemmas.tolist()) if strings[lemma].lower() in EVENT_NOUNS]
            self._event_tokens = numpy.flatnonzero(numpy.isin(lemmas, events)).tolist()
        return self._event_tokens

    def _by_event(self, quote: Quote, sentence: int) -> Dating | None:
        for noun, modifiers in self._events_named(quote, sentence):
            for ent, said_on, evidence in reversed(self.dates(0, sentence)):
                if ent.start_char >= quote.start:
                    continue
                if not modifiers and sentence - self._sentence(ent.start_char) > EVENT_WINDOW_UNNAMED:
                    break  # "at the rally": only a rally dated shortly before
                tokens = self._sentence_tokens(self._sentence(ent.start_char))
                words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
                near = {t.lemma_.lower() for t in tokens if abs(t.i - ent.start) <= EVENT_DATE_DISTANCE}
                if noun in near and modifiers <= words:
                    return Dating(said_on, evidence, "event")  # "his first summit in Helsinki in July 2018"
        return None

    def _by_narrative(self, quote: Quote, sentence: int) -> Dating | None:
        if quote.cue_start is None or quote.speaker is None:
            return None
        cue = self.doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
        if cue is None or not any(t.tag_ in PAST_TAGS for t in cue):
            return None
        earlier = self.dates(sentence - CARRY_SENTENCES, sentence - 1)
        if not earlier:
            return None
        ent, said_on, evidence = max(earlier, key=lambda d: d[0].start_char)
        if not _YEAR.search(ent.text) or self._is_publication_date(said_on):
            return None  # only an explicit, earlier date carries over
        date_sentence = self._sentence(ent.start_char)
        if not self._past_narrative(ent, date_sentence, sentence, quote):
            return None
        speaker = next((e for e in self.table.entities if e.name == quote.speaker), None)
        if speaker is None or not any(self._sentence(m.start) == date_sentence and m.subject
                                      and self._acts_then(m, ent) for m in speaker.mentions):
            return None  # the dated sentence must tell what the speaker did then
        return Dating(said_on, evidence, "narrative")

    def _acts_then(self, mention: EntityMention, ent: Span) -> bool:
        """The speaker's own verb carries the date: "he met Putin ... in July 2018"; not "he urged North
        Korea to resume talks it abandoned in 2009", nor "Rendell, who served ... during the 2000 election".
        With a parse: the verb the date hangs from has the mention as its subject. Without: at most one
        verb between the subject and the date."""
        if mention.end > ent.start_char:
            return False
        if ent.root.has_dep():
            verb = next((t for t in ent.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
            return verb is not None and any(
                c.dep_ in ("nsubj", "nsubjpass") and mention.start <= c.idx < mention.end for c in verb.children)
        between = self.doc.char_span(mention.end, ent.start_char, alignment_mode="contract")
        verbs = [t for t in between or () if t.pos_ in ("VERB", "AUX")]
        return len(verbs) <= 1

    def _past_narrative(self, ent: Span, first: int, last: int, quote: Quote) -> bool:
        """From the dated sentence to the quotation, the story stays in the past: main verbs in the past
        and no other moment named outside quotations ("In recent weeks, Reid has gone after ...")."""
        for index in range(first, last + 1):
            for token in self._sentence_tokens(index):
                if self._inside_quote(token.idx, token.idx + 1) or quote.start <= token.idx < quote.end:
                    continue
                if _is_main_verb(token) and any(t.tag_ in PRESENT_TAGS for t in _verb_group(token)):
                    return False
                if (token.idx > ent.end_char and token.ent_iob_ == "B" and token.ent_type_ in ("DATE", "TIME")
                        and _TIME_SHIFT.search(_entity_text(token))):
                    return False
        return True

    def _is_publication_date(self, said_on: str) -> bool:
        return self.published is not None and self.published.isoformat().startswith(said_on)


def date_quotes(doc: Doc, quotes: list[Quote], published: dt.date | None = None,
                table: EntityTable | None = None) -> list[Dating]:
    """Fill said_on and said_on_evidence of every quotation; returns how each was dated."""
    dater = _Dater(doc, quotes, published, table)
    results = []
    for quote in quotes:
        dating = dater.date_quote(quote)
        quote.said_on, quote.said_on_evidence = dating.said_on, dating.evidence
        results.append(dating)
    return results


@Language.factory("quote_dater", default_config={})
def make_quote_dater(nlp: Language, name: str) -> QuoteDater:  # noqa: ARG001  (spaCy's factory signature)
    return QuoteDater(name)


class QuoteDater:
    """spaCy component: dates Doc._.quotes from the text, relative dates against Doc._.published."""

    def __init__(self, name: str = "quote_dater"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc._.quotes
        if quotes:
            table = doc._.entity_table if Doc.has_extension("entity_table") else None
            date_quotes(doc, quotes, _as_date(doc._.published), table)
        return doc


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
