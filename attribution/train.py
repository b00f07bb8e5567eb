"""Retrain the learned attribution tagger from PolNeAR train and print its dev figures.

    python -m attribution.train [--train PATH] [--dev PATH] [--epochs N] [--limit N] [--output FILE]
                                [--scorer-only] [--cross-fit K]

Deterministic (fixed seeds, one thread order): the same data and settings give the same weights. By
default it writes the weights shipped with the package (``attribution/learned/weights/``), which changes
``ATTRIBUTION_VERSION`` (a hash over them), so stored articles are re-attributed. Runs on CPU (thinc's
numpy ops, no torch); about a minute an epoch on two cores after a one-off pass of the spaCy model.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from thinc.api import Adam

from attribution.learned.data import LABELS, read_articles, role_spans, token_tags
from attribution.learned.scoring import SCORER_FILE
from attribution.learned.tagger import AttributionTagger, packaged_weights
from attribution.model import load_nlp

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
SEED = 0
TRIM = ' \t\n\r"“”\'‘’«»`'
HOLDOUT_EVERY = 7
CROSS_FIT = 0  # folds whose fold taggers' candidates fit the grouping scorer (0: the held-out 1/7 only; 7 measured
# a better-ranking scorer but a worse threshold: docs/attribution.md, Training)


def tensor_pipeline(model: str | None = None) -> Language:
    """The spaCy model with only its tok2vec running: the training input is its ``Doc.tensor``."""
    nlp = load_nlp.__wrapped__(model)
    nlp.select_pipes(enable=["tok2vec"])
    return nlp


def examples(nlp: Language, articles: Iterable[dict], batch_size: int = 16) -> Iterator[Example]:
    """One Example per article: the predicted Doc carries the model's tensor, the reference its tags."""
    articles = list(articles)
    docs = nlp.pipe((a["text"] for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        tags = token_tags(doc, role_spans(article))
        reference = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc], tags=tags)
        yield Example(doc, reference)


def split_train(articles: list[dict], every: int = HOLDOUT_EVERY) -> tuple[list[dict], list[dict]]:
    """Articles for the tagger, and every ``every``-th one held out to fit the grouping's classifier on
    probabilities the tagger did not learn from (on its own training data it is overconfident)."""
    if len(articles) < every:
        return articles, articles
    return ([a for i, a in enumerate(articles) if i % every != every - 1],
            [a for i, a in enumerate(articles) if i % every == every - 1])


