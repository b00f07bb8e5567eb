"""Calibrated confidence: the isotonic fit, the grouped table, the reliability measure, the component."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attribution.calibration import (
    DEFAULT_TABLE,
    CalibrationTable,
    Curve,
    feature_keys,
    fit_isotonic,
    fit_table,
    mention_kind,
    reliability,
)
from attribution.types import Quote

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TRAIN = SHARED / "data" / "polnear" / "polnear-train.jsonl"
SCORER = SHARED / "eval" / "score.py"
needs_shared = pytest.mark.skipif(not (TRAIN.is_file() and SCORER.is_file()), reason="no ../shared data")


def quote(confidence: float, type_: str = "direct", speaker: str | None = "Ann Lee", mention: str | None = "Lee",
          cue: str | None = "said", start: int = 0, end: int = 10) -> Quote:
    return Quote(text="x" * (end - start), start=start, end=end, type=type_, speaker=speaker,  # type: ignore[arg-type]
                 speaker_mention=mention, cue=cue, confidence=confidence)


def test_isotonic_pools_adjacent_violators():
    # 0.2 -> 1 and 0.4 -> 0 violate monotonicity: pooled to 0.5; the rest stays.
    curve = fit_isotonic([0.1, 0.2, 0.4, 0.9, 0.9], [0, 1, 0, 1, 1])
    assert curve(0.1) == 0.0
    assert curve(0.2) == curve(0.4) == 0.5
    assert curve(0.9) == 1.0
    assert curve(0.0) == 0.0 and curve(1.0) == 1.0  # flat past the ends
    assert list(curve.ys) == sorted(curve.ys)


def test_isotonic_pools_ties_first_and_is_deterministic():
    xs, ys = [0.5, 0.5, 0.5, 0.5, 0.8], [1, 0, 0, 0, 1]
    assert fit_isotonic(xs, ys) == fit_isotonic(list(reversed(xs)), list(reversed(ys)))
    assert fit_isotonic(xs, ys)(0.5) == 0.25


def test_mention_kinds():
    assert mention_kind(quote(0.9, mention="Sen. John McCain")) == "name"
    assert mention_kind(quote(0.9, mention="He")) == "pronoun"
    assert mention_kind(quote(0.9, mention="the senator")) == "nominal"
    assert mention_kind(quote(0.9, mention="The Post")) == "name"
    assert mention_kind(quote(0.9, mention=None)) == "inherited"
    assert mention_kind(quote(0.9, speaker=None)) == "unresolved"
    assert feature_keys(quote(0.9, type_="mixed", cue=None))[0] == "rules|mixed|name|nocue"
    learned = quote(0.9, type_="indirect")
    learned.rule = "learned"
    assert feature_keys(learned)[0] == "learned|indirect|name|cue"


def _table(min_size: int) -> CalibrationTable:
    # Direct named quotations: 90 % right at 0.9; indirect ones, fewer than min_size, are right half the time.
    quotes = [quote(0.9) for _ in range(100)] + [quote(0.6, type_="indirect") for _ in range(min_size - 1)]
    matched = [True] * len(quotes)
    right = [i % 10 != 0 for i in range(100)] + [i % 2 == 0 for i in range(min_size - 1)]
    return fit_table(quotes, matched, right)


def test_probability_is_extraction_times_speaker_in_the_finest_group_with_enough_data():
    table = _table(min_size=10)
    assert table.probability(quote(0.9), min_count=40) == pytest.approx(0.9)
    # The indirect group has 9 quotations: below min_count it borrows from all named ones.
    pooled = table.probability(quote(0.6, type_="indirect"), min_count=40)
    assert pooled == pytest.approx(table.speaker["rules|*|name|*"](0.6))
    assert table.probability(quote(0.6, type_="indirect"), min_count=5) == pytest.approx(5 / 9, abs=1e-3)


def test_unmatched_words_lower_the_extraction_factor():
    quotes = [quote(0.8) for _ in range(50)]
    table = fit_table(quotes, [i % 5 != 0 for i in range(50)], [True if i % 5 else None for i in range(50)])
    assert table.probability(quote(0.8)) == pytest.approx(0.8)


def test_no_speaker_means_probability_zero():
    assert _table(10).probability(quote(0.9, speaker=None, mention=None)) == 0.0


def test_table_round_trips_through_json(tmp_path):
    table = _table(10)
    table.save(tmp_path / "t.json")
    again = CalibrationTable.load(tmp_path / "t.json")
    assert again == table


def test_reliability_bins_and_expected_calibration_error():
    confidences = [0.05, 0.15, 0.15, 0.95, 0.95, 0.95, 0.95]
    correct = [False, True, False, True, True, True, False]
    rows, ece = reliability(confidences, correct)
    assert len(rows) == 10
    assert [r["count"] for r in rows] == [1, 2, 0, 0, 0, 0, 0, 0, 0, 4]
    assert rows[1]["accuracy"] == 0.5 and rows[9]["accuracy"] == 0.75
    expected = (1 * 0.05 + 2 * abs(0.5 - 0.15) + 4 * abs(0.75 - 0.95)) / 7
    assert ece == pytest.approx(expected)
    assert reliability([1.0], [True])[0][9]["count"] == 1  # 1.0 falls in the last bin


def test_shipped_table_is_monotone_and_in_range():
    table = CalibrationTable.load(DEFAULT_TABLE)
    assert table.meta["articles"] > 0
    for curve in (*table.extraction.values(), *table.speaker.values()):
        assert list(curve.ys) == sorted(curve.ys)
        assert all(0.0 <= y <= 1.0 for y in curve.ys)
        assert isinstance(curve, Curve)


def test_the_pipeline_ends_with_the_calibrator_and_applies_the_table(extractor):
    from attribution import Extractor

    assert extractor.nlp.pipe_names[-1] == "confidence_calibrator"
    raw = Extractor(calibrated=False)
    assert "confidence_calibrator" not in raw.nlp.pipe_names
    text = '"We will not back down," said Senator Ann Lee. He added: "Never."'
    table = CalibrationTable.load(DEFAULT_TABLE)
    raw_quotes = raw.extract(text, "2025-08-07")
    calibrated = extractor.extract(text, "2025-08-07")
    assert [q.text for q in raw_quotes] == [q.text for q in calibrated]
    for before, after in zip(raw_quotes, calibrated, strict=True):
        assert after.confidence == table.probability(before)
        assert 0.0 <= after.confidence <= 1.0


@needs_shared
def test_judging_follows_the_scorer():
    from attribution.calibrate import judge_document, load_scorer

    text = 'Intro. "Alpha beta gamma," Lee said. "Delta epsilon," she said. "Zeta," someone said.'
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Alpha beta gamma,", "Delta epsilon,", "Zeta,")]
    gold = {"text": text, "quotes": [
        {"start": spans[0][0], "end": spans[0][1], "speaker": "Ann Lee"},
        {"start": spans[1][0], "end": spans[1][1], "speaker": "Ann Lee"},
        {"start": spans[2][0], "end": spans[2][1], "speaker": None}]}
    predicted = [{"start": spans[0][0], "end": spans[0][1], "speaker": "Lee"},
                 {"start": spans[1][0], "end": spans[1][1] - 3, "speaker": "Bob Smith"},
                 {"start": spans[2][0], "end": spans[2][1], "speaker": "Someone"},
                 {"start": 0, "end": 6, "speaker": "Lee"}]
    judged = judge_document(load_scorer(SCORER), gold, predicted)
    assert [j.end_to_end for j in judged] == [True, False, None, False]
    assert [j.matched for j in judged] == [True, True, True, False]


@needs_shared
def test_learned_quotations_of_the_articles_it_learnt_from_are_left_out():
    from attribution.calibrate import judged, load_scorer

    text = 'Intro. "Alpha beta gamma," Lee said.'
    span = (text.index("Alpha"), text.index("Alpha") + len("Alpha beta gamma,"))
    gold = {"a": {"text": text, "quotes": [{"start": span[0], "end": span[1], "speaker": "Ann Lee"}]},
            "b": {"text": text, "quotes": [{"start": span[0], "end": span[1], "speaker": "Ann Lee"}]}}
    predicted = [{"start": span[0], "end": span[1], "speaker": "Lee", "type": "direct", "text": "x",
                  "rule": "learned"},
                 {"start": 0, "end": 6, "speaker": "Lee", "type": "direct", "text": "x", "rule": "cue_after"}]
    quotes, judgements = judged(load_scorer(SCORER), gold, {"a": predicted, "b": predicted}, frozenset({"a"}))
    assert [q.rule for q in quotes] == ["cue_after", "learned", "cue_after"]  # a's learned one left out
    assert [j.end_to_end for j in judgements] == [False, True, False]


@needs_shared
def test_refit_script_runs_and_is_deterministic(tmp_path):
    from attribution.calibrate import main

    predictions = tmp_path / "raw.jsonl"
    args = ["--limit", "3", "--predictions", str(predictions), "--train", str(TRAIN), "--scorer", str(SCORER)]
    assert main([*args, "--output", str(tmp_path / "a.json")]) == 0
    assert predictions.is_file()  # the raw run is cached for the next fit
    assert main([*args, "--output", str(tmp_path / "b.json")]) == 0
    first = json.loads((tmp_path / "a.json").read_text())
    assert first == json.loads((tmp_path / "b.json").read_text())
    assert first["meta"]["articles"] == 3 and first["extraction"]["*|*|*|*"]["n"] > 0


def test_refit_script_reports_a_missing_file(tmp_path, capsys):
    from attribution.calibrate import main

    assert main(["--train", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_default_training_data_is_the_shared_folder_beside_the_checkout():
    # The same place attribution.train and the benchmarks read (the path once pointed one folder too high).
    from attribution import calibrate, train

    assert calibrate.DEFAULT_TRAIN == train.POLNEAR / "polnear-train.jsonl"
