"""The learned attribution components: training stays honest, tags become grouped attributions."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy
import pytest
from spacy.tokens import Doc

from attribution.learned.data import LABELS, read_articles, role_spans, token_tags
from attribution.learned.grouping import LearnedAttributions, merge
from attribution.learned.scoring import FEATURES, LogisticScorer, fit
from attribution.learned.tagger import (
    N_MARK_FEATURES,
    WORD_FEATURES,
    LearnedModelMissing,
    doc_tensors,
    packaged_weights,
    word_feature_rows,
)
from attribution.linker import LINKER_DEFAULTS
from attribution.model import load_nlp
from attribution.types import Quote
from attribution.version import attribution_version

TINY = Path(__file__).parents[1] / "fixtures" / "attribution" / "polnear_tiny.jsonl"


def _grouping(**knobs) -> LearnedAttributions:
    config = {"min_content_words": 3, "max_gap": 1, "min_content_prob": 0.5, "min_cue_prob": 0.4,
              "snap_to_parse": True, "snap_iou": 0.6, "replace_direct": True, "max_cue_distance": 30,
              "min_probability": 0.0, "require_source": False, "scorer": None,
              "skip_belief_cues": True}
    config.update(knobs)
    return LearnedAttributions(**config)


def _tagged_doc(words, tags, heads=None, deps=None, pos=None) -> Doc:
    """A hand-built Doc whose tagger output is one-hot on ``tags``."""
    nlp = load_nlp()
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))
    probs = numpy.full((len(words), len(LABELS)), 0.01, dtype="float32")
    for i, tag in enumerate(tags):
        probs[i, LABELS.index(tag)] = 0.94
    doc._.attribution_probs = probs
    doc._.attribution_tags = probs.argmax(axis=1)
    doc._.quoted_spans = []
    doc._.quotes = []
    return doc


def test_token_tags_follow_the_annotation():
    article = next(read_articles(TINY))
    doc = load_nlp().make_doc(article["text"])
    tags = token_tags(doc, role_spans(article))
    first = [(t.text, tag) for t, tag in zip(doc[:6], tags, strict=False)]
    assert first == [("The", "B-SRC"), ("mayor", "I-SRC"), ("said", "B-CUE"), ("that", "B-CNT"),
                     ("the", "I-CNT"), ("new", "I-CNT")]


def test_word_features_mark_cue_words_and_where_paragraphs_and_sentences_start():
    doc = load_nlp().make_doc("Prices rose.\n\nThe mayor said the bridge would open. It did.")
    rows = {t.text: row for t, row in zip(doc, word_feature_rows(doc), strict=True)}
    column = {name: k for k, name in enumerate(WORD_FEATURES)}
    assert rows["said"][column["cue_precision"]] > 0.9 and rows["said"][column["cue_frequency"]] > 0.9
    assert rows["bridge"][column["cue_precision"]] == 0.0 == rows["rose"][column["cue_frequency"]]
    assert rows["The"][column["paragraph_start"]] == 1.0 == rows["Prices"][column["paragraph_start"]]
    assert rows["It"][column["sentence_start"]] == 1.0 and rows["It"][column["paragraph_start"]] == 0.0
    assert rows["mayor"][column["sentence_start"]] == 0.0 == rows["mayor"][column["title_case"]]
    assert rows["The"][column["title_case"]] == 1.0


def test_a_sentence_start_passes_over_an_opening_quotation_mark():
    doc = load_nlp().make_doc("It rose. “We lost,” he said. Then came more.")
    column = WORD_FEATURES.index("sentence_start")
    starts = [t.text for t, row in zip(doc, word_feature_rows(doc), strict=True) if row[column]]
    assert starts == ["It", "“", "We", "Then"]


def test_the_tagger_input_holds_the_tensor_the_marks_and_the_word_features():
    doc = load_nlp()("He said “no” to it.")
    [with_words] = doc_tensors(96, word_features=True).predict([doc])
    [plain] = doc_tensors(96).predict([doc])
    assert with_words.shape == (len(doc), 96 + N_MARK_FEATURES + len(WORD_FEATURES))
    assert plain.shape == (len(doc), 96 + N_MARK_FEATURES)
    assert numpy.array_equal(with_words[:, :96 + N_MARK_FEATURES], plain)


def test_content_is_grouped_with_its_cue_and_source():
    words = ["The", "senator", "said", "the", "bill", "would", "fail", "."]
    tags = ["B-SRC", "I-SRC", "B-CUE", "B-CNT", "I-CNT", "I-CNT", "I-CNT", "O"]
    doc = _grouping()(_tagged_doc(words, tags))
    [quote] = doc._.quotes
    assert (quote.text, quote.type, quote.rule) == ("the bill would fail", "indirect", "learned")
    assert (quote.cue, quote.speaker_mention) == ("said", "The senator")
    assert 0.8 < quote.confidence <= 1.0


def test_a_belief_is_not_a_statement():
    words = ["He", "believes", "that", "the", "West", "is", "plotting", "."]
    tags = ["B-SRC", "B-CUE", "B-CNT", "I-CNT", "I-CNT", "I-CNT", "I-CNT", "O"]
    pos = ["PRON", "VERB", "SCONJ", "DET", "PROPN", "AUX", "VERB", "PUNCT"]
    doc = _tagged_doc(words, tags, pos=pos)
    doc[1].lemma_ = "believe"
    assert _grouping()(doc)._.quotes == []


def test_content_without_a_cue_is_not_an_attribution():
    words = ["The", "bill", "would", "fail", "in", "the", "House", "."]
    tags = ["B-CNT"] + ["I-CNT"] * 6 + ["O"]
    assert _grouping()(_tagged_doc(words, tags))._.quotes == []


def test_content_takes_the_bounds_of_the_cue_complement():
    # "He said that taxes rise": the tagger stops short ("that taxes"), the parse gives the clause.
    words = ["He", "said", "that", "taxes", "will", "rise", "sharply", "."]
    heads = [1, 1, 5, 5, 5, 1, 5, 1]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "advmod", "punct"]
    pos = ["PRON", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "ADV", "PUNCT"]
    tags = ["B-SRC", "B-CUE", "B-CNT", "I-CNT", "I-CNT", "I-CNT", "O", "O"]
    [quote] = _grouping()(_tagged_doc(words, tags, heads, deps, pos))._.quotes
    assert quote.text == "that taxes will rise sharply"
    [quote] = _grouping(snap_to_parse=False)(_tagged_doc(words, tags, heads, deps, pos))._.quotes
    assert quote.text == "that taxes will rise"


def test_the_snapped_complement_stops_before_a_relative_clause_closing_it():
    # "He said taxes hit farms, which voted for him": the relative clause is the writer's, not his.
    words = ["He", "said", "taxes", "hit", "farms", ",", "which", "voted", "for", "him", "."]
    heads = [1, 1, 3, 1, 3, 4, 7, 4, 7, 8, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "dobj", "punct", "nsubj", "relcl", "prep", "pobj", "punct"]
    pos = ["PRON", "VERB", "NOUN", "VERB", "NOUN", "PUNCT", "PRON", "VERB", "ADP", "PRON", "PUNCT"]
    tags = ["B-SRC", "B-CUE"] + ["I-CNT"] * 8 + ["O"]
    tags[2] = "B-CNT"
    [quote] = _grouping()(_tagged_doc(words, tags, heads, deps, pos))._.quotes
    assert quote.text == "taxes hit farms"
    [quote] = _grouping(trim_relative=False)(_tagged_doc(words, tags, heads, deps, pos))._.quotes
    assert quote.text == "taxes hit farms , which voted for him"  # (a hand-built Doc spaces every word)


def test_the_snapped_complement_stops_before_the_writers_label_for_the_claim():
    # "He said taxes hit farms, a blow that hurt them": the label is the writer's, as for the rules.
    words = ["He", "said", "taxes", "hit", "farms", ",", "a", "blow", "that", "hurt", "them", "."]
    heads = [1, 1, 3, 1, 3, 3, 7, 3, 9, 7, 9, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "dobj", "punct", "det", "npadvmod", "nsubj", "relcl", "dobj",
            "punct"]
    pos = ["PRON", "VERB", "NOUN", "VERB", "NOUN", "PUNCT", "DET", "NOUN", "PRON", "VERB", "PRON", "PUNCT"]
    tags = ["B-SRC", "B-CUE", "B-CNT"] + ["I-CNT"] * 8 + ["O"]
    [quote] = _grouping()(_tagged_doc(words, tags, heads, deps, pos))._.quotes
    assert quote.text == "taxes hit farms"
    # The complement rule's knob (of the pipeline linker) holds for the learned quotations too.
    kept = {**LINKER_DEFAULTS, "rules": {**LINKER_DEFAULTS["rules"], "complement": {"trim_summary": False}}}
    [quote] = _grouping(linker_config=kept)(_tagged_doc(words, tags, heads, deps, pos))._.quotes
    assert quote.text == "taxes hit farms , a blow that hurt them"


def test_rule_quotes_are_kept_and_a_longer_mixed_one_replaces_only_its_inner_quote():
    rule = Quote(text="a disaster", start=20, end=30, type="direct")
    other = Quote(text="fine", start=100, end=104, type="direct")
    mixed = Quote(text="x" * 40, start=5, end=45, type="mixed", rule="learned")
    indirect = Quote(text="y", start=101, end=110, type="indirect", rule="learned")
    assert merge([rule, other], [mixed, indirect], replace_direct=True) == [mixed, other]
    assert merge([rule, other], [mixed, indirect], replace_direct=False) == [rule, other]


def test_a_learned_outer_report_replaces_the_rules_report_in_a_clause_describing_its_content():
    # "Fans threatened to block the vote over a rule that they say is unfair .": the rules' "say" report
    # sits in a relative clause of what the fans threatened; the learned outer quotation takes its place.
    words = ["Fans", "threatened", "to", "block", "the", "vote", "over", "a", "rule", "that", "they", "say",
             "is", "unfair", "."]
    heads = [1, 1, 3, 1, 5, 3, 3, 8, 6, 12, 11, 8, 11, 12, 1]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "prep", "det", "pobj", "nsubj", "nsubj", "relcl",
            "ccomp", "acomp", "punct"]
    doc = _tagged_doc(words, ["O"] * len(words), heads, deps)
    token = {t.text: t for t in doc}
    inner = Quote(text="", start=token["that"].idx, end=token["unfair"].idx + 6, type="indirect",
                  rule="complement", cue_start=token["say"].idx)
    outer = Quote(text="", start=token["to"].idx, end=token["unfair"].idx + 6, type="indirect", rule="learned",
                  cue_start=token["threatened"].idx)
    assert merge([inner], [outer], replace_direct=True, outer_of=doc) == [outer]
    assert merge([inner], [outer], replace_direct=True) == [inner]
    # A rule's report whose cue is the content's own verb ("block", as if it were a cue) stays the rules'.
    main = Quote(text="", start=token["the"].idx, end=token["unfair"].idx + 6, type="indirect",
                 rule="complement", cue_start=token["block"].idx)
    assert merge([main], [outer], replace_direct=True, outer_of=doc) == [main]


def test_the_scorer_learns_which_feature_tells_and_round_trips():
    rng = numpy.random.default_rng(0)
    x = rng.normal(size=(400, len(FEATURES)))
    y = (x[:, FEATURES.index("cue_prob")] > 0).astype(float)
    scorer = fit(x, y)
    sure, unsure = numpy.zeros(len(FEATURES)), numpy.zeros(len(FEATURES))
    sure[FEATURES.index("cue_prob")], unsure[FEATURES.index("cue_prob")] = 2.0, -2.0
    assert scorer.probability(sure) > 0.9 > 0.1 > scorer.probability(unsure)
    again = LogisticScorer.from_json(scorer.to_json())
    assert abs(again.probability(sure) - scorer.probability(sure)) < 1e-4


def test_a_scorer_filters_grouped_attributions():
    words = ["The", "senator", "said", "the", "bill", "would", "fail", "."]
    tags = ["B-SRC", "I-SRC", "B-CUE", "B-CNT", "I-CNT", "I-CNT", "I-CNT", "O"]
    never = LogisticScorer(numpy.zeros(len(FEATURES)), -5.0, numpy.zeros(len(FEATURES)), numpy.ones(len(FEATURES)))
    assert _grouping(scorer=never, min_probability=0.5)(_tagged_doc(words, tags))._.quotes == []


def test_missing_weights_are_a_clear_error(tmp_path):
    nlp = load_nlp.__wrapped__()
    with pytest.raises(LearnedModelMissing, match="python -m attribution.train"):
        nlp.add_pipe("attribution_tagger", after="tok2vec", config={"weights": str(tmp_path / "none.bin")})


def test_version_follows_the_weights(tmp_path):
    package = Path(packaged_weights()).parents[2]
    copy = tmp_path / "attribution"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = attribution_version(copy)
    weights = copy / "learned" / "weights" / "attribution_tagger.bin"
    weights.write_bytes(weights.read_bytes() + b"\0")
    assert attribution_version(copy) != before
    (copy / "train.py").write_text("# training code is not part of the version\n")
    assert attribution_version(copy) == attribution_version(copy)


@pytest.mark.slow
def test_training_a_tiny_model_is_deterministic_and_runs(tmp_path):
    from attribution.extractor import build_pipeline
    from attribution.train import train

    first, second = tmp_path / "a.bin", tmp_path / "b.bin"
    train(TINY, TINY, epochs=1, output=first, log=lambda line: None)
    train(TINY, TINY, epochs=1, output=second, log=lambda line: None)
    assert first.read_bytes() == second.read_bytes()
    nlp = load_nlp.__wrapped__()
    nlp.add_pipe("attribution_tagger", after="tok2vec", config={"weights": str(first)})
    nlp = build_pipeline(nlp)
    doc = nlp("The mayor said that the new bridge would open in May.")
    assert doc._.attribution_probs.shape == (len(doc), len(LABELS))
    assert all(isinstance(q, Quote) for q in doc._.quotes)


def test_cross_fitting_folds_leave_every_article_unseen_once():
    from attribution.train import folds

    articles = [{"id": str(i)} for i in range(7)]
    splits = folds(articles, 2)
    assert [[a["id"] for a in unseen] for _, unseen in splits] == [["0", "2", "4", "6"], ["1", "3", "5"]]
    for seen, unseen in splits:
        assert not {a["id"] for a in seen} & {a["id"] for a in unseen}
        assert len(seen) + len(unseen) == len(articles)


def test_with_seven_folds_the_shipped_tagger_stands_for_its_held_out_seventh():
    from attribution.train import final_tagger_fold, split_train

    articles = [{"id": str(i)} for i in range(16)]
    assert final_tagger_fold(articles, 7) == 6
    assert folds_unseen(articles, 7, 6) == [a["id"] for a in split_train(articles)[1]]
    assert final_tagger_fold(articles, 2) is None  # two folds: every fold tagger is trained anew


def folds_unseen(articles, k, j):
    from attribution.train import folds

    return [a["id"] for a in folds(articles, k)[j][1]]


def test_the_cross_validated_scorer_is_judged_on_articles_it_did_not_see():
    from attribution.train import cross_validated

    # one candidate an article, its label told by the first feature: out of fold it still ranks right
    rows = [[float(i % 2)] + [0.0] * (len(FEATURES) - 1) for i in range(20)]
    labels = [float(i % 2) for i in range(20)]
    outputs = [({"id": str(i)}, [], [(None, i)]) for i in range(20)]
    auc, loss = cross_validated(rows, labels, outputs, k=5)
    assert auc == 1.0
    assert loss < 0.69


@pytest.mark.slow
def test_a_tiny_two_fold_cross_fit_is_deterministic_and_fits_the_scorer(tmp_path):
    from attribution.train import cross_fit_rows, fit_scorer, split_train, train

    first = cross_fit_rows(TINY, 2, epochs=1, workdir=tmp_path, log=lambda line: None)
    fold_weights = sorted(p.name for p in tmp_path.glob("attribution_tagger_fold*.bin"))
    assert fold_weights == ["attribution_tagger_fold0.bin", "attribution_tagger_fold1.bin"]
    (tmp_path / "again").mkdir()
    second = cross_fit_rows(TINY, 2, epochs=1, workdir=tmp_path / "again", log=lambda line: None)
    assert first[:2] == second[:2]
    articles = list(read_articles(TINY))
    # every article once, from the fold model that did not learn from it (article i unseen in fold i % 2)
    assert [a["id"] for a, _, _ in first[2]] == [articles[i]["id"] for i in (0, 2, 1)]
    weights, scorer = tmp_path / "tagger.bin", tmp_path / "grouping_scorer.json"
    train(TINY, None, epochs=1, output=weights, log=lambda line: None)
    _, held_out = split_train(articles)
    fitted = fit_scorer(weights, held_out, scorer, log=lambda line: None, cross_fit=first)
    assert LogisticScorer.from_json(scorer.read_text()).threshold == fitted.threshold


def test_the_shipped_model_tags_and_groups_an_indirect_quotation(extractor):
    text = ("The proposal drew fire on Monday.\n\nThe New York Times reported that the company had paid no "
            "federal taxes for a decade.")
    doc = extractor.process(text)
    tags = {t.text: LABELS[doc._.attribution_tags[t.i]] for t in doc}
    assert tags["reported"] == "B-CUE" and tags["Times"].endswith("-SRC") and tags["paid"] == "I-CNT"
    grouping = extractor.nlp.get_pipe("learned_attributions")
    [found] = grouping.attributions(doc, doc._.attribution_probs)
    quote = grouping.to_quote(doc, found)
    assert quote.text == "that the company had paid no federal taxes for a decade"
    assert (quote.cue, quote.speaker_mention, quote.rule) == ("reported", "The New York Times", "learned")
    assert found.probability >= grouping.min_probability
    # The rules found it too: theirs is kept, and no second quotation covers the same words.
    assert [q.rule for q in doc._.quotes] == ["complement"]


def test_a_sentence_with_a_learned_cue_is_parsed(extractor):
    # Neither sentence holds a rule trigger (no quotation, speech verb or date): only a cue the tagger
    # found makes the selective parser parse one, so the grouping can anchor on its parse.
    nlp = extractor.nlp
    text = "Trump cut weapons supplies to Kyiv. The weather was fine on the coast."

    def parsed_with(cue_token: int | None) -> list[tuple[int, int]]:
        doc = nlp.make_doc(text)
        for name in ("tok2vec", "tagger"):
            doc = nlp.get_pipe(name)(doc)
        tags = numpy.zeros(len(doc), dtype="int64")
        if cue_token is not None:
            tags[cue_token] = LABELS.index("B-CUE")
        doc._.attribution_tags = tags
        return nlp.get_pipe("attribution_parser")(doc)._.parsed_sents

    assert parsed_with(None) == []
    assert parsed_with(1) == [(0, text.index("Kyiv.") + len("Kyiv."))]


@pytest.mark.parametrize("text, run, expected", [
    ("Asked about the flap, Mr. Smith shot back at the reporters.", "Mr.", "Mr. Smith"),
    ("Later the senior senator from Ohio said it again.", "the", "the senior senator"),
    ("Podliska’s most explosive claim is about the committee.", "Podliska’s", "Podliska’s"),
    ("Mr. Jones, the mayor, said it.", ",", None),
    ("Trump claims about the economy were wrong.", "Trump", "Trump"),
])
def test_a_tagged_source_run_stands_for_its_whole_noun_phrase(text, run, expected):
    from attribution.learned.grouping import _whole_phrase

    doc = load_nlp()(text)
    start = text.index(run) if run != "," else text.index(",")
    span = doc.char_span(start, start + len(run), alignment_mode="expand")
    phrase = _whole_phrase(span)
    assert (phrase.text if phrase is not None else None) == expected


@pytest.mark.parametrize("text, cue, run, mention", [
    # The run is the role in apposition to the name the parse makes the subject.
    ("Ann Petty, a former secretary of state, put it bluntly: the danger is now inside.", "put",
     "a former secretary of state", "Ann Petty"),
    # The run is a date the tagger took for the source; the parse has the name.
    ("Hale, whose views have upset his party, last year proposed a ban on foreign donations.", "proposed",
     "last year", "Hale"),
    # The run is the object of an adjunct.
    ("Mr. Hale, in a grey suit, said that he was pleading guilty.", "said", "a grey suit", "Mr. Hale"),
    # The run opens with the adjunct before the name.
    ("Stung by the defeat in Ohio, Senator Tom Hale, the party leader, said that the count was flawed.", "said",
     "by the defeat in Ohio, Senator Tom Hale, the party leader", "Senator Tom Hale, the party leader"),
    # A share of those polled is the subject itself: no name is guessed for it.
    ("In the new poll, 63 percent said they would back the measure.", "said", "63 percent", "63 percent"),
    # The run and the parse agree: the run stays.
    ("Senator Ann Petty of Ohio said the plan would fail.", "said", "Senator Ann Petty of Ohio",
     "Senator Ann Petty of Ohio"),
])
def test_the_parse_names_the_speaker_a_stray_source_run_misses(extractor, text, cue, run, mention):
    from attribution.learned.grouping import Run

    doc = extractor.process(text)
    grouping = extractor.nlp.get_pipe("learned_attributions")
    verb = next(t for t in doc if t.text == cue)
    start = text.index(run)
    source = doc.char_span(start, start + len(run))
    assert grouping._speaker_mention(doc, Run("CUE", verb.i, verb.i + 1), source).text == mention


def test_the_speaker_helpers_run_with_the_pipeline_linkers_settings(extractor):
    from attribution.extractor import build_pipeline
    from attribution.learned.grouping import Run

    # The tagger took the date for the source; the parse's speaker replaces it. Whether a letter speaks
    # for its author is the linker's knob ``message_authors``: set on the pipeline's linker, it holds here.
    text = "A letter from Mayor Ann Petty on Monday said that the bridge would close."
    nlp = load_nlp.__wrapped__()
    nlp.add_pipe("quote_finder")
    nlp.add_pipe("attribution_linker", config={"message_authors": False})
    nlp = build_pipeline(nlp)

    def mention(pipeline) -> str:
        doc = pipeline(text)
        verb = next(t for t in doc if t.text == "said")
        start = text.index("Monday")
        source = doc.char_span(start, start + len("Monday"))
        return pipeline.get_pipe("learned_attributions")._speaker_mention(doc, Run("CUE", verb.i, verb.i + 1), source).text

    assert mention(extractor.nlp) == "Mayor Ann Petty"
    assert mention(nlp) == "A letter"
    assert nlp.get_pipe("learned_attributions").linker_config is nlp.get_pipe("attribution_linker").config
