"""Folding quality: does the store fold a repeated quotation into one, and never two statements?

    .venv/bin/python benchmarks/folding_quality.py [--errors]

Hand-made pairs of printings, each stored end to end (``db.store.store_article``, two articles in
a fresh SQLite database copied from one migrated template), then checked: one quotation or two?

- true variants (must fold): trimmed, ellipsised, re-cased, re-punctuated, lightly shortened,
  contractions spelled out, and one printing with the speaker unresolved;
- hard negatives (must not fold), one kind each: a negation added or dropped, a number changed, a
  name changed, another content word swapped, and the very same words from a different speaker.

Printed: recall on the true variants (by kind), the share of hard negatives kept apart (by kind),
and precision (of the pairs folded, the share that are true variants). Targets: precision 1.0,
recall >= 0.95. tests/db/test_folding.py runs a sample of these pairs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from attribution.types import Quote  # noqa: E402
from db.engine import open_engine  # noqa: E402
from db.models import Quotation  # noqa: E402
from db.records import ArticleRecord  # noqa: E402
from db.store import store_article  # noqa: E402

VARIANT_KINDS = ("trimmed", "ellipsis", "recased", "repunctuated", "shortened", "contraction", "unknown speaker")
NEGATIVE_KINDS = ("negation", "number", "name", "content word", "different speaker")

HOLLOWAY, REYES, OKAFOR, LINDQVIST, MARTIN = "Jane Holloway", "Tom Reyes", "Ada Okafor", "Erik Lindqvist", "Paul Martin"


@dataclass(frozen=True)
class Pair:
    kind: str
    a: str
    b: str
    speaker_a: str | None = HOLLOWAY
    speaker_b: str | None = HOLLOWAY

    @property
    def should_fold(self) -> bool:
        return self.kind in VARIANT_KINDS


def _p(kind: str, a: str, b: str, speaker_a: str | None = HOLLOWAY, speaker_b: str | None = HOLLOWAY) -> Pair:
    return Pair(kind, a, b, speaker_a, speaker_b)


PAIRS: tuple[Pair, ...] = (
    # --- trimmed: one printing is a stretch of the other -------------------------------------------
    _p("trimmed", "We will not raise taxes on working families this year, whatever the deficit says.",
       "We will not raise taxes on working families this year"),
    _p("trimmed", "No prior president has ever abased himself more abjectly before a tyrant.",
       "abased himself more abjectly before a tyrant"),
    _p("trimmed", "The economy will grow by 5 percent next year and unemployment will keep falling.",
       "unemployment will keep falling", REYES, REYES),
    _p("trimmed", "I never met Viktor Sorensen, and I have no idea why he keeps saying that I did.",
       "I have no idea why he keeps saying that I did", OKAFOR, OKAFOR),
    _p("trimmed", "Our hospitals are full, our nurses are exhausted and the government is doing nothing about it.",
       "our nurses are exhausted and the government is doing nothing about it", LINDQVIST, LINDQVIST),
    _p("trimmed", "This agreement protects our farmers, our fishermen and every family that depends on them.",
       "This agreement protects our farmers, our fishermen", MARTIN, MARTIN),
    _p("trimmed", "It was not an easy decision. We will close the plant in March and move production abroad.",
       "We will close the plant in March and move production abroad", REYES, REYES),
    _p("trimmed", "The court has spoken and we respect its ruling, even if we disagree with every word of it.",
       "we respect its ruling, even if we disagree with every word of it"),
    _p("trimmed", "We are going to build three hundred thousand homes before the end of this parliament.",
       "build three hundred thousand homes before the end of this parliament", OKAFOR, OKAFOR),
    _p("trimmed", "The police acted within the law, and the inquiry will show that beyond any doubt.",
       "The police acted within the law", LINDQVIST, LINDQVIST),
    _p("trimmed", "And I said then, we will not raise taxes on working families, and I meant every word.",
       "we will not raise taxes on working families", MARTIN, MARTIN),
    _p("trimmed", "Frankly, the whole process was a shambles from start to finish, and the minister knows it.",
       "the whole process was a shambles from start to finish", OKAFOR, OKAFOR),
    # --- ellipsis: words left out in the middle ---------------------------------------------------
    _p("ellipsis", "We will not raise taxes on working families this year, whatever the deficit says.",
       "We will not raise taxes on working families ... whatever the deficit says."),
    _p("ellipsis", "The economy will grow by 5 percent next year and unemployment will keep falling.",
       "The economy will grow by 5 percent next year … unemployment will keep falling.", REYES, REYES),
    _p("ellipsis", "Our hospitals are full, our nurses are exhausted and the government is doing nothing about it.",
       "Our hospitals are full ... and the government is doing nothing about it.", LINDQVIST, LINDQVIST),
    _p("ellipsis", "I have spent my whole life in this town and I have never seen the river this high.",
       "I have spent my whole life in this town and... never seen the river this high.", MARTIN, MARTIN),
    _p("ellipsis", "The court has spoken and we respect its ruling, even if we disagree with every word of it.",
       "The court has spoken and we respect its ruling [...] even if we disagree with every word of it."),
    _p("ellipsis", "This is a dark day for democracy in our country and for everyone who believed in it.",
       "This is a dark day for democracy ... and for everyone who believed in it.", OKAFOR, OKAFOR),
    _p("ellipsis", "The vaccine is safe, it has been tested on tens of thousands of people, and it works.",
       "The vaccine is safe ... and it works.", REYES, REYES),
    _p("ellipsis", "We were told the bridge would be finished in two years and it has taken nearly eight.",
       "We were told the bridge would be finished in two years and it has taken nearly eight years.",
       LINDQVIST, LINDQVIST),
    _p("ellipsis", "We have asked for the files, we have asked for the minutes, and we have been refused every time.",
       "We have asked for the files [...] and we have been refused every time.", REYES, REYES),
    # --- re-cased ----------------------------------------------------------------------------------
    _p("recased", "We will not raise taxes on working families this year.",
       "WE WILL NOT RAISE TAXES ON WORKING FAMILIES THIS YEAR."),
    _p("recased", "I never met Viktor Sorensen.", "i never met viktor sorensen", OKAFOR, OKAFOR),
    _p("recased", "The Economy Will Grow By 5 Percent Next Year.", "The economy will grow by 5 percent next year.",
       REYES, REYES),
    _p("recased", "Thank you, Madrid!", "THANK YOU, MADRID!", MARTIN, MARTIN),
    _p("recased", "Our hospitals are full and our nurses are exhausted.",
       "Our Hospitals Are Full And Our Nurses Are Exhausted.", LINDQVIST, LINDQVIST),
    # --- re-punctuated -----------------------------------------------------------------------------
    _p("repunctuated", "We will not raise taxes on working families this year.",
       "“We will not raise taxes on working families — this year!”"),
    _p("repunctuated", "The economy will grow by 5 percent; unemployment will keep falling.",
       "The economy will grow by 5 percent. Unemployment will keep falling,", REYES, REYES),
    _p("repunctuated", "I don't know, and frankly, I don't care.", "I dont know and frankly I dont care",
       MARTIN, MARTIN),
    _p("repunctuated", "It's a long-term plan for a well-run country.", "It’s a long term plan for a well run country.",
       OKAFOR, OKAFOR),
    _p("repunctuated", "We will build 5,000 homes.", "We will build 5000 homes!", LINDQVIST, LINDQVIST),
    _p("repunctuated", "Yes. We can. And we will.", "Yes we can, and we will", REYES, REYES),
    # --- lightly shortened: a modifier or filler dropped, or filler swapped ------------------------
    _p("shortened", "No prior president has ever abased himself more abjectly before a tyrant.",
       "No prior president has ever abased himself so abjectly before a tyrant."),
    _p("shortened", "We will not raise taxes on working families this year, whatever the deficit says.",
       "We will not raise taxes on families this year, whatever the deficit says."),
    _p("shortened", "Our hospitals are full and our nurses are completely exhausted by the winter.",
       "Our hospitals are full and our nurses are exhausted by the winter.", LINDQVIST, LINDQVIST),
    _p("shortened", "I have never seen the river this high in all my years living in this town.",
       "I have never seen the river this high in all my years in this town.", MARTIN, MARTIN),
    _p("shortened", "The government has simply failed the people of this region, again and again.",
       "The government has failed the people of this region, again and again.", OKAFOR, OKAFOR),
    _p("shortened", "We are going to work very hard to bring those jobs back to the valley.",
       "We are going to work hard to bring those jobs back to the valley.", REYES, REYES),
    _p("shortened", "Well, the truth is that nobody in this building saw it coming.",
       "The truth is that nobody in this building saw it coming.", MARTIN, MARTIN),
    _p("shortened", "And I can tell you that this party will never abandon the north.",
       "I can tell you that this party will never abandon the north.", LINDQVIST, LINDQVIST),
    _p("shortened", "Quite honestly, we are simply not ready for a winter like the last one.",
       "We are not ready for a winter like the last one.", OKAFOR, OKAFOR),
    # --- contractions spelled out ------------------------------------------------------------------
    _p("contraction", "We don't negotiate with people who threaten our families.",
       "We do not negotiate with people who threaten our families."),
    _p("contraction", "I can't promise that prices will come down this winter.",
       "I cannot promise that prices will come down this winter.", REYES, REYES),
    _p("contraction", "It isn't over until every vote has been counted.",
       "It is not over until every vote has been counted.", OKAFOR, OKAFOR),
    _p("contraction", "We won't let them take our pensions away.", "We will not let them take our pensions away.",
       LINDQVIST, LINDQVIST),
    _p("contraction", "I'm not going anywhere and I've never said I would.",
       "I am not going anywhere and I have never said I would.", MARTIN, MARTIN),
    # --- one printing with the speaker unresolved --------------------------------------------------
    _p("unknown speaker", "We will not raise taxes on working families this year.",
       "We will not raise taxes on working families this year.", HOLLOWAY, None),
    _p("unknown speaker", "The economy will grow by 5 percent next year.",
       "the economy will grow by 5 percent next year", None, REYES),
    _p("unknown speaker", "I never met Viktor Sorensen, and I have no idea why he keeps saying that I did.",
       "I have no idea why he keeps saying that I did", OKAFOR, None),
    _p("unknown speaker", "Our hospitals are full and our nurses are exhausted.",
       "Our hospitals are full and our nurses are exhausted.", None, None),
    # --- hard negatives: a negation added or dropped -----------------------------------------------
    _p("negation", "We will not raise taxes on working families this year.",
       "We will raise taxes on working families this year."),
    _p("negation", "I never met Viktor Sorensen.", "I met Viktor Sorensen.", OKAFOR, OKAFOR),
    _p("negation", "The vaccine is safe for children under twelve.", "The vaccine is not safe for children under twelve.",
       REYES, REYES),
    _p("negation", "We don't support the new pipeline through the valley.",
       "We support the new pipeline through the valley.", LINDQVIST, LINDQVIST),
    _p("negation", "There is evidence of fraud in this election.", "There is no evidence of fraud in this election.",
       MARTIN, MARTIN),
    _p("negation", "I can promise that prices will come down this winter.",
       "I can't promise that prices will come down this winter.", REYES, REYES),
    _p("negation", "Our party has ever taken money from that company.",
       "Our party has never taken money from that company.", OKAFOR, OKAFOR),
    _p("negation", "raise taxes on working families this year", "We will not raise taxes on working families this year."),
    _p("negation", "The minister knew about the report before it was published.",
       "The minister knew nothing about the report before it was published.", LINDQVIST, LINDQVIST),
    _p("negation", "We will sign the treaty with conditions attached.", "We will sign the treaty without conditions attached.",
       MARTIN, MARTIN),
    _p("negation", "I am against the deal that the council signed last week.",
       "I am not against the deal that the council signed last week.", OKAFOR, OKAFOR),
    _p("negation", "We will raise taxes on working families this year, whatever happens.",
       "We will raise taxes on working families this year, whatever happens, but not on pensioners.",
       REYES, REYES),
    # --- hard negatives: a number changed ----------------------------------------------------------
    _p("number", "The economy will grow by 5 percent next year.", "The economy will grow by 15 percent next year.",
       REYES, REYES),
    _p("number", "We will build 5,000 homes in the city by 2030.", "We will build 50,000 homes in the city by 2030.",
       LINDQVIST, LINDQVIST),
    _p("number", "We will build three hundred thousand homes before the election.",
       "We will build three hundred homes before the election.", OKAFOR, OKAFOR),
    _p("number", "Unemployment fell to 4.2 percent in March, the lowest in a decade.",
       "Unemployment fell to 4.7 percent in March, the lowest in a decade.", MARTIN, MARTIN),
    _p("number", "Two people were killed and dozens injured in the blast.",
       "Twenty people were killed and dozens injured in the blast.", REYES, REYES),
    _p("number", "The bridge will be finished in 2027, not a day later.",
       "The bridge will be finished in 2029, not a day later.", LINDQVIST, LINDQVIST),
    _p("number", "We have lost 12 seats tonight and we have to face that honestly.",
       "We have lost seats tonight and we have to face that honestly.", HOLLOWAY, HOLLOWAY),
    _p("number", "Prices rose by a third in the first half of the year.",
       "Prices rose by a half in the first half of the year.", OKAFOR, OKAFOR),
    _p("number", "It was the first time that the committee had met since the war.",
       "It was the second time that the committee had met since the war.", MARTIN, MARTIN),
    _p("number", "Our budget for the hospital is 40 million euros this year.",
       "Our budget for the hospital is 40 billion euros this year.", HOLLOWAY, HOLLOWAY),
    _p("number", "One of the three hospitals in the county will close next spring.",
       "One of the four hospitals in the county will close next spring.", LINDQVIST, LINDQVIST),
    # --- hard negatives: a name changed ------------------------------------------------------------
    _p("name", "I never met Viktor Sorensen.", "I never met Anders Sorensen.", OKAFOR, OKAFOR),
    _p("name", "We will work closely with Chancellor Weber on the new trade rules.",
       "We will work closely with Chancellor Becker on the new trade rules.", MARTIN, MARTIN),
    _p("name", "The attack on Kharkiv was a war crime and must be investigated.",
       "The attack on Kherson was a war crime and must be investigated.", LINDQVIST, LINDQVIST),
    _p("name", "I have full confidence in Sarah Collins as our candidate for mayor.",
       "I have full confidence in Sarah Cullen as our candidate for mayor.", REYES, REYES),
    _p("name", "Microsoft has broken the law and should pay for it.", "Google has broken the law and should pay for it.",
       HOLLOWAY, HOLLOWAY),
    _p("name", "The deal with Brazil is the best trade deal this country has ever signed.",
       "The deal with Canada is the best trade deal this country has ever signed.", OKAFOR, OKAFOR),
    _p("name", "John told me the vote had been rigged.", "Joan told me the vote had been rigged.", MARTIN, MARTIN),
    _p("name", "Lisbon will host the summit next spring.", "Lyon will host the summit next spring.", REYES, REYES),
    _p("name", "We owe everything to the people of Manchester tonight.",
       "We owe everything to the people of Birmingham tonight.", LINDQVIST, LINDQVIST),
    _p("name", "I would vote for Martinez over anyone else on that stage.",
       "I would vote for Ramirez over anyone else on that stage.", HOLLOWAY, HOLLOWAY),
    _p("name", "Smith and Jones will lead the review of the contract.",
       "Smith and Brown will lead the review of the contract.", MARTIN, MARTIN),
    # --- hard negatives: another content word swapped ----------------------------------------------
    _p("content word", "We will raise taxes on working families this year.",
       "We will cut taxes on working families this year."),
    _p("content word", "The vaccine is safe for children under twelve.", "The vaccine is unsafe for children under twelve.",
       REYES, REYES),
    _p("content word", "I support the new pipeline through the valley.", "I oppose the new pipeline through the valley.",
       LINDQVIST, LINDQVIST),
    _p("content word", "This is a legal order and it will be obeyed.", "This is an illegal order and it will be obeyed.",
       MARTIN, MARTIN),
    _p("content word", "We will win this election by a landslide.", "We will lose this election by a landslide.",
       OKAFOR, OKAFOR),
    _p("content word", "The minister resigned after the report was published.",
       "The minister lied after the report was published.", REYES, REYES),
    _p("content word", "All of our members voted for the amendment last night.",
       "Some of our members voted for the amendment last night.", HOLLOWAY, HOLLOWAY),
    _p("content word", "Prices will rise sharply over the coming months.", "Prices will fall sharply over the coming months.",
       LINDQVIST, LINDQVIST),
    _p("content word", "He is a liar and everyone in this room knows it.",
       "She is a liar and everyone in this room knows it.", MARTIN, MARTIN),
    _p("content word", "I agree with the court's decision on the border wall.",
       "I disagree with the court's decision on the border wall.", OKAFOR, OKAFOR),
    _p("content word", "We must always protect the rights of workers in this country.",
       "We must always protect the rights of employers in this country.", REYES, REYES),
    _p("content word", "The situation on the border is stable this week.",
       "The situation on the border is unstable this week.", HOLLOWAY, HOLLOWAY),
    _p("content word", "The strike will end on Monday morning at six.", "The strike will start on Monday morning at six.",
       REYES, REYES),
    _p("content word", "I trust the police in this city.", "I distrust the police in this city.", OKAFOR, OKAFOR),
    _p("content word", "Nobody in this building saw it coming.", "Everybody in this building saw it coming.",
       MARTIN, MARTIN),
    # --- hard negatives: the very same words, two speakers -----------------------------------------
    _p("different speaker", "We will not raise taxes on working families this year.",
       "We will not raise taxes on working families this year.", HOLLOWAY, REYES),
    _p("different speaker", "Thank you,", "Thank you,", HOLLOWAY, REYES),
    _p("different speaker", "We will raise taxes on working families this year.",
       "We will raise taxes on working families this year, whatever the deficit says.", REYES, HOLLOWAY),
    _p("different speaker", "This is a dark day for democracy.", "This is a dark day for democracy.", OKAFOR, MARTIN),
    _p("different speaker", "The economy will grow by 5 percent next year.",
       "the economy will grow by 5 percent next year", REYES, LINDQVIST),
    _p("different speaker", "No comment.", "No comment.", MARTIN, LINDQVIST),
    _p("different speaker", "I have full confidence in our candidate.",
       "I have full confidence in our candidate", OKAFOR, HOLLOWAY),
    _p("different speaker", "We are going to win.", "We are going to win!", REYES, MARTIN),
)


# --- running the pairs through the store -------------------------------------------------------


def _quote(text: str, quoted: str, speaker: str | None) -> Quote:
    start = text.index(quoted)
    return Quote(text=quoted, start=start, end=start + len(quoted), type="direct", speaker=speaker,
                 speaker_kind="person" if speaker else None, speaker_mention=speaker, cue="said",
                 confidence=0.9)


def _article_text(quoted: str, n: int) -> str:
    return f"Report number {n}. “{quoted}” the speaker said at the event."


def folds(template: Path, workdir: Path, pair: Pair, n: int) -> bool:
    """Store the pair's printings as two articles; True when they end up one quotation."""
    path = workdir / f"pair-{n}.db"
    shutil.copyfile(template, path)
    engine = open_engine(f"sqlite:///{path}")
    try:
        for side, (quoted, speaker) in enumerate(((pair.a, pair.speaker_a), (pair.b, pair.speaker_b))):
            text = _article_text(quoted, side)
            record = ArticleRecord(url=f"https://outlet{side}.example/{n}", text=text)
            store_article(engine, record, [_quote(text, quoted, speaker)], attribution_version="bench")
        with engine.connect() as conn:
            n_quotations = conn.execute(select(func.count()).select_from(Quotation)).scalar_one()
    finally:
        engine.dispose()
        path.unlink(missing_ok=True)
    return n_quotations == 1