def token_figures(tagger: AttributionTagger, dev: list[Example]) -> dict[str, float]:
    """Token accuracy and, per role, token-level P/R/F1 of the predicted role (B and I merged)."""
    scores = tagger.predict([eg.predicted for eg in dev])
    right = total = 0
    counts = {kind: [0, 0, 0] for kind in ("SRC", "CUE", "CNT")}  # tp, predicted, gold
    for eg, doc_scores in zip(dev, scores, strict=True):
        guesses = doc_scores.argmax(axis=1)
        for guess, gold in zip(guesses, eg.get_aligned("TAG", as_string=True), strict=True):
            predicted = LABELS[int(guess)]
            total += 1
            right += predicted == gold
            for kind, c in counts.items():
                p, g = predicted.endswith(kind), (gold or "").endswith(kind)
                c[0] += p and g
                c[1] += p
                c[2] += g
    out = {"token_acc": right / max(total, 1)}
    for kind, (tp, npred, ngold) in counts.items():
        p, r = tp / max(npred, 1), tp / max(ngold, 1)
        out[f"{kind}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def new_tagger(nlp: Language, name: str = "attribution_tagger_training") -> AttributionTagger:
    """An untrained "attribution_tagger" with the factory's default configuration."""
    from attribution.learned import register  # noqa: F401  (the factory)

    return nlp.add_pipe("attribution_tagger", config={"weights": None}, name=name)


def train(train_path: Path, dev_path: Path | None, epochs: int, output: Path, limit: int | None = None,
          learn_rate: float = 0.001, batch_size: int = 4, log=print) -> AttributionTagger:
    fix_random_seed(SEED)
    started = time.monotonic()
    nlp = tensor_pipeline()
    tagger_articles, _ = split_train(list(read_articles(train_path, limit)))
    train_set = list(examples(nlp, tagger_articles))
    dev_set = list(examples(nlp, read_articles(dev_path, limit))) if dev_path else []
    log(f"{len(train_set)} train and {len(dev_set)} dev articles through the spaCy model "
        f"in {time.monotonic() - started:.0f}s")
    return fit_tagger(nlp, train_set, dev_set, epochs, output, learn_rate, batch_size, log, started)


def fit_tagger(nlp: Language, train_set: list[Example], dev_set: list[Example], epochs: int, output: Path,
               learn_rate: float = 0.001, batch_size: int = 4, log=print, started: float | None = None,
               name: str = "attribution_tagger_training") -> AttributionTagger:
    """Train a new tagger on these examples (their Doc.tensor computed by ``nlp``), saving its weights to
    ``output`` after every epoch."""
    started = time.monotonic() if started is None else started
    tagger = new_tagger(nlp, name)
    tagger.initialize(lambda: train_set, nlp=nlp)
    optimizer = Adam(learn_rate)
    rng = random.Random(SEED)
    for epoch in range(1, epochs + 1):
        order = list(train_set)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=batch_size):
            tagger.update(batch, sgd=optimizer, losses=losses)
        line = f"epoch {epoch}: loss {losses.get(tagger.name, 0.0):.0f}"
        if dev_set:
            figures = token_figures(tagger, dev_set)
            line += "  dev " + "  ".join(f"{k} {v:.3f}" for k, v in figures.items())
        log(f"{line}  ({time.monotonic() - started:.0f}s)")
        tagger.save_weights(output)  # after every epoch: an interrupted run leaves usable weights
    log(f"weights: {output} ({output.stat().st_size / 1e6:.1f} MB)")
    return tagger


def folds(articles: list[dict], k: int) -> list[tuple[list[dict], list[dict]]]:
    """K (train, unseen) splits of the articles: article i is unseen in split i % k."""
    return [([a for i, a in enumerate(articles) if i % k != j], [a for i, a in enumerate(articles) if i % k == j])
            for j in range(k)]


def final_tagger_fold(articles: list[dict], k: int) -> int | None:
    """The fold whose training articles are exactly the shipped tagger's (``split_train``'s), if any: with
    k = HOLDOUT_EVERY its unseen articles are the held-out seventh, and the shipped tagger stands for it."""
    tagger_ids = [a["id"] for a in split_train(articles)[0]]
    return next((j for j, (seen, _) in enumerate(folds(articles, k)) if [a["id"] for a in seen] == tagger_ids), None)


def cross_fit_rows(train_path: Path, k: int, epochs: int, workdir: Path, limit: int | None = None,
                   log=print, final: Path | None = None) -> tuple[list[list[float]], list[float], list[tuple]]:
    """Scorer data from every train article: a tagger trained on the other folds (the same recipe and seeds
    as the shipped one) proposes each article's candidates, so none is scored by a tagger that learned from
    it. ``final``: the shipped tagger's weights, used for the fold it was trained for (``final_tagger_fold``)
    instead of training it again. With k = 7 the fold taggers learn from as many articles as the shipped
    one (717 or 718), so their candidates look like its own; with k = 2 (418) they are less sure of
    themselves, and a threshold chosen on them lets more of the shipped tagger's candidates through."""
    started = time.monotonic()
    articles = list(read_articles(train_path, limit))
    reuse = final_tagger_fold(articles, k) if final is not None else None
    parts = []
    for j, (seen, unseen) in enumerate(folds(articles, k)):
        log(f"cross-fit fold {j + 1}/{k}: tagger on {len(seen)} articles, candidates of {len(unseen)}")
        if j == reuse:
            weights = final
        else:
            fix_random_seed(SEED)  # each fold model as reproducible as the shipped one, whatever ran before
            nlp = tensor_pipeline()
            weights = workdir / f"attribution_tagger_fold{j}.bin"
            fit_tagger(nlp, list(examples(nlp, seen)), [], epochs, weights, log=log, started=started)
        parts.append(candidate_rows(learned_pipeline(weights, None), unseen))
    return joined(*parts)


