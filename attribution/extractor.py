"""The Extractor: text in, quotations out, through one spaCy pipeline."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

import attribution.components  # noqa: F401  (registers the factories)
import attribution.learned.register  # noqa: F401
import attribution.parsing  # noqa: F401
from attribution.cleaning import CleanText, clean_text, restore_offsets
from attribution.extensions import register_extensions
from attribution.model import load_nlp
from attribution.pieces import CONTEXT_CHARS, PIECE_CHARS, process_in_pieces
from attribution.types import Quote

Published = dt.date | str | None
OUR_COMPONENTS = ("quote_finder", "attribution_linker")
# The resolver's components, added when their factories are registered (attribution.resolution).
RESOLVER_COMPONENTS = ("speaker_resolver", "quote_dater")
# Last: maps each quotation's raw confidence to a probability (attribution.calibration).
CALIBRATOR = "confidence_calibrator"
# The learned tagger reads the model's tok2vec output, so it sits right after it; its grouping step runs
# after the rules' linker, whose quotations it merges with its own (attribution.learned).
LEARNED_TAGGER, LEARNED_GROUPING = "attribution_tagger", "learned_attributions"
# Titles British and Commonwealth papers set without the stop ("Mr Smith said"). The model learned them
# from American news, which writes "Mr. Smith": the forms without the stop are read with the features of
# the forms with it (see read_titles_as_abbreviated).
UNSTOPPED_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Messrs")


def parse_published(value: Published) -> dt.date | None:
    """A publication date as ``datetime.date``: accepts a date, a datetime, "YYYY-MM-DD..." or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValueError(f"published must be YYYY-MM-DD, got {value!r}") from exc


def _load_resolver_factories() -> None:
    # Imported here, not at the top: they build on the components registered above. An error in them
    # must surface, not silently leave the pipeline without a resolver.
    import attribution.dating  # noqa: F401
    import attribution.resolution  # noqa: F401


def build_pipeline(nlp: Language, selective_parse: bool = True, calibrated: bool = True,
                   learned: bool = True) -> Language:
    """Add our components (and the resolver's, when present) to ``nlp`` after its own; idempotent.

    ``selective_parse``: replace the model's parser by "attribution_parser", which parses only the text
    that can hold an attribution (see attribution.parsing for what that guarantees on the Doc).
    ``calibrated``: end with "confidence_calibrator" (False keeps the raw confidences the calibration is
    fitted on).
    ``learned``: add the trained tagger and its grouping step (attribution.learned); False gives the
    rules alone (for comparison). Missing weights raise ``LearnedModelMissing``.
    """
    register_extensions()
    read_titles_as_abbreviated(nlp)
    if learned and LEARNED_TAGGER not in nlp.pipe_names:
        if "tok2vec" not in nlp.pipe_names:
            raise ValueError(f"the learned attribution tagger reads a 'tok2vec' component; {nlp.pipe_names}")
        nlp.add_pipe(LEARNED_TAGGER, after="tok2vec")
    if selective_parse and "parser" in nlp.pipe_names and "attribution_parser" not in nlp.pipe_names:
        nlp.add_pipe("attribution_parser", before="parser")
        nlp.disable_pipe("parser")
    for name in OUR_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if learned and LEARNED_GROUPING not in nlp.pipe_names:
        nlp.add_pipe(LEARNED_GROUPING, after="attribution_linker")
    _load_resolver_factories()
    for name in RESOLVER_COMPONENTS:
        if name not in nlp.pipe_names and nlp.has_factory(name):
            nlp.add_pipe(name)
    _add_calibrator(nlp, calibrated)
    return nlp


def read_titles_as_abbreviated(nlp: Language, titles: tuple[str, ...] = UNSTOPPED_TITLES) -> None:
    """Give each of ``titles`` ("Mr") the lexical features the model reads of its abbreviated form ("Mr."):
    the norm, prefix, suffix and shape its token-to-vector layer embeds. The tagger, the parser, the
    entity recogniser and the learned tagger then read "Mr Smith said" as they read "Mr. Smith said"
    (without it, a British "Mr Trump" turned "labeled" into a clause of the company before it and the
    company into the speaker). The token's text, and so every rule and every offset, stays as written."""
    for title in titles:
        lexeme, abbreviated = nlp.vocab[title], nlp.vocab[title + "."]
        lexeme.norm_, lexeme.prefix_ = abbreviated.norm_, abbreviated.prefix_
        lexeme.suffix_, lexeme.shape_ = abbreviated.suffix_, abbreviated.shape_


