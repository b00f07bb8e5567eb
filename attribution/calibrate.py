"""Refit the confidence calibration (attribution/data/calibration.json) on PolNeAR TRAIN.

    python -m attribution.calibrate [--train PATH] [--scorer PATH] [--limit N] [--processes N]
                                    [--predictions FILE] [--output PATH]

Runs the Extractor with its calibrator off over the training articles (or reads raw predictions saved by an
earlier run with ``--predictions``; written there when the file does not exist yet), labels every predicted
quotation right or wrong as the scorer's end-to-end measure does (its words match a gold quotation, IoU >=
0.5 one-to-one, AND its speaker matches the gold speaker; a quotation matched to a gold one without a
speaker is left out, as the scorer leaves it out), and fits one isotonic curve per feature group
(``attribution.calibration``). Deterministic: the same predictions give the same table. Rerun it whenever
the rules, the resolver or a model change. Never run it on dev or test. The learned tagger's quotations
count only from the train articles it was not trained on (``attribution.train``'s held-out share).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from attribution.calibration import DEFAULT_TABLE, LEARNED_RULE, CalibrationTable, fit_table, reliability
from attribution.types import Quote

SHARED = Path(__file__).resolve().parents[2] / "shared"  # the checkout sits beside shared/
DEFAULT_TRAIN = SHARED / "data" / "polnear" / "polnear-train.jsonl"
DEFAULT_SCORER = SHARED / "eval" / "score.py"


def load_scorer(path: Path = DEFAULT_SCORER) -> ModuleType:
    """The evaluation's own score.py (its span trimming and speaker-name matching), imported by path."""
    spec = importlib.util.spec_from_file_location("quote_scorer", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True, slots=True)
class Judgement:
    """How the scorer sees one predicted quotation."""

    matched: bool  # its words match a gold quotation
    speaker_right: bool | None  # None: unmatched, or the gold quotation names no speaker

    @property
    def end_to_end(self) -> bool | None:
        """Right end to end; None when the scorer leaves it out (matched to a speakerless gold quotation)."""
        return False if not self.matched else self.speaker_right


def _match(scorer: ModuleType, gold: dict, predicted: list[dict]) -> dict[int, int]:
    """Predicted index -> gold index, as score.py matches: character sets trimmed of marks and spaces,
    IoU >= 0.5, one-to-one, greedy by descending IoU."""
    text = gold.get("text")
    gold_sets = [scorer.charset(q, text) for q in gold["quotes"]]
    pairs = []
    for i, quote in enumerate(predicted):
        ps = scorer.charset(quote, text)
        for j, gs in enumerate(gold_sets):
            inter = len(ps & gs)
            if inter and inter / len(ps | gs) >= 0.5:
                pairs.append((inter / len(ps | gs), i, j))
    pairs.sort(reverse=True)
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in pairs:
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return matched


def judge_document(scorer: ModuleType, gold: dict, predicted: list[dict]) -> list[Judgement]:
    matched = _match(scorer, gold, predicted)
    judgements = []
    for i, quote in enumerate(predicted):
        g = gold["quotes"][matched[i]] if i in matched else None
        if g is None or not g.get("speaker"):
            judgements.append(Judgement(g is not None, None))
        else:
            right = bool(scorer.speaker_match(quote.get("speaker"), g["speaker"], g.get("speaker_aliases")))
            judgements.append(Judgement(True, right))
    return judgements


def judged(scorer: ModuleType, gold: dict[str, dict], predictions: dict[str, list[dict]],
           learned_seen: frozenset[str] = frozenset()) -> tuple[list[Quote], list[Judgement]]:
    """Every predicted quotation of the gold documents with the scorer's judgement; the learned tagger's
    quotations of the articles it was trained on (``learned_seen``) are left out: there it is right more
    often than on text it has not seen."""
    quotes, judgements = [], []
    for doc_id, doc in gold.items():
        predicted = predictions.get(doc_id, [])
        for quote, judgement in zip(predicted, judge_document(scorer, doc, predicted), strict=True):
            if doc_id in learned_seen and quote.get("rule") == LEARNED_RULE:
                continue
            quotes.append(Quote.from_dict(quote))
            judgements.append(judgement)
    return quotes, judgements