def learned_pipeline(weights: Path, scorer: Path | None) -> Language:
    """The Extractor's pipeline with these weights (and grouping scorer; None: every candidate)."""
    from attribution.extractor import build_pipeline

    nlp = build_pipeline(load_nlp.__wrapped__(), learned=False)
    nlp.add_pipe("attribution_tagger", after="tok2vec", config={"weights": str(weights)})
    config = {"scorer": None, "min_probability": 0.0} if scorer is None else {"scorer": str(scorer)}
    nlp.add_pipe("learned_attributions", after="attribution_linker", config=config)
    return nlp


def candidate_rows(nlp: Language, articles: list[dict]) -> tuple[list[list[float]], list[float], list[tuple]]:
    """Features and labels (IoU >= 0.5 with a gold quotation) of every learned candidate that would reach
    the output (the rules' quotations take precedence), and per article (rule quotes, learned quotes,
    their row numbers) to choose the threshold on."""
    from attribution.learned.grouping import candidate_features, merge

    grouping = nlp.get_pipe("learned_attributions")
    after = nlp.pipe_names[nlp.pipe_names.index("learned_attributions"):]
    rows, labels, outputs = [], [], []
    with nlp.select_pipes(disable=after):
        for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
            candidates = grouping.attributions(doc, doc._.attribution_probs)
            quotes = [grouping.to_quote(doc, c) for c in candidates]
            rules = list(doc._.quotes or [])
            kept = {id(q) for q in merge(rules, quotes, grouping.replace_direct)}
            gold = [_charset(article["text"], q) for q in article["quotes"]]
            learned = []
            for candidate, quote in zip(candidates, quotes, strict=True):
                if id(quote) not in kept:
                    continue
                span = set(range(quote.start, quote.end))
                learned.append((quote, len(rows)))
                rows.append(list(candidate_features(doc, candidate, doc._.attribution_probs)))
                labels.append(float(any(len(span & g) / len(span | g) >= 0.5 for g in gold if span & g)))
            outputs.append((article, rules, learned))
    return rows, labels, outputs


def choose_threshold(scorer, rows, outputs, replace_direct: bool, log=print) -> float:
    """The lowest probability a learned quotation needs: the one giving the best F1 over all types on the
    held-out articles among those that keep direct quotations' F1 at least at the rules' alone (a learned
    quotation that matches nothing counts against every type)."""
    probability = probabilities(scorer, rows)
    rules_direct = threshold_figures(probability, outputs, replace_direct, 2.0)[1]
    best, best_f1 = 1.0, -1.0  # none is good enough: no learned quotation
    for threshold in [round(0.3 + 0.05 * k, 2) for k in range(13)]:
        all_f1, direct_f1 = threshold_figures(probability, outputs, replace_direct, threshold)
        log(f"  held-out, learned quotations from p >= {threshold:.2f}: all types F1 {all_f1:.3f}, "
            f"direct F1 {direct_f1:.3f} (rules alone {rules_direct:.3f})")
        if direct_f1 >= rules_direct and all_f1 > best_f1:
            best, best_f1 = threshold, all_f1
    return best


def probabilities(scorer, rows) -> list[float]:
    import numpy

    return [scorer.probability(numpy.array(row)) for row in rows]


def threshold_figures(probability: list[float], outputs, replace_direct: bool, threshold: float) -> tuple[float, float]:
    """All types' and direct quotations' F1 over these articles when the learned quotations from
    ``threshold`` on are added to the rules'."""
    from attribution.learned.grouping import merge

    counts = {None: [0, 0, 0], "direct": [0, 0, 0]}
    for article, rules, learned in outputs:
        chosen = [q for q, k in learned if probability[k] >= threshold]
        quotes = merge(list(rules), chosen, replace_direct)
        for kind, c in counts.items():
            for n, value in enumerate(_match(article, quotes, kind)):
                c[n] += value
    return _f1(*counts[None]), _f1(*counts["direct"])


