"""Tie quotations to their cue and speaker mention, and find indirect and mixed quotations.

Works on a Doc that carries ``Doc._.quoted_spans`` (from "quote_finder") and a dependency parse for every
sentence holding a quotation mark or a cue verb. Rules, in the order they are tried:

1. direct, reporting clause after:  "“A,” he said."  "“A,” said Obama."  "“A” Flynn said."
2. direct, reporting clause before: "Scott said, “A.”"  "He told reporters: “A.”"
3. continuation: a quotation with no cue of its own right after a cued one in the same paragraph
   ("“A,” she said. “B.”"), or reopening it in the next paragraph, gets the same cue and mention.
4. mixed: a quotation inside the complement of a cue verb ("Trump said the plan was “a disaster.”"):
   the complement clause is the quote.
5. indirect: the complement clause of a speech verb ("Obama said that ..."), "according to X, ...".
6. an uncued quotation that is a paragraph by itself is kept with cue and speaker None (the resolver
   decides whether it continues the previous speaker); any other quoted phrase is a scare quote/title.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from attribution.lexicon import cue_verbs, indirect_cue_verbs, speech_verbs
from attribution.marks import QuotedSpan, paragraphs
from attribution.types import Quote

SUBJECT_DEPS = ("nsubj", "nsubjpass")
COMPACT_DEPS = {"compound", "flat", "det", "amod", "poss", "case", "nmod", "nummod", "prt", "punct"}
PUNCT_AFTER_QUOTE = {",", ".", "?", "!", "”", '"', "''", "»", "’", "—", "–", "-", "…", ";"}
DASHES = {"―", "—", "–", "--"}
MAX_AFTER = 14  # tokens between a closing mark and its cue ("“A,” Rep. Jim Jordan (R-Ohio), a member, said")
RELATIVE_WORDS = {"who", "which", "that", "whom", "whose", "where", "when"}
NOMINAL_OR_LIGHT = {"PROPN", "NOUN", "ADJ", "NUM", "DET", "CCONJ", "ADV", "AUX", "PART", "X", "SYM"}
SAY_FORMS = {"said", "says", "told", "added", "wrote", "asked", "tweeted"}  # tokens between a closing mark and its cue ("“A,” the senior senator from Arizona said")
MAX_BEFORE = 14
MIN_INDIRECT_TOKENS = 3
DIRECTIVE_VERBS = {"tell", "ask", "urge", "order", "call"}
STANDALONE_MIN_WORDS = 4


@dataclass(slots=True)
class Link:
    cue: Token | None
    speaker: Span | None
    confidence: float


def link_quotes(doc: Doc) -> list[Quote]:
    """All quotations of ``doc`` with cue and speaker mention, in text order."""
    linker = _Linker(doc)
    return linker.run()


class _Linker:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.paragraphs = paragraphs(self.text)
        self.used_cues: set[int] = set()
        self.quotes: list[Quote] = []

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Quote]:
        spans = self.doc._.quoted_spans or []
        previous: tuple[QuotedSpan, Link | None] | None = None
        pending_chain: list[Quote] = []  # uncued pieces of a multi-paragraph quotation, waiting for a cue
        for index, qspan in enumerate(spans):
            tokens = self.doc.char_span(qspan.start, qspan.end, alignment_mode="expand")
            if tokens is None or len(tokens) == 0:
                continue
            next_start = spans[index + 1].start if index + 1 < len(spans) else len(self.text)
            prev_end = previous[0].end if previous else 0
            opens_clause = self._opens_clause(qspan, prev_end)
            link = None
            if qspan.balanced:
                link = self._cue_after(qspan, tokens, next_start)
                if link is not None and not opens_clause:
                    # "Clinton “is the only candidate ...” Newton said": the quotation is part of a paraphrase;
                    # a short one after a non-speech verb is a title ("the “War On Drugs” was introduced").
                    if link.cue is not None and self._is_speech(link.cue) and _word_count(tokens) >= 3:
                        self._add_mixed_before(qspan, prev_end, link)
                        previous = (qspan, link)
                    else:
                        previous = (qspan, None)
                    continue
            if link is None:
                link = self._cue_before(qspan, tokens, prev_end, opens_clause)
            if link is None and qspan.balanced and previous is not None and previous[1] is not None \
                    and previous[1].cue is not None and self._continues(previous[0], qspan):
                prior = previous[1]
                link = Link(prior.cue, prior.speaker, round(prior.confidence * 0.9, 3))
            if link is None and (not qspan.balanced or not self._standalone(qspan, tokens)):
                previous = (qspan, None)
                continue  # scare quote, title or slogan (or inside a paraphrase: see _indirect_and_mixed)
            quote = self._make_quote(qspan.start, qspan.end, "direct", link)
            if link is not None and link.cue is not None:
                self.used_cues.add(link.cue.i)
                for piece in pending_chain:  # earlier paragraphs of the same quotation share its cue
                    self._fill(piece, link, 0.9)
                pending_chain = []
            elif qspan.continues:
                pending_chain.append(quote)
            else:
                pending_chain = []
            self.quotes.append(quote)
            previous = (qspan, link)
        self._indirect_and_mixed(spans)
        self.quotes.sort(key=lambda q: (q.start, q.end))
        return self.quotes

    def _opens_clause(self, qspan: QuotedSpan, prev_end: int) -> bool:
        """The quotation starts its paragraph, sentence or clause (not "the nickname “Lyin’ Ted”")."""
        i = qspan.start - len(qspan.open_mark) - 1
        while i >= 0 and self.text[i] in " \t\u00a0":
            i -= 1
        if i < 0 or self.text[i] == "\n" or i < prev_end:
            return True
        return self.text[i] in ".,:;!?—–-―([”\"'’»…"

    # ------------------------------------------------------------------ direct quotation rules
    def _cue_after(self, qspan: QuotedSpan, tokens: Span, next_start: int) -> Link | None:
        """Rule 1: the reporting clause follows the closing mark."""
        doc = self.doc
        byline = self._dash_byline(tokens.end, next_start)
        if byline is not None:
            return byline
        i = tokens.end
        # Skip the closing mark and the punctuation that ends the quoted words.
        while i < len(doc) and (doc[i].text in PUNCT_AFTER_QUOTE or doc[i].is_space) and "\n" not in doc[i].text:
            i += 1
        if i >= len(doc) or doc[i].idx >= next_start or self._crosses_paragraph(qspan.end, doc[i].idx):
            return None
        sentence_ended = any(doc[k].text in {".", "?", "!"} for k in range(tokens.end - 1, i)) \
            or self.text[qspan.end - 1:qspan.end] in {".", "?", "!"}
        if sentence_ended and doc[i].is_title and doc[i].pos_ not in ("PROPN", "PRON"):
            return None  # a new sentence begins
        k, limit, depth = i, i + MAX_AFTER, 0
        while k < min(len(doc), limit):
            token = doc[k]
            k += 1
            if token.text == "(":  # "Rep. John Mica (R-Fla.) said": parentheticals do not end the frame
                depth += 1
                limit += 1
            elif token.text == ")" and depth:
                depth -= 1
            if depth:
                limit += 1
                continue
            if token.idx >= next_start or "\n" in token.text or token.text in {".", "?", "!", ";"}:
                break
            if self._is_cue(token):
                speaker = self._speaker_of(token, near=i)
                if speaker is None or speaker.start_char < qspan.end:
                    # No subject, or the parse found one inside the quoted words ("We will ...,” Chief
                    # Chuck Jordan said": "said" parsed as a conjunct of the quoted verb).
                    speaker = self._speaker_near(token, i)
                if speaker is None or not self._only_speaker_between(i, token, speaker):
                    return None
                if sentence_ended and any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd")
                                          for c in token.rights):
                    return None  # "“Lyin’ Ted.” Trump called the senator a ...": a sentence of its own
                if any(c.dep_ == "xcomp" and c.tag_ in ("VBG", "TO", "VB") for c in token.rights):
                    return None  # "''Make Your Kid a Millionaire,'' Mr. McKinley suggested looking at ..."
                return Link(token, speaker, self._confidence(speaker, base=0.9))
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                speaker = self._according_to_speaker(token)
                if speaker is not None:
                    return Link(token, speaker, self._confidence(speaker, base=0.85))
        return None

    def _only_speaker_between(self, first: int, cue: Token, speaker: Span) -> bool:
        """Between the closing mark and the cue there is only the speaker ("“A” Quina Jones, 25, said",
        "“A” Rep. John Mica (R-Fla.) said"), not a noun phrase the quotation belongs to ("“Keepin’ It Real”
        radio program who said", "“medical records” that Trump released")."""
        subject = speaker.root
        allowed = set(range(subject.left_edge.i, subject.right_edge.i + 1)) | set(range(speaker.start, speaker.end))
        for k in range(first, cue.i):
            token = self.doc[k]
            if token.lower_ in RELATIVE_WORDS:
                return False
            if k in allowed or token.is_punct or token.is_space or token.pos_ in NOMINAL_OR_LIGHT \
                    or token.is_title:  # a capitalised name the tagger took for a verb ("Tulsa police Chief")
                continue
            return False
        return True

    def _speaker_near(self, cue: Token, frame_start: int) -> Span | None:
        """Fallback when the parse gives the cue no subject: the nearest name/pronoun/noun in the frame
        before the cue ("“A” Chief Chuck Jordan said"), else right after it ("said Ellis")."""
        frame_start = max(frame_start, cue.sent.start)
        before = [t for t in self.doc[frame_start:cue.i] if t.pos_ in ("PROPN", "PRON", "NOUN")]
        after = [t for t in self.doc[cue.i + 1:min(len(self.doc), cue.i + 4)]
                 if t.pos_ in ("PROPN", "PRON", "NOUN")]
        if before:
            return self._mention(before[-1])
        if after:
            token = after[0]
            while token.i + 1 < len(self.doc) and self.doc[token.i + 1].pos_ == "PROPN" and token.pos_ == "PROPN":
                token = self.doc[token.i + 1]
            return self._mention(token)
        return None

    def _add_mixed_before(self, qspan: QuotedSpan, prev_end: int, link: Link) -> None:
        """A paraphrase ending in a quotation, attributed after it: the clause from its start is mixed."""
        para = self._paragraph_of(qspan.start) or (0, len(self.text))
        start_tok = self.doc.char_span(qspan.start, qspan.end, alignment_mode="expand")
        sent_start = start_tok[0].sent.start_char if start_tok is not None and len(start_tok) else para[0]
        start = max(para[0], prev_end, sent_start)
        while start < qspan.start and self.text[start] in " \t\u00a0\"“'‘":
            start += 1
        quote = self._make_quote(start, qspan.end, "mixed", link)
        if link.cue is not None:
            self.used_cues.add(link.cue.i)
        self.quotes.append(quote)

    def _dash_byline(self, i: int, next_start: int) -> Link | None:
        """“...” ― Sonya Herridge: a dash and a name closing the paragraph (reader comments, epigraphs)."""
        doc = self.doc
        while i < len(doc) and (doc[i].text in {"”", '"', "''", "»"} or (doc[i].is_space and "\n" not in doc[i].text)):
            i += 1
        if i >= len(doc) or doc[i].text not in DASHES:
            return None
        dash = doc[i]
        j = i + 1
        while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
            j += 1
        end = j
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].idx < next_start and end - j < 5:
            end += 1
        rest = doc[end].text if end < len(doc) else "\n"
        if end == j or not ("\n" in rest or rest in {".", ","} or doc[end].is_space):
            return None
        return Link(dash, doc[j:end], 0.8)

    def _cue_before(self, qspan: QuotedSpan, tokens: Span, prev_end: int, opens_clause: bool) -> Link | None:
        """Rule 2: "X said: “...”" / "X said, “...”" / "X said “...”"."""
        doc = self.doc
        j = tokens.start - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in {"“", '"', "``", "''", "«", "‘", "”"}) \
                and "\n" not in doc[j].text:
            j -= 1
        if j < 0 or doc[j].idx < prev_end or "\n" in doc[j].text:
            return None
        lead = doc[j]
        if self._is_speech(lead):
            speaker = self._speaker_of(lead, near=lead.i) or self._speaker_near(lead, lead.i)
            return Link(lead, speaker, self._confidence(speaker, base=0.85)) if speaker is not None else None
        if not opens_clause:
            return None
        if lead.text == ".":
            return self._bare_report_before(lead, prev_end)
        if lead.text not in {":", ",", "—", "–"}:
            return None
        for token in reversed(doc[max(0, j - MAX_BEFORE):j]):
            if token.idx < prev_end or "\n" in token.text or token.text in {".", "?", "!", ";"}:
                break
            if self._is_cue(token):
                speaker = self._speaker_of(token, near=token.i) or self._speaker_near(token, max(prev_end, j - 6))
                if speaker is not None:
                    return Link(token, speaker, self._confidence(speaker, base=0.85))
                return None
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                speaker = self._according_to_speaker(token)
                if speaker is not None:
                    return Link(token, speaker, self._confidence(speaker, base=0.8))
                return None
            if token.lower_ == "that" or (token.pos_ in ("VERB", "AUX") and token.dep_ != "aux"):
                return None  # "said that for A, “...”": the quotation sits inside a paraphrase
        return None

    def _bare_report_before(self, period: Token, prev_end: int) -> Link | None:
        """"Burman said of the plan. ''It doesn't ...''": a reporting sentence with no content of its own."""
        sent = period.sent
        if sent.start_char < prev_end:
            return None
        for token in sent:
            if self._is_cue(token, strong=True):
                if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children):
                    return None
                speaker = self._speaker_of(token, near=token.i)
                return Link(token, speaker, self._confidence(speaker, base=0.75)) if speaker is not None else None
        return None

    def _continues(self, earlier: QuotedSpan, later: QuotedSpan) -> bool:
        """Rule 3: same paragraph (a split quotation) or a reopened multi-paragraph quotation."""
        if later.continued:
            return True
        if self._crosses_paragraph(earlier.end, later.start):
            return False
        between = self.text[earlier.end:later.start - len(later.open_mark)].rstrip(" \t\u00a0")
        return len(between) < 200 and (not between or between[-1] in ".,:;!?—–")

    def _standalone(self, qspan: QuotedSpan, tokens: Span) -> bool:
        """Rule 6: the quotation fills its paragraph (marks and punctuation aside)."""
        para = self._paragraph_of(qspan.start)
        if para is None:
            return False
        before = self.text[para[0]:qspan.start].strip(" \t\"“«`'‘\u00a0")
        after = self.text[qspan.end:para[1]].strip(" \t\"”“»'’.,!?\u00a0")
        words = sum(1 for t in tokens if t.is_alpha)
        return not before and not after and words >= STANDALONE_MIN_WORDS

    # ------------------------------------------------------------------ indirect and mixed
    def _indirect_and_mixed(self, spans: list[QuotedSpan]) -> None:
        direct_ranges = [(q.start, q.end) for q in self.quotes]
        taken: list[tuple[int, int]] = list(direct_ranges)
        for token in self.doc:
            if token.i in self.used_cues:
                continue
            if token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                content = self._according_to_content(token)
                speaker = self._according_to_speaker(token)
            elif self._is_cue(token, strong=True):
                speaker = self._speaker_of(token, near=token.i)
                content = self._complement(token) or (self._parenthetical_content(token, speaker)
                                                      if speaker is not None else None)
            else:
                continue
            if content is None or speaker is None:
                continue
            start, end = self._trim(content)
            if end - start <= 0 or _overlaps_any(start, end, taken):
                continue
            n_words = sum(1 for t in self.doc.char_span(start, end, alignment_mode="expand") or [] if t.is_alpha)
            if n_words < MIN_INDIRECT_TOKENS:
                continue
            quoted = any(start <= s.start and s.end <= end for s in spans)
            kind = "mixed" if quoted else "indirect"
            base = 0.7 if quoted else 0.6
            link = Link(token, speaker, self._confidence(speaker, base=base))
            self.quotes.append(self._make_quote(start, end, kind, link))
            self.used_cues.add(token.i)
            taken.append((start, end))

    def _complement(self, cue: Token) -> Span | None:
        """The clause a speech verb reports: its ccomp (with "that"); for "told X to ...", object and xcomp."""
        for child in cue.children:
            if child.dep_ == "ccomp":
                return self.doc[child.left_edge.i:child.right_edge.i + 1]
        if cue.lemma_ in DIRECTIVE_VERBS:
            xcomp = [c for c in cue.rights if c.dep_ == "xcomp"]
            obj = [c for c in cue.rights if c.dep_ == "dobj"]
            if xcomp:
                first = obj[0].left_edge.i if obj else xcomp[0].left_edge.i
                return self.doc[first:xcomp[0].right_edge.i + 1]
        return None

    def _parenthetical_content(self, cue: Token, speaker: Span) -> Span | None:
        """"But to prevent problems, he said, officials should be vigilant.": the sentence around a
        reporting clause set off by commas (the clause included, as annotators mark it)."""
        sent = cue.sent
        left = min(speaker.start, cue.i)
        after = next((t.i for t in self.doc[cue.i + 1:min(sent.end, cue.i + 5)] if t.text == ","), None)
        if left - 1 <= sent.start or self.doc[left - 1].text != "," or after is None or after + 2 >= sent.end:
            return None
        return self.doc[sent.start:sent.end]

    def _according_to_content(self, according: Token) -> Span | None:
        """"According to X, CLAUSE." / "CLAUSE, according to X.": the sentence minus the attribution."""
        sent = according.sent
        phrase_end = according.i + 1
        to = self.doc[according.i + 1]
        pobj = [c for c in to.children if c.dep_ == "pobj"]
        if pobj:
            phrase_end = pobj[0].right_edge.i + 1
        if according.i - sent.start <= 1:
            content = self.doc[phrase_end:sent.end]
        else:
            content = self.doc[sent.start:according.i]
        return content if len(content) else None

    def _according_to_speaker(self, according: Token) -> Span | None:
        to = self.doc[according.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                return self._mention(child)
        nxt = to.i + 1
        if nxt < len(self.doc) and self.doc[nxt].pos_ in ("PROPN", "NOUN", "PRON"):
            return self._mention(self.doc[nxt])
        return None

    def _trim(self, span: Span) -> tuple[int, int]:
        """Character bounds of a clause without the punctuation and spaces at its edges."""
        tokens = [t for t in span]
        while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in {'"', "“", "``", "‘"}:
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in {'"', "”", "''", "’"}:
            tokens.pop()
        if not tokens:
            return 0, 0
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

    # ------------------------------------------------------------------ cue and speaker helpers
    def _is_cue(self, token: Token, strong: bool = False) -> bool:
        if token.pos_ not in ("VERB", "AUX"):
            return token.lower_ in SAY_FORMS  # mis-tagged "Said Ellis:" / "says" as a noun
        lemmas = indirect_cue_verbs() if strong else cue_verbs()
        return token.lemma_.lower() in lemmas

    def _is_speech(self, token: Token) -> bool:
        """A verb of saying proper (say, tell, declare, ...), not of thinking or doing."""
        return self._is_cue(token) and (token.lemma_.lower() in speech_verbs() or token.lower_ in SAY_FORMS)

    def _speaker_of(self, cue: Token, near: int) -> Span | None:
        """The subject of the cue verb (or of the verb a participle cue hangs on: "..., adding ...")."""
        verb: Token | None = cue
        for _ in range(3):
            if verb is None:
                break
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS and child.pos_ in ("PROPN", "NOUN", "PRON", "X"):
                    if child.lower_ in {"this", "that", "which", "there", "what"} or (
                            child.lower_ == "it" and child.dep_ == "nsubjpass"):
                        return None
                    return self._mention(child)
            if verb.dep_ in ("advcl", "xcomp", "conj", "relcl") and verb.head is not verb:
                verb = verb.head if verb.dep_ != "relcl" else None
                if verb is not None and verb.dep_ == "relcl":
                    pass
                continue
            break
        if cue.dep_ == "relcl" and cue.head.pos_ in ("PROPN", "NOUN"):
            return self._mention(cue.head)
        return None

    def _mention(self, token: Token) -> Span:
        """The words a speaker mention rests on: the head noun with its compounds, determiner, titles."""
        if token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN":
                    token = child
                    break
        start = token.i
        for child in reversed(list(token.lefts)):
            if child.dep_ in COMPACT_DEPS and child.i == start - 1 or (
                    child.dep_ in COMPACT_DEPS and child.right_edge.i == start - 1):
                start = child.left_edge.i
            else:
                break
        end = token.i + 1
        for child in token.rights:
            if child.dep_ in ("flat", "compound") and child.i == end:
                end = child.i + 1
            else:
                break
        while start < token.i and (self.doc[start].is_punct or self.doc[start].lower_ in SAY_FORMS):
            start += 1  # "Said Ellis:" tags "Said" as part of the name
        return self.doc[start:end]

    def _confidence(self, speaker: Span, base: float) -> float:
        root = speaker.root
        if root.pos_ == "PROPN" or root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return base
        if root.pos_ == "PRON":
            return round(base * 0.85, 3)
        return round(base * 0.8, 3)

    # ------------------------------------------------------------------ building quotes
    def _make_quote(self, start: int, end: int, kind: str, link: Link | None) -> Quote:
        quote = Quote(text=self.text[start:end], start=start, end=end, type=kind)  # type: ignore[arg-type]
        if link is None:
            quote.confidence = 0.3
            quote.sentence = self._sentence_text(start, end)
            return quote
        self._fill(quote, link, 1.0)
        return quote

    def _fill(self, quote: Quote, link: Link, factor: float) -> None:
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
            quote.speaker_mention = sp.text
            quote.speaker_start = sp.start_char
            quote.speaker_end = sp.end_char
            lo, hi = min(lo, sp.start_char), max(hi, sp.end_char)
        quote.confidence = round(link.confidence * factor, 3)
        quote.sentence = self._sentence_text(lo, hi)

    def _sentence_text(self, start: int, end: int) -> str:
        first = self.doc.char_span(start, end, alignment_mode="expand")
        if first is None or len(first) == 0:
            return self.text[start:end]
        s = first[0].sent.start_char
        e = first[-1].sent.end_char
        return self.text[s:e].strip()

    def _paragraph_of(self, pos: int) -> tuple[int, int] | None:
        for para in self.paragraphs:
            if para[0] <= pos <= para[1]:
                return para
        return None

    def _crosses_paragraph(self, a: int, b: int) -> bool:
        return "\n" in self.text[a:b]


def _word_count(tokens: Span) -> int:
    return sum(1 for t in tokens if t.is_alpha or t.like_num)


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    for s, e in ranges:
        inter = min(end, e) - max(start, s)
        if inter > 0 and inter >= 0.5 * min(end - start, e - s):
            return True
    return False
