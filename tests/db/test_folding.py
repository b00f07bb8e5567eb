"""The folding rule (db.folding) on hand-built pairs, and a sample of benchmarks/folding_quality.py
run end to end through the store: every kind of hard negative stays apart, true variants fold."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from db.folding import fold_words, same_statement, speakers_compatible
from db.store import normalize_quote

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "folding_quality.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("folding_quality", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def same(a: str, b: str) -> bool:
    return same_statement(normalize_quote(a), normalize_quote(b))


def test_contractions_and_digit_groups_are_one_wording() -> None:
    assert fold_words(normalize_quote("We don't build 5,000 homes")) == ("we", "do", "not", "build", "5000", "homes")
    assert same("I can't promise that prices will come down", "I cannot promise that prices will come down")


@pytest.mark.parametrize(("a", "b"), [
    ("We will not raise taxes on working families this year", "We will raise taxes on working families this year"),
    ("The economy will grow by 5 percent next year", "The economy will grow by 15 percent next year"),
    ("I never met Viktor Sorensen", "I never met Anders Sorensen"),
    ("We will raise taxes on working families this year", "We will cut taxes on working families this year"),
    ("This is a legal order and it will be obeyed", "This is an illegal order and it will be obeyed"),
    ("raise taxes on working families this year", "We will not raise taxes on working families this year"),
])
def test_a_changed_negation_number_name_or_word_is_another_statement(a: str, b: str) -> None:
    assert not same(a, b) and not same(b, a)


def test_a_trimmed_end_may_drop_a_negation_far_from_the_kept_words() -> None:
    full = "It was not an easy decision, but we will close the plant in March and move production abroad"
    assert same(full, "we will close the plant in March and move production abroad")
    assert not same("We will not close the plant in March", "close the plant in March")


def test_a_short_phrase_inside_a_long_quotation_is_not_a_repetition() -> None:
    assert not same("We will win, and we will win big, because the people are with us", "we will win")


def test_two_known_speakers_are_never_compatible() -> None:
    assert speakers_compatible(1, 1) and speakers_compatible(1, None) and speakers_compatible(None, None)
    assert not speakers_compatible(1, 2)


def test_benchmark_sample_end_to_end(tmp_path: Path) -> None:
    bench = _benchmark()
    sample = []
    for kind in (*bench.VARIANT_KINDS, *bench.NEGATIVE_KINDS):
        sample.extend([pair for pair in bench.PAIRS if pair.kind == kind][:2])
    scores = bench.evaluate(sample, tmp_path)
    assert scores.precision() == 1.0, scores.errors
    assert scores.recall() >= 0.95, scores.errors
    assert sum(scores.total[k] for k in bench.NEGATIVE_KINDS) == 2 * len(bench.NEGATIVE_KINDS)