@dataclass
class Scores:
    folded: Counter
    total: Counter
    errors: list[Pair]

    def recall(self) -> float:
        variants = sum(self.total[k] for k in VARIANT_KINDS)
        return sum(self.folded[k] for k in VARIANT_KINDS) / variants if variants else 1.0

    def precision(self) -> float:
        folded = sum(self.folded.values())
        return sum(self.folded[k] for k in VARIANT_KINDS) / folded if folded else 1.0


def evaluate(pairs: tuple[Pair, ...] | list[Pair], workdir: Path) -> Scores:
    template = workdir / "template.db"
    open_engine(f"sqlite:///{template}").dispose()  # migrated once, copied for every pair
    scores = Scores(Counter(), Counter(), [])
    for n, pair in enumerate(pairs):
        folded = folds(template, workdir, pair, n)
        scores.total[pair.kind] += 1
        scores.folded[pair.kind] += folded
        if folded != pair.should_fold:
            scores.errors.append(pair)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="Print the pairs decided wrongly.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scores = evaluate(PAIRS, Path(tmp))
    print(f"{len(PAIRS)} pairs: {sum(scores.total[k] for k in VARIANT_KINDS)} true variants, "
          f"{sum(scores.total[k] for k in NEGATIVE_KINDS)} hard negatives")
    for kind in VARIANT_KINDS:
        print(f"  variant  {kind:<18} folded {scores.folded[kind]:>3}/{scores.total[kind]}")
    for kind in NEGATIVE_KINDS:
        apart = scores.total[kind] - scores.folded[kind]
        print(f"  negative {kind:<18} apart  {apart:>3}/{scores.total[kind]}")
    print(f"precision {scores.precision():.3f} (target 1.0)   recall {scores.recall():.3f} (target >= 0.95)")
    if args.errors:
        for pair in scores.errors:
            print(f"  wrong: [{pair.kind}] {pair.a!r} ({pair.speaker_a}) / {pair.b!r} ({pair.speaker_b})")


if __name__ == "__main__":
    main()