def cross_validated(rows, labels, outputs, k: int = 10) -> tuple[float, float]:
    """AUC and log loss of the scorer fitted on the other folds' articles (article i in fold i % k), so
    no article's candidates are on both sides."""
    import numpy

    from attribution.learned.scoring import fit

    x, y = numpy.array(rows), numpy.array(labels)
    if not len(y):
        return float("nan"), float("nan")
    fold = numpy.zeros(len(y), dtype=int)
    for i, (_, _, learned) in enumerate(outputs):
        for _, row in learned:
            fold[row] = i % k
    p = numpy.zeros(len(y))
    for j in range(k):
        test = fold == j
        if test.any():
            p[test] = probabilities(fit(x[~test], y[~test]), x[test])
    return _auc(p, y), float(-numpy.mean(y * numpy.log(p) + (1 - y) * numpy.log(1 - p)))


def _auc(p, y) -> float:
    """The chance a right candidate scores above a wrong one (ties count half)."""
    import numpy

    p, y = numpy.asarray(p), numpy.asarray(y).astype(bool)
    right, wrong = p[y][:, None], p[~y][None, :]
    if not right.size or not wrong.size:
        return 0.5
    return float(((right > wrong).sum() + 0.5 * (right == wrong).sum()) / (right.size * wrong.size))


def joined(*parts: tuple[list, list, list]) -> tuple[list, list, list]:
    """Candidate rows, labels and per-article outputs of several runs as one (row numbers renumbered)."""
    rows: list = []
    labels: list = []
    outputs: list = []
    for part_rows, part_labels, part_outputs in parts:
        offset = len(rows)
        rows += part_rows
        labels += part_labels
        outputs += [(article, rules, [(q, n + offset) for q, n in learned]) for article, rules, learned in part_outputs]
    return rows, labels, outputs


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def fit_scorer(weights: Path, articles: list[dict], output: Path, log=print, cross_fit: tuple | None = None):
    """Fit the grouping scorer and its threshold on the candidates the tagger ``weights`` proposes on
    ``articles`` (train articles it did not learn from), or on ``cross_fit`` (``cross_fit_rows``: every
    train article's candidates from a fold model that did not see it) when given; either way the figures
    on ``articles`` with the fitted scorer are printed, so the two can be compared."""
    import numpy

    from attribution.learned.scoring import fit

    nlp = learned_pipeline(weights, None)
    replace_direct = nlp.get_pipe("learned_attributions").replace_direct
    held_out = candidate_rows(nlp, articles)
    rows, labels, outputs = held_out if cross_fit is None else cross_fit
    scorer = fit(numpy.array(rows), numpy.array(labels))
    scorer.threshold = choose_threshold(scorer, rows, outputs, replace_direct, log)
    output.write_text(scorer.to_json() + "\n", encoding="utf-8")
    auc, loss = cross_validated(rows, labels, outputs)
    log(f"grouping scorer: {len(rows)} {'held-out' if cross_fit is None else 'cross-fitted'} candidates, "
        f"{sum(labels) / max(len(labels), 1):.2f} right, 10-fold cross-validated AUC {auc:.3f} log loss {loss:.3f}, "
        f"threshold {scorer.threshold:.2f} -> {output}")
    all_f1, direct_f1 = threshold_figures(probabilities(scorer, held_out[0]), held_out[2], replace_direct,
                                          scorer.threshold)
    rules_direct = threshold_figures([], [(a, r, []) for a, r, _ in held_out[2]], replace_direct, 2.0)[1]
    log(f"held-out train ({len(articles)} articles, this tagger's candidates): all types F1 {all_f1:.3f}, "
        f"direct F1 {direct_f1:.3f} (rules alone {rules_direct:.3f})")
    return scorer


