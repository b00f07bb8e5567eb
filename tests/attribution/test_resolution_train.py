"""The pronoun ranker's training script stays honest: it trains on a few written articles and the weights
it writes load and resolve. CI does not retrain the shipped weights."""

from __future__ import annotations

import json

from attribution.model import load_nlp
from attribution.resolution import ResolutionContext, resolve_quotes
from attribution.resolution.config import ResolverConfig
from attribution.resolution.ranker import FEATURES, PronounRanker, candidates
from attribution.resolution.train import collect, fit, gold_quotes, main, same_person

PARAGRAPHS = [
    ("Senator John Smith met voters in Ohio on Monday. ", "The plan will work,", "he", "said", "John Smith"),
    ("Mary Jones, the mayor, disagreed with Smith. ", "It will fail,", "she", "said", "Mary Jones"),
    ("Smith waved at the crowd as Peter Brown watched. ", "We are ready,", "he", "added", "John Smith"),
]


def article(index: int) -> dict:
    """A small PolNeAR-style article: each paragraph a sentence and a quotation with a pronoun cue."""
    text, quotes = "", []
    for lead, words, pronoun, cue, speaker in PARAGRAPHS[index % 3:] + PARAGRAPHS[:index % 3]:
        text += lead + "“"
        start = len(text)
        text += words + "” "
        s = len(text)
        text += f"{pronoun} {cue}.\n\n"
        quotes.append({"start": start, "end": start + len(words), "type": "direct", "speaker": speaker,
                       "speaker_spans": [[s, s + len(pronoun)]],
                       "cue": {"start": s + len(pronoun) + 1, "end": s + len(pronoun) + 1 + len(cue), "text": cue}})
    return {"id": f"written/{index}", "text": text, "quotes": quotes}


def test_candidates_carry_every_feature():
    nlp = load_nlp()
    a = article(0)
    doc = nlp(a["text"])
    quotes = gold_quotes(a)
    ctx = ResolutionContext(doc, quotes)
    found = candidates(ctx, quotes[0].speaker_start, "male")
    assert [c.entity.name for c in found] == ["John Smith"]
    assert all(len(c.features) == len(FEATURES) for c in found)


def test_training_on_a_few_articles_learns_weights_that_resolve():
    nlp = load_nlp()
    articles = [article(i) for i in range(3)]
    rows = collect(articles, nlp.pipe(a["text"] for a in articles))
    assert rows and all(y.any() for _, y, _ in rows)
    weights = fit(rows, steps=30)
    assert any(weights) and fit(rows, steps=30).tolist() == weights.tolist()  # deterministic
    ranker = PronounRanker.from_json(json.loads(json.dumps(PronounRanker(tuple(weights)).to_json())))
    assert ranker.weights == tuple(weights)
    a = articles[0]
    doc = nlp(a["text"])
    quotes = gold_quotes(a)
    context = ResolutionContext(doc, quotes, ResolverConfig(pronoun_model=True), ranker=ranker)
    assert context.ranker is ranker
    resolve_quotes(doc, quotes, context)
    assert [same_person(q.speaker, g["speaker"]) for q, g in zip(quotes, a["quotes"], strict=True)] == [True] * 3


def test_training_command_writes_weights_and_prints_dev_figures(tmp_path, capsys):
    data = tmp_path / "articles.jsonl"
    data.write_text("".join(json.dumps(article(i)) + "\n" for i in range(3)), encoding="utf-8")
    out = tmp_path / "ranker.json"
    main(["--train", str(data), "--dev", str(data), "--out", str(out), "--steps", "20"])
    assert PronounRanker.from_json(json.loads(out.read_text(encoding="utf-8"))).weights
    printed = capsys.readouterr().out
    assert "rules  accuracy" in printed and "ranker threshold 0.0" in printed
