"""Derive the cue lexicon (attribution/data/cues.json) from PolNeAR's TRAIN split.

    python -m attribution.data.build_cues [../shared/data/polnear/polnear-train.jsonl]

For every lemma that heads a gold cue we count how often it is a cue and how often it occurs at all (as a
verb or noun) in the same texts; the ratio is the cue's precision on train. The linker keeps verbs whose
precision and count clear the thresholds in ``attribution.lexicon``. Never run this on the test split.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

DEFAULT_TRAIN = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "polnear" / "polnear-train.jsonl"
OUTPUT = Path(__file__).with_name("cues.json")
CUE_POS = {"VERB", "NOUN"}


def _cue_heads(doc, cues: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """The (lemma, pos) of the verb or noun each gold cue rests on (its first verb, else first noun)."""
    heads = []
    for start, end in cues:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if t.pos_ in CUE_POS]
        verbs = [t for t in words if t.pos_ == "VERB"]
        token = (verbs or words or [None])[0]
        if token is not None:
            heads.append((token.lemma_.lower(), token.pos_))
        elif span.text.lower().startswith("according"):
            heads.append(("according to", "ADP"))
    return heads


def build(train_path: Path) -> dict:
    from attribution.model import load_nlp

    nlp = load_nlp()
    cue_counts: Counter[tuple[str, str]] = Counter()
    all_counts: Counter[tuple[str, str]] = Counter()
    rows = [json.loads(line) for line in train_path.open(encoding="utf-8") if line.strip()]
    texts = ((row["text"], row) for row in rows)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "attribute_ruler", "lemmatizer"]):
        for doc, row in nlp.pipe(texts, as_tuples=True, batch_size=32):
            for token in doc:
                if token.pos_ in CUE_POS:
                    all_counts[(token.lemma_.lower(), token.pos_)] += 1
            cues = [(q["cue"]["start"], q["cue"]["end"]) for q in row["quotes"] if q.get("cue")]
            cue_counts.update(_cue_heads(doc, cues))
            lower = doc.text.lower()
            all_counts[("according to", "ADP")] += lower.count("according to")
    entries = []
    for (lemma, pos), n_cue in cue_counts.most_common():
        total = max(all_counts[(lemma, pos)], n_cue)
        entries.append({"lemma": lemma, "pos": pos, "cue": n_cue, "total": total,
                        "precision": round(n_cue / total, 4)})
    return {"source": "PolNeAR train split", "documents": len(rows), "cues": entries}


def main() -> None:
    train = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TRAIN
    data = build(train)
    OUTPUT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(data['cues'])} cue lemmas from {data['documents']} documents to {OUTPUT}")


if __name__ == "__main__":
    main()