def learned_training_articles(ids: list[str]) -> frozenset[str]:
    """The train articles the shipped tagger learnt from: all but every HOLDOUT_EVERY-th, in file order
    (``attribution.train.split_train``); none when there is no learned component."""
    try:
        from attribution.train import HOLDOUT_EVERY
    except ImportError:
        return frozenset()
    if len(ids) < HOLDOUT_EVERY:
        return frozenset(ids)
    return frozenset(doc_id for k, doc_id in enumerate(ids) if k % HOLDOUT_EVERY != HOLDOUT_EVERY - 1)


def labelled(scorer: ModuleType, gold: dict[str, dict], predictions: dict[str, list[dict]],
             learned_seen: frozenset[str] = frozenset()) -> tuple[list[Quote], list[bool]]:
    """The quotations the end-to-end score counts, each with whether it is right."""
    return end_to_end(*judged(scorer, gold, predictions, learned_seen))


def end_to_end(quotes: list[Quote], judgements: list[Judgement]) -> tuple[list[Quote], list[bool]]:
    """Of judged quotations, those the end-to-end score counts, each with whether it is right."""
    pairs = [(q, j.end_to_end) for q, j in zip(quotes, judgements, strict=True) if j.end_to_end is not None]
    return [q for q, _ in pairs], [bool(label) for _, label in pairs]


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        n = 0
        for line in lines:
            if line.strip():
                yield json.loads(line)
                n += 1
                if limit is not None and n >= limit:
                    return


def raw_predictions(gold: dict[str, dict], processes: int) -> dict[str, list[dict]]:
    """The Extractor's quotations with their uncalibrated confidence."""
    from attribution.extractor import Extractor

    extractor = Extractor(calibrated=False)
    ids = list(gold)
    docs = ((gold[i]["text"], gold[i].get("date")) for i in ids)
    results = extractor.extract_many(docs, processes=processes, batch_size=8)
    return {doc_id: [q.to_dict() for q in quotes] for doc_id, quotes in zip(ids, results, strict=True)}


def _predictions(gold: dict[str, dict], cache: Path | None, processes: int) -> dict[str, list[dict]]:
    if cache is not None and cache.is_file():
        cached = {row["id"]: row.get("quotes", []) for row in read_jsonl(cache)}
        return {doc_id: cached.get(doc_id, []) for doc_id in gold}
    predictions = raw_predictions(gold, processes)
    if cache is not None:
        with cache.open("w", encoding="utf-8") as out:
            for doc_id, quotes in predictions.items():
                out.write(json.dumps({"id": doc_id, "quotes": quotes}, ensure_ascii=False) + "\n")
    return predictions


def _calibrated(table: CalibrationTable, quote: Quote) -> float:
    probability = table.probability(quote)
    return quote.confidence if probability is None else probability


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--limit", type=int, default=None, help="only the first N training articles")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--predictions", type=Path, default=None,
                    help="raw predictions JSONL: read if it exists, else written after the run")
    ap.add_argument("--output", type=Path, default=DEFAULT_TABLE)
    args = ap.parse_args(argv)
    for path in (args.train, args.scorer):
        if not path.is_file():
            print(f"calibrate: no such file: {path}", file=sys.stderr)
            return 2
    began = time.perf_counter()
    gold = {doc["id"]: doc for doc in read_jsonl(args.train, args.limit)}
    predictions = _predictions(gold, args.predictions, args.processes)
    scorer = load_scorer(args.scorer)
    # The tagger's own training articles: only when fitting on the file it was trained on.
    seen = learned_training_articles(list(gold)) if args.train.name == DEFAULT_TRAIN.name else frozenset()
    quotes, judgements = judged(scorer, gold, predictions, seen)
    meta = {"train": args.train.name, "articles": len(gold), "learned_trained_on": len(seen),
            "quotations": len(quotes),
            "matched": sum(j.matched for j in judgements),
            "speaker_judged": sum(j.speaker_right is not None for j in judgements)}
    table: CalibrationTable = fit_table(quotes, [j.matched for j in judgements],
                                        [j.speaker_right for j in judgements], meta)
    table.save(args.output)
    scored, labels = end_to_end(quotes, judgements)  # the same judgements, not every article matched again
    _, raw_ece = reliability([q.confidence for q in scored], labels)
    _, ece = reliability([_calibrated(table, q) for q in scored], labels)
    print(f"{len(gold)} articles, {len(quotes)} predicted quotations ({meta['matched']} matched), "
          f"{len(scored)} scored end to end ({sum(labels)} right); train ECE raw {raw_ece:.3f} -> "
          f"calibrated {ece:.3f}; {time.perf_counter() - began:.0f} s")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