def _add_calibrator(nlp: Language, calibrated: bool) -> None:
    import attribution.calibration  # noqa: F401  (registers the factory)

    if CALIBRATOR in nlp.pipe_names:
        nlp.remove_pipe(CALIBRATOR)  # re-added last, after any component added since
    if calibrated:
        nlp.add_pipe(CALIBRATOR)


class Extractor:
    """Find every quotation in a text, with its cue, speaker mention and (via the resolver) speaker.

    ``model``: a spaCy package name, a loaded ``Language`` or None (``attribution.model.load_nlp()``).
    A loaded Language passed in is modified: our components are added to it (and, with
    ``selective_parse``, its parser is disabled in favour of "attribution_parser"); a name loads a private
    copy, so the cached ``load_nlp()`` pipeline others use stays as it was.
    """

    def __init__(self, model: str | Language | None = None, selective_parse: bool = True,
                 calibrated: bool = True, piece_chars: int = PIECE_CHARS, learned: bool = True,
                 context_chars: int = CONTEXT_CHARS) -> None:
        if isinstance(model, Language):
            nlp = model
            self.model_name: str | None = f"{model.meta.get('lang', 'en')}_{model.meta.get('name', 'core_web_sm')}"
        else:
            self.model_name = model
            nlp = load_nlp.__wrapped__(model)  # uncached: we change the pipeline
        self.selective_parse = selective_parse
        self.calibrated = calibrated
        self.piece_chars = piece_chars
        self.context_chars = context_chars
        self.learned = learned
        self.nlp = build_pipeline(nlp, selective_parse=selective_parse, calibrated=calibrated, learned=learned)

    def _checked(self, text: str, published: Published) -> tuple[CleanText, dict]:
        """The text cleaned of invisible characters and tags (attribution.cleaning: the map back to
        ``text`` is kept) and the Doc extension values to set before the pipeline runs."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        return clean_text(text), {"published": parse_published(published)}

    def extract(self, text: str, published: Published = None) -> list[Quote]:
        """The quotations of ``text`` in text order; their offsets index ``text``."""
        return list(self.process(text, published)._.quotes or [])

    def process(self, text: str, published: Published = None) -> Doc:
        """The processed Doc itself (``Doc._.quotes`` and the annotations they rest on). ``Doc.text`` is the
        cleaned text (the same length unless invisible characters were removed); the quotes' offsets
        index ``text``."""
        clean, user = self._checked(text, published)
        doc = next(process_in_pieces(self.nlp, [(clean.text, user)], self.piece_chars, 1, self.context_chars))
        doc._.quotes = restore_offsets(list(doc._.quotes or []), clean, text)
        return doc

    def extract_many(self, docs: Iterable[tuple[str, Published]], processes: int = 1,
                     batch_size: int = 16) -> Iterator[list[Quote]]:
        """Quotations of each (text, published) pair, streamed in input order. A text longer than
        ``piece_chars`` goes through the model's components in pieces (``attribution.pieces``)."""
        if processes > 1:
            from attribution.parallel import extract_parallel

            yield from extract_parallel(docs, processes, batch_size, self.model_name, self.selective_parse,
                                        self.calibrated, self.piece_chars, self.learned,
                                        context_chars=self.context_chars)
            return
        waiting: deque[tuple[CleanText, str]] = deque()  # read ahead of the Docs yielded, in input order

        def checked() -> Iterator[tuple[str, dict]]:
            for text, published in docs:
                clean, user = self._checked(text, published)
                waiting.append((clean, text))
                yield clean.text, user

        for doc in process_in_pieces(self.nlp, checked(), self.piece_chars, batch_size, self.context_chars):
            clean, text = waiting.popleft()
            yield restore_offsets(list(doc._.quotes or []), clean, text)
