"""The hand labels of pronoun speakers (benchmarks/data/pronoun-labels/) and how the resolution benchmark
scores against them."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "benchmarks" / "data" / "pronoun-labels"
LABEL_FILES = sorted(LABELS.glob("*.jsonl"))


def _benchmark():
    spec = importlib.util.spec_from_file_location("resolution_quality", ROOT / "benchmarks" / "resolution_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class LastWordScorer:
    """The scorer's name rule in small: equal last words."""

    @staticmethod
    def speaker_match(pred: str | None, gold: str) -> bool:
        return bool(pred) and pred.split()[-1].lower() == gold.split()[-1].lower()


def test_label_files_exist_for_dev_and_train_quarters():
    names = {path.stem for path in LABEL_FILES}
    assert "polnear-dev" in names
    assert any(name.startswith("polnear-train-q") for name in names)


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.stem)
def test_label_file_rows_are_well_formed_sorted_and_unique(path: Path):
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    keys = [row["key"] for row in rows]
    assert rows and keys == sorted(keys) and len(set(keys)) == len(keys)
    for row in rows:
        assert set(row) == {"key", "name", "sure"}
        assert re.fullmatch(r"polnear/(dev|train)/[^:]+:\d+", row["key"])
        assert row["name"] is None or (isinstance(row["name"], str) and row["name"].strip())
        assert isinstance(row["sure"], bool)


def test_hand_labels_replace_silver_for_labelled_mentions_only():
    hand = _benchmark().HandLabelled(LastWordScorer(), {"a:10": "Jane Doe", "a:50": None})
    hand.count("a", {"speaker_spans": [[10, 13]], "speaker": "Women"}, "Doe")  # silver wrong, label right
    hand.count("a", {"speaker_spans": [[50, 53]], "speaker": "Kevin"}, None)  # nobody named: right unnamed
    hand.count("a", {"speaker_spans": [[90, 95]], "speaker": "John Roe"}, "Roe")  # no label: silver
    hand.count("a", {"speaker_spans": [[99, 101]], "speaker": None}, "Roe")  # neither: not scored
    assert hand.total == {"all": 3, "pronoun": 2, "other": 1}
    assert hand.right == {"all": 3, "pronoun": 2, "other": 1}
    # precision counts only the names given: the right abstention is not a right name
    assert hand.named_right["pronoun"] == 1 and hand.given["pronoun"] == 1


def test_a_name_given_where_the_label_names_nobody_is_wrong():
    hand = _benchmark().HandLabelled(LastWordScorer(), {"a:50": None})
    hand.count("a", {"speaker_spans": [[50, 52]], "speaker": "Kevin"}, "Kevin")
    assert hand.right["pronoun"] == 0 and hand.given["pronoun"] == 1
    report = hand.report()
    assert "pronoun (hand labels)" in report[-1] and "accuracy 0.000" in report[-1]
