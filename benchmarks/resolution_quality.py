"""Speaker resolution accuracy on PolNeAR dev, independent of quotation extraction.

    .venv/bin/python benchmarks/resolution_quality.py [--dev PATH] [--errors errors.jsonl] [--limit N]

For every gold attribution with a (silver) speaker name and a gold speaker span, the plain spaCy pipeline
runs over the article, Quote objects are built from the gold (offsets, speaker mention, cue), the
"speaker_resolver" logic fills the speakers, and each is checked with the scorer's own name matching
(../shared/eval/score.py: normalised equality or equal last tokens). Printed overall, by quote type and by
the kind of mention the resolver saw (name, pronoun, nominal, organization, proxy, none): accuracy (right
over all), coverage (given a speaker at all) and precision (right over given a speaker: "a wrong name is
worse than none", so leaving a mention unresolved costs accuracy but not precision). Also counted: gold
mentions the silver leaves unnamed ("sources", "officials", or a pronoun CoreNLP did not resolve) that the
resolver names anyway (not necessarily wrong, not scored).
The silver names of pronoun mentions come from CoreNLP's coreference and are often wrong (of the 239 dev
pronouns both name, hand labels and silver disagree on 35; in every one of 10 read, the silver name was the
wrong one: "Women", "Kevin", the interviewer instead of the interviewee). So the pronoun mentions are scored a
second time against hand labels made from the text alone, blind to the resolver
(benchmarks/data/pronoun-labels/, see docs/attribution.md): a null label ("the text names nobody") is right
only when the resolver gives no name. Printed: pronouns on hand labels, and the whole set with its pronoun
mentions scored on hand labels instead of silver.
Also printed: how many quotations the dater dated, by rule, and the time resolution and dating take
relative to plain nlp.pipe over the same texts, measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from attribution.dating import date_quotes  # noqa: E402
from attribution.model import load_nlp  # noqa: E402
from attribution.resolution import ResolutionContext, resolve_quotes  # noqa: E402
from attribution.types import Quote  # noqa: E402

SHARED = ROOT.parent / "shared"
LABELS = ROOT / "benchmarks" / "data" / "pronoun-labels"
DEFAULT_DEV = SHARED / "data/polnear/polnear-dev.jsonl"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("quote_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_quotes(article: dict) -> list[Quote]:
    """Quote objects as the core would hand them over, from the gold annotation."""
    quotes = []
    text = article["text"]
    for q in article["quotes"]:
        spans = q.get("speaker_spans") or []
        cue = q.get("cue") or {}
        s, e = (spans[0] if spans else (None, None))
        quotes.append(Quote(
            text=text[q["start"]:q["end"]], start=q["start"], end=q["end"], type=q["type"],
            speaker_mention=text[s:e] if spans else None, speaker_start=s, speaker_end=e,
            cue=cue.get("text"), cue_start=cue.get("start"), cue_end=cue.get("end"), confidence=1.0,
        ))
    return quotes


def read_labels(path: Path | None) -> dict[str, str | None]:
    """Hand labels of pronoun speaker mentions: "article id:mention start" -> name, or None for "nobody named"."""
    if path is None or not path.exists():
        return {}
    rows = (json.loads(line) for line in path.open(encoding="utf-8") if line.strip())
    return {row["key"]: row["name"] for row in rows}


class HandLabelled:
    """The whole set scored with its hand-labelled pronoun mentions on their hand labels instead of silver."""

    def __init__(self, scorer, labels: dict[str, str | None]) -> None:
        self.scorer, self.labels = scorer, labels
        # right, and right with a name given: a null label is right unnamed, which precision does not count
        self.total, self.right, self.named_right, self.given = Counter(), Counter(), Counter(), Counter()

    def count(self, article_id: str, gold: dict, speaker: str | None) -> None:
        key = f"{article_id}:{gold['speaker_spans'][0][0]}"
        if key in self.labels:
            label, group = self.labels[key], "pronoun"
            ok = speaker is None if label is None else self.scorer.speaker_match(speaker, label)
        elif gold.get("speaker"):
            group, ok = "other", self.scorer.speaker_match(speaker, gold["speaker"])
        else:
            return
        for name in ("all", group):
            self.total[name] += 1
            self.right[name] += ok
            self.named_right[name] += ok and speaker is not None
            self.given[name] += speaker is not None

    def report(self) -> list[str]:
        if not self.labels:
            return []
        lines = [f"the {self.total['pronoun']} attributions of the hand-labelled pronoun mentions scored on the "
                 "hand labels instead of silver (a null label is right unnamed):"]
        for name in ("all", "pronoun"):
            n = self.total[name]
            lines.append(f"  {name + ' (hand labels)':22} n={n:5}  accuracy {self.right[name] / n:.3f}  "
                         f"coverage {self.given[name] / n:.3f}  "
                         f"precision {self.named_right[name] / max(self.given[name], 1):.3f}")
        return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--pronoun-labels", type=Path, help="hand labels of the pronoun mentions (default: "
                        "benchmarks/data/pronoun-labels/polnear-dev.jsonl for the default --dev)")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval/score.py")
    parser.add_argument("--errors", type=Path, help="write wrong resolutions here (JSON Lines), and the unscored "
                        "names given where the silver has none (marked unscored)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    args = parser.parse_args()

    scorer = load_scorer(args.scorer)
    labels = read_labels(args.pronoun_labels or (LABELS / "polnear-dev.jsonl" if args.dev == DEFAULT_DEV else None))
    hand = HandLabelled(scorer, labels)
    nlp = load_nlp()
    articles = [json.loads(line) for line in args.dev.open(encoding="utf-8")][: args.limit]
    total, correct, given = Counter(), Counter(), Counter()
    unnamed, named_anyway = 0, Counter()
    errors = []
    started = time.perf_counter()
    docs = list(nlp.pipe(a["text"] for a in articles))
    pipe_seconds = time.perf_counter() - started
    resolve_seconds = 0.0
    dated = Counter()
    for article, doc in zip(articles, docs, strict=True):
        quotes = gold_quotes(article)
        started = time.perf_counter()
        context = ResolutionContext(doc, quotes)
        results = resolve_quotes(doc, quotes, context)
        datings = date_quotes(doc, quotes, dt.date.fromisoformat(article["date"]), context.table)
        resolve_seconds += time.perf_counter() - started
        dated.update(d.rule or "none" for d in datings)
        for gold, quote, result in zip(article["quotes"], quotes, results, strict=True):
            if not gold.get("speaker_spans"):
                continue
            hand.count(article["id"], gold, quote.speaker)
            if not gold.get("speaker"):
                unnamed += 1
                if quote.speaker is not None:
                    named_anyway[result.mention_kind] += 1
                    errors.append({"id": article["id"], "mention": quote.speaker_mention, "kind": result.mention_kind,
                                   "gold": None, "origin": None, "pred": quote.speaker, "type": gold["type"],
                                   "unscored": True})
                continue
            ok = scorer.speaker_match(quote.speaker, gold["speaker"])
            for key in ("all", f"type:{gold['type']}", f"mention:{result.mention_kind}"):
                total[key] += 1
                correct[key] += ok
                given[key] += quote.speaker is not None
            if not ok:
                errors.append({"id": article["id"], "mention": quote.speaker_mention, "kind": result.mention_kind,
                               "gold": gold["speaker"], "origin": gold.get("speaker_origin"),
                               "pred": quote.speaker, "type": gold["type"]})
    print(f"PolNeAR dev: {len(articles)} articles, {total['all']} attributions with a named gold speaker "
          f"and a gold mention")
    for key in sorted(total, key=lambda k: (k != "all", k)):
        precision = f"{correct[key] / given[key]:.3f}" if given[key] else "  -  "
        print(f"  {key:22} n={total[key]:5}  accuracy {correct[key] / total[key]:.3f}  "
              f"coverage {given[key] / total[key]:.3f}  precision {precision}")
    for line in hand.report():
        print(line)
    print(f"gold mentions without a silver name: {unnamed}, named by the resolver: {sum(named_anyway.values())} ("
          + ", ".join(f"{kind} {n}" for kind, n in sorted(named_anyway.items())) + ")")
    print(f"said_on set for {sum(dated.values()) - dated['none']} of {sum(dated.values())} gold quotations "
          f"(no gold dates to score): " + ", ".join(f"{rule} {n}" for rule, n in sorted(dated.items())))
    print(f"time: resolution + dating {resolve_seconds:.2f}s, plain nlp.pipe {pipe_seconds:.2f}s, "
          f"ratio {resolve_seconds / pipe_seconds:.3f}")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for error in errors:
                out.write(json.dumps(error, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
