"""Train the pronoun antecedent ranker (attribution/resolution/ranker.py) and print its dev figures.

    python -m attribution.resolution.train [--train PATH] [--dev PATH] [--out PATH] [--limit N]

For every PolNeAR attribution whose speaker mention is he/she and whose (silver) speaker name is known,
the candidates the ranker would see are collected, those whose name matches the silver one (same last
word, as the scorer matches) being the positives; the quotations are resolved in text order by the rules
meanwhile, so that "the previous quotation's speaker" is what it would be at run time. PolNeAR train
names no pronoun's speaker (only dev has CoreNLP's coreference names), so training also reads every
named speaker the rules resolve as if the article had put "he"/"she" there (masked names): the
candidates before it, the named person the positive. A conditional
logit (softmax over one pronoun's candidates) is fitted by full-batch gradient descent from zero weights
with L2: no randomness, so the same data give the same weights. Printed: the dev accuracy of the rules and
of the ranker on the same pronouns, and the ranker's precision and coverage per probability threshold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from attribution.resolution.config import ResolverConfig
from attribution.resolution.entities import PRONOUN_GENDER
from attribution.resolution.names import fold, name_tokens
from attribution.resolution.ranker import FEATURES, WEIGHTS_FILE, PronounRanker, candidates
from attribution.resolution.resolver import ResolutionContext, resolve_next
from attribution.types import Quote

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear"
RULES_ONLY = ResolverConfig(pronoun_model=False)


def gold_quotes(article: dict) -> list[Quote]:
    """Quote objects as the extractor would hand them over, from the gold annotation."""
    text, quotes = article["text"], []
    for q in article["quotes"]:
        spans = q.get("speaker_spans") or []
        cue = q.get("cue") or {}
        s, e = spans[0] if spans else (None, None)
        quotes.append(Quote(text=text[q["start"]:q["end"]], start=q["start"], end=q["end"], type=q["type"],
                            speaker_mention=text[s:e] if spans else None, speaker_start=s, speaker_end=e,
                            cue=cue.get("text"), cue_start=cue.get("start"), cue_end=cue.get("end"),
                            confidence=1.0))
    return quotes


def same_person(predicted: str | None, silver: str | None) -> bool:
    """The scorer's loose match: the same last word of the name."""
    p, s = name_tokens(predicted or ""), name_tokens(silver or "")
    return bool(p and s) and fold(p[-1]) == fold(s[-1])


def collect(articles: list[dict], docs, masked: bool = False) -> list[tuple[np.ndarray, np.ndarray, bool]]:
    """Per pronoun with a silver name: (candidate features, positive mask, the rules got it right).

    ``docs``: the articles' texts through the spaCy pipeline, in the same order."""
    rows = []
    for article, doc in zip(articles, docs, strict=True):
        quotes = gold_quotes(article)
        ctx = ResolutionContext(doc, quotes, RULES_ONLY)
        for gold, quote in sorted(zip(article["quotes"], quotes, strict=True), key=lambda gq: gq[1].start):
            word = fold(quote.speaker_mention or "")
            found = []
            if word in PRONOUN_GENDER and gold.get("speaker"):
                found = candidates(ctx, quote.speaker_start, PRONOUN_GENDER[word])
            result = resolve_next(ctx, quote)
            if masked and not found and result.mention_kind == "name" and result.entity is not None and (
                    result.entity.gender and same_person(result.speaker, gold.get("speaker"))):
                # A named speaker, read as if the article had said "he"/"she" there.
                found = candidates(ctx, quote.speaker_start, result.entity.gender)
            if found:
                positives = np.array([same_person(c.entity.name, gold["speaker"]) for c in found])
                features = np.array([c.features for c in found], dtype=float)
                rows.append((features, positives, same_person(quote.speaker, gold["speaker"])))
    return rows


def fit(rows, l2: float = 0.01, steps: int = 400, rate: float = 0.5) -> np.ndarray:
    """Maximise the log-probability of the positive candidates (softmax per pronoun), from zero."""
    usable = [(x, y) for x, y, _ in rows if y.any()]
    w = np.zeros(len(FEATURES))
    for _ in range(steps):
        grad = l2 * w
        for x, y in usable:
            scores = x @ w
            p = np.exp(scores - scores.max())
            p /= p.sum()
            q = p * y / (p * y).sum()  # the posterior over the positives
            grad -= (q - p) @ x / len(usable)
        w -= rate * grad
    return w


def report(rows, ranker: PronounRanker) -> None:
    n = len(rows)
    rules = sum(ok for _, _, ok in rows)
    print(f"dev pronouns with a silver name and a candidate: {n}")
    print(f"  rules  accuracy {rules / n:.3f}")
    probs = []
    for x, y, _ in rows:
        scores = x @ np.array(ranker.weights)
        p = np.exp(scores - scores.max())
        p /= p.sum()
        k = int(p.argmax())
        probs.append((p[k], bool(y[k])))
    for threshold in (0.0, 0.5, 0.6, 0.7, 0.8):
        given = [ok for prob, ok in probs if prob >= threshold]
        print(f"  ranker threshold {threshold:.1f}: accuracy {sum(given) / n:.3f}  coverage {len(given) / n:.3f}  "
              f"precision {sum(given) / max(len(given), 1):.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=Path, default=SHARED / "polnear-train.jsonl")
    parser.add_argument("--dev", type=Path, default=SHARED / "polnear-dev.jsonl")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(WEIGHTS_FILE))
    parser.add_argument("--limit", type=int, help="only the first N articles of each file")
    parser.add_argument("--steps", type=int, default=400)
    args = parser.parse_args(argv)
    for path in (args.train, args.dev):
        if not path.is_file():
            sys.exit(f"no such file: {path}")
    from attribution.model import load_nlp

    nlp = load_nlp()
    def read(path: Path) -> list[dict]:
        return [json.loads(line) for line in path.open(encoding="utf-8")][: args.limit]
    train = read(args.train)
    train_rows = collect(train, nlp.pipe(a["text"] for a in train), masked=True)
    if not any(y.any() for _, y, _ in train_rows):
        sys.exit("no pronoun with a matching candidate in the training articles")
    ranker = PronounRanker(tuple(round(float(w), 6) for w in fit(train_rows, steps=args.steps)))
    args.out.write_text(json.dumps(ranker.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"trained on {len(train_rows)} pronouns; weights -> {args.out}")
    for name, weight in zip(FEATURES, ranker.weights, strict=True):
        print(f"  {name:28} {weight:+.3f}")
    dev = read(args.dev)
    report(collect(dev, nlp.pipe(a["text"] for a in dev)), ranker)


if __name__ == "__main__":
    main()
