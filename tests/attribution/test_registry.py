"""The linking rules as a registry (attribution/rules.py) and the triggers they share with the parser."""

from __future__ import annotations

import copy
import json

import pytest
import spacy
from spacy.tokens import Doc
from support.paths import ATTRIBUTION_FIXTURES as FIXTURES

from attribution import rules as rules_module
from attribution.extensions import register_extensions
from attribution.linker import LINKER_DEFAULTS, Linker, link_quotes
from attribution.marks import find_quoted_spans
from attribution.rules import RULES, Link, ordered, register
from attribution.triggers import TRIGGERS, Trigger


def hand_built(words, spaces, pos, lemmas, heads, deps, ents=None) -> Doc:
    """A parsed Doc built by hand: the rules, not the model, are under test."""
    register_extensions()
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, pos=pos, lemmas=lemmas, heads=heads, deps=deps,
              ents=ents)
    doc._.quoted_spans = find_quoted_spans(doc.text)
    return doc


def she_said_yes() -> Doc:
    # “Yes, we will,” she said.
    words = ["“", "Yes", ",", "we", "will", ",", "”", "she", "said", "."]
    spaces = [False, False, True, True, False, False, True, True, False, False]
    pos = ["PUNCT", "INTJ", "PUNCT", "PRON", "AUX", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT"]
    lemmas = ["“", "yes", ",", "we", "will", ",", "”", "she", "say", "."]
    heads = [8, 4, 4, 4, 8, 8, 8, 8, 8, 8]
    deps = ["punct", "intj", "punct", "nsubj", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"]
    return hand_built(words, spaces, pos, lemmas, heads, deps)


def test_every_rule_is_in_the_linker_config_with_order_and_confidence(extractor):
    config = extractor.nlp.config["components"]["attribution_linker"]["rules"]
    assert set(config) == set(RULES)
    for name, cfg in config.items():
        assert isinstance(cfg["order"], int) and 0 <= cfg["confidence"] <= 1, name
        # question_put is off by default (docs/attribution.md: it can only lower end-to-end precision).
        assert cfg["enabled"] is (name != "question_put"), name
    orders = [cfg["order"] for rule, cfg in ordered("direct", config)]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


def test_each_quote_names_the_rule_that_made_it():
    (quote,) = link_quotes(she_said_yes())
    assert (quote.text, quote.cue, quote.speaker_mention) == ("Yes, we will,", "said", "she")
    assert quote.rule == "cue_after"
    assert quote.confidence == pytest.approx(0.9 * 0.85)  # base of cue_after, pronoun mention


def test_base_confidence_comes_from_the_config():
    config = copy.deepcopy(LINKER_DEFAULTS)
    config["rules"]["cue_after"]["confidence"] = 0.5
    config["pronoun_factor"] = 1.0
    (quote,) = link_quotes(she_said_yes(), config)
    assert quote.confidence == pytest.approx(0.5)


def test_a_disabled_rule_leaves_the_quotation_to_the_next():
    config = copy.deepcopy(LINKER_DEFAULTS)
    config["rules"]["cue_after"]["enabled"] = False
    # No direct rule but cue_after ties a quotation to a cue after it, and this one does not fill its
    # paragraph; the complement rule reads the quoted words as the cue's clause, which is the whole
    # quotation (knob ``quoted_clause_is_direct``), so the next rule to take it is that one.
    assert [q.rule for q in link_quotes(she_said_yes(), config) if q.type == "direct"] == ["complement"]
    config["quoted_clause_is_direct"] = False
    assert [q for q in link_quotes(she_said_yes(), config) if q.type == "direct"] == []


def test_the_pipeline_takes_rule_settings_through_spacy_config(extractor):
    from attribution.extractor import build_pipeline
    from attribution.model import load_nlp

    nlp = load_nlp.__wrapped__(None)
    nlp.add_pipe("quote_finder")
    nlp.add_pipe("attribution_linker", config={"rules": {"cue_after": {"confidence": 0.45}}})
    build_pipeline(nlp, calibrated=False)  # raw confidences: the calibrator maps them to probabilities
    text = "“We will win this state,” Senator Jane Doe said on Tuesday."
    with extractor.nlp.select_pipes(disable=["confidence_calibrator"]):
        (default,) = [q for q in extractor.extract(text) if q.type == "direct"]
    (changed,) = [q for q in nlp(text)._.quotes if q.type == "direct"]
    assert changed.rule == default.rule == "cue_after"
    assert changed.confidence == pytest.approx(default.confidence * 0.45 / 0.9, rel=0.01)
    assert nlp.get_pipe("attribution_linker").config["rules"]["cue_before"]["confidence"] == 0.85


def test_a_new_rule_is_one_registration(monkeypatch):
    monkeypatch.setattr(rules_module, "RULES", dict(RULES))

    @register("everything_is_hers", "direct", order=1, confidence=0.11)
    def everything_is_hers(linker: Linker, cand, cfg) -> Link | None:
        she = next(t for t in linker.doc if t.lower_ == "she")
        return Link(None, linker.doc[she.i:she.i + 1], cfg["confidence"])

    config = copy.deepcopy(LINKER_DEFAULTS)
    config["rules"]["everything_is_hers"] = rules_module.RULES["everything_is_hers"].defaults
    assert "everything_is_hers" in rules_module.default_rules_config()
    (quote,) = [q for q in link_quotes(she_said_yes(), config) if q.type == "direct"]
    assert (quote.rule, quote.speaker_mention, quote.confidence) == ("everything_is_hers", "she", 0.11)


def _texts() -> list[str]:
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    cases = json.loads((FIXTURES / "dev_cases.json").read_text(encoding="utf-8"))
    return [(FIXTURES / expected["file"]).read_text(encoding="utf-8")] + [c["text"] for c in cases]


def test_no_rule_acts_on_a_token_the_parser_left_unparsed(extractor):
    """The invariant of the shared triggers: every token a rule's triggers accept is parsed."""
    checked = 0
    for text in _texts():
        doc = extractor.process(text)
        linker = Linker(doc, LINKER_DEFAULTS)
        for token in doc:
            for rule in RULES.values():
                if linker.triggered(token, rule.triggers):
                    checked += 1
                    assert token.dep_ != "unparsed", (rule.name, token.text, token.sent.text)
    assert checked > 100


@pytest.fixture(scope="module")
def rules_extractor():
    """The rules alone: the learned tagger's cues also get sentences parsed, and it may take any unknown
    past-tense verb for one, which would hide what the triggers do."""
    from attribution import Extractor

    return Extractor(learned=False)


def test_a_registered_trigger_gets_its_sentences_parsed(rules_extractor, monkeypatch):
    extractor = rules_extractor
    text = "The weather was fine.\n\nThe minister zorbled the plan at length."
    before = extractor.process(text)
    assert all(t.dep_ == "unparsed" for t in before if not t.is_space)
    monkeypatch.setitem(TRIGGERS, "test_verb", Trigger("test_verb", frozenset({"unquoted"}), frozenset({"zorbled"})))
    after = extractor.process(text)
    zorbled = next(t for t in after if t.text == "zorbled")
    assert zorbled.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in zorbled.children)
    assert all(t.dep_ == "unparsed" for t in after[:5])


def test_a_parse_rooted_between_the_quotation_and_its_cue_ends():
    """“Yes,” Smith Jones said. with "Jones" parsed as the root and "said" hanging from it: the search for
    the speaker's phrase climbs to the root and stops there (it once looped forever)."""
    words = ["“", "Yes", ",", "”", "Smith", "Jones", "said", "."]
    spaces = [False, False, False, True, True, True, False, False]
    pos = ["PUNCT", "INTJ", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
    lemmas = ["“", "yes", ",", "”", "Smith", "Jones", "say", "."]
    heads = [5, 5, 5, 5, 5, 5, 5, 5]
    deps = ["punct", "intj", "punct", "punct", "compound", "ROOT", "dep", "punct"]
    (quote,) = link_quotes(hand_built(words, spaces, pos, lemmas, heads, deps))
    assert (quote.text, quote.cue, quote.speaker_mention) == ("Yes,", "said", "Smith Jones")


def test_a_name_right_after_a_role_noun_is_the_speaker():
    # “Yes,” the envoy Jane Doe said.  ("Jane Doe" an appositive of "envoy", the subject)
    words = ["“", "Yes", ",", "”", "the", "envoy", "Jane", "Doe", "said", "."]
    spaces = [False, False, False, True, True, True, True, True, False, False]
    pos = ["PUNCT", "INTJ", "PUNCT", "PUNCT", "DET", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"]
    lemmas = ["“", "yes", ",", "”", "the", "envoy", "Jane", "Doe", "say", "."]
    heads = [8, 8, 8, 8, 5, 8, 7, 5, 8, 8]
    deps = ["punct", "intj", "punct", "punct", "det", "nsubj", "compound", "appos", "ROOT", "punct"]
    ents = ["O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"]
    (quote,) = link_quotes(hand_built(words, spaces, pos, lemmas, heads, deps, ents))
    assert quote.speaker_mention == "Jane Doe"


def test_a_configured_title_length_reaches_the_cue_after_outcome(extractor):
    """The title test of a quotation before its cue reads title_object's configured ``max_words``, not
    the registered default."""
    text = 'On this weekend\'s broadcast of "Fox News Sunday," Pence said the campaign would not comment.'
    doc = extractor.process(text)
    assert not [q for q in link_quotes(doc) if "Fox News Sunday" in q.text]  # a title at the default (8)
    config = copy.deepcopy(LINKER_DEFAULTS)
    config["rules"]["title_object"]["max_words"] = 2  # three words are no longer title-shaped
    (mixed,) = [q for q in link_quotes(doc, config) if "Fox News Sunday" in q.text]
    assert (mixed.type, mixed.cue, mixed.speaker_mention) == ("mixed", "said", "Pence")


def test_each_rule_gets_the_triggers_it_was_registered_with(monkeypatch):
    seen: list[tuple[str, ...]] = []
    monkeypatch.setattr(rules_module, "RULES", dict(RULES))

    @register("records_triggers", "direct", order=1, confidence=0.1, triggers=("strong_cue",))
    def records_triggers(linker: Linker, cand, cfg) -> Link | None:
        seen.append(cfg["triggers"])
        return None

    config = copy.deepcopy(LINKER_DEFAULTS)
    config["rules"]["records_triggers"] = {"order": 1, "confidence": 0.1}  # no triggers in the config
    link_quotes(she_said_yes(), config)
    assert seen == [("strong_cue",)]


def test_a_parenthesis_after_a_name_qualifies_the_name_the_parse_took_for_the_subject():
    # Gov. Ann Petty (R-OH) said that the party would unite: the parse made "OH" the subject.
    words = ["Gov.", "Ann", "Petty", "(", "R", "-", "OH", ")", "said", "that", "the", "party", "would", "unite", "."]
    spaces = [True, True, True, False, False, False, False, True, True, True, True, True, True, False, False]
    pos = ["PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "SCONJ", "DET", "NOUN",
           "AUX", "VERB", "PUNCT"]
    lemmas = ["Gov.", "Ann", "Petty", "(", "R", "-", "OH", ")", "say", "that", "the", "party", "would", "unite", "."]
    heads = [2, 2, 6, 6, 6, 6, 8, 6, 8, 13, 11, 13, 13, 8, 8]
    deps = ["compound", "compound", "compound", "punct", "compound", "punct", "nsubj", "punct", "ROOT", "mark", "det",
            "nsubj", "aux", "ccomp", "punct"]
    doc = hand_built(words, spaces, pos, lemmas, heads, deps)
    linker = Linker(doc, LINKER_DEFAULTS)
    assert linker.mention(doc[6]).text == "Gov. Ann Petty"
    assert linker.mention(doc[11]).text == "the party"


def _two_reported_clauses(second: list[str], second_pos: list[str], second_lemmas: list[str],
                          second_heads: list[int], second_deps: list[str]) -> Doc:
    # Ms. Cole said that rents rose, and that wages fell. / ... rose and others said wages fell.
    words = ["Ms.", "Cole", "said", "that", "rents", "rose"] + second + ["."]
    spaces = [True, True, True, True, True, second[0] != ","] + [True] * (len(second) - 1) + [False, False]
    pos = ["PROPN", "PROPN", "VERB", "SCONJ", "NOUN", "VERB"] + second_pos + ["PUNCT"]
    lemmas = ["Ms.", "Cole", "say", "that", "rent", "rise"] + second_lemmas + ["."]
    heads = [1, 2, 2, 5, 5, 2] + second_heads + [2]
    deps = ["compound", "nsubj", "ROOT", "mark", "nsubj", "ccomp"] + second_deps + ["punct"]
    return hand_built(words, spaces, pos, lemmas, heads, deps)


def test_a_second_reported_clause_the_parse_hangs_on_the_cue_is_reported_too():
    doc = _two_reported_clauses([",", "and", "that", "wages", "fell"], ["PUNCT", "CCONJ", "SCONJ", "NOUN", "VERB"],
                                [",", "and", "that", "wage", "fall"], [5, 5, 10, 10, 2],
                                ["punct", "cc", "mark", "nsubj", "ccomp"])
    assert [(q.rule, q.text) for q in link_quotes(doc)] == [("complement", "that rents rose, and that wages fell")]


def test_a_cue_hung_on_the_cue_as_its_second_clause_is_another_report():
    doc = _two_reported_clauses(["and", "others", "said", "wages", "fell"], ["CCONJ", "NOUN", "VERB", "NOUN", "VERB"],
                                ["and", "other", "say", "wage", "fall"], [4, 4, 2, 10, 8],
                                ["cc", "conj", "ccomp", "nsubj", "ccomp"])
    assert "wages fell" not in [q for q in link_quotes(doc) if q.rule == "complement"][0].text


def test_a_trigger_with_a_window_fires_when_its_next_word_comes_within_it():
    trigger = Trigger("test_window", frozenset({"unquoted"}), frozenset({"claims"}), next_words=frozenset({"that"}),
                      window=4)
    assert trigger.fires_in("claims by the agency that it failed", "unquoted")
    assert not trigger.fires_in("claims by the national water agency that it failed", "unquoted")
    assert trigger.fires_on("claims", "unquoted", "by", ("by", "the", "agency", "that"))
    assert not trigger.fires_on("claims", "unquoted", "by", ("by", "the", "national", "water", "that"))
    assert not trigger.fires_on("claims", "quoted", "by", ("that",))
