"""attribution.extensions.doc_text: Doc.text read once per Doc, never a stale text."""

import pytest
from spacy.tokens import Doc

from attribution.extensions import doc_text
from attribution.model import load_nlp


def test_doc_text_is_the_docs_text_and_kept():
    doc = load_nlp().make_doc("He said: “We will win.”\n\nShe disagreed.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)  # the kept value, not a new join


@pytest.mark.filterwarnings("ignore:.*W101")  # spaCy drops the kept text while joining: expected
def test_doc_text_of_joined_docs_is_their_own():
    nlp = load_nlp()
    first, second = nlp.make_doc("One sentence. "), nlp.make_doc("Another, longer sentence.")
    doc_text(first), doc_text(second)
    joined = Doc.from_docs([first, second], ensure_whitespace=False)
    assert doc_text(joined) == "One sentence. Another, longer sentence."


def test_empty_doc():
    assert doc_text(load_nlp().make_doc("")) == ""


def test_a_doc_made_by_the_extractor_keeps_the_text_it_was_made_from():
    from attribution.pieces import _make

    text = "He said: “We will win.”\n\n  She disagreed.\t"
    doc = _make(load_nlp(), text, {})
    assert doc_text(doc) is text  # kept when the Doc was made, not joined from its tokens
    assert doc.text == text