def _charset(text: str, quote: dict) -> set[int]:
    """The scorer's span rule: fragments, with spaces and quotation marks trimmed at the edges."""
    out: set[int] = set()
    for start, end in quote.get("fragments") or [[quote["start"], quote["end"]]]:
        while start < end and text[start] in TRIM:
            start += 1
        while end > start and text[end - 1] in TRIM:
            end -= 1
        out.update(range(start, end))
    return out


def dev_figures(nlp: Language, articles: list[dict]) -> dict[str, dict[str, float]]:
    """Extraction P/R/F1 on dev with the scorer's matching (IoU >= 0.5, one-to-one, greedy), for all
    types and per gold type (predictions lying inside another type's quotation are not counted against
    a type, as the scorer's --types does)."""
    figures = {}
    docs = list(nlp.pipe(a["text"] for a in articles))
    for label in ("all", "direct", "mixed", "indirect"):
        tp = n_pred = n_gold = 0
        for article, doc in zip(articles, docs, strict=True):
            a, b, c = _match(article, doc._.quotes or [], None if label == "all" else label)
            tp, n_pred, n_gold = tp + a, n_pred + b, n_gold + c
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        figures[label] = {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}
    return figures


def _match(article: dict, quotes, kind: str | None) -> tuple[int, int, int]:
    text = article["text"]
    kept = [_charset(text, q) for q in article["quotes"] if kind is None or q["type"] == kind]
    other = [_charset(text, q) for q in article["quotes"] if kind is not None and q["type"] != kind]
    preds = [_charset(text, {"start": q.start, "end": q.end}) for q in quotes]
    pairs = sorted(((len(p & g) / len(p | g), i, j) for i, p in enumerate(preds) for j, g in enumerate(kept)
                    if p & g and len(p & g) / len(p | g) >= 0.5), reverse=True)
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    ignored = sum(1 for i, p in enumerate(preds) if i not in used_p and p and any(
        len(p & o) / len(p | o) >= 0.5 or len(p & o) / len(p) >= 0.5 for o in other if p & o))
    return len(used_p), len(preds) - ignored, len(kept)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=POLNEAR / "polnear-train.jsonl")
    ap.add_argument("--dev", type=Path, default=POLNEAR / "polnear-dev.jsonl")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--limit", type=int, help="use only the first N articles of each file (a quick check)")
    ap.add_argument("--output", type=Path, default=packaged_weights(), help="the tagger's weights file")
    ap.add_argument("--scorer-only", action="store_true", help="keep the tagger's weights, refit the scorer")
    ap.add_argument("--cross-fit", type=int, default=CROSS_FIT, metavar="K",
                    help="fit the scorer on every train article's candidates from K fold taggers (K extra "
                         "trainings, K - 1 with K = 7; the shipped tagger is trained as without it); 0: on the held-out 1/7 only")
    args = ap.parse_args(argv)
    for path in (args.train, args.dev):
        if not path.is_file():
            sys.exit(f"attribution.train: no such file {path}")
    started = time.monotonic()
    if not args.scorer_only:
        train(args.train, args.dev, args.epochs, args.output, args.limit)
    scorer = args.output.with_name(SCORER_FILE)
    _, held_out = split_train(list(read_articles(args.train, args.limit)))
    cross_fit = None
    if args.cross_fit > 1:  # the fold taggers are only a means: their weights go with the directory
        with tempfile.TemporaryDirectory(prefix="attribution-folds-") as workdir:
            cross_fit = cross_fit_rows(args.train, args.cross_fit, args.epochs, Path(workdir), args.limit,
                                       final=args.output)
    fit_scorer(args.output, held_out, scorer, cross_fit=cross_fit)
    figures = dev_figures(learned_pipeline(args.output, scorer), list(read_articles(args.dev, args.limit)))
    print(f"trained in {(time.monotonic() - started) / 60:.1f} min; dev extraction "
          "(benchmarks/attribution_quality.py gives the full figures):")
    for label, f in figures.items():
        print(f"  {label:9} P {f['P']:.3f}  R {f['R']:.3f}  F1 {f['F1']:.3f}")


if __name__ == "__main__":
    main()
