"""Rebuild first_names.json: first names and the gender they usually carry.

    python -m attribution.resolution.build_first_names ../shared/data/polnear/polnear-train.jsonl

First names from two sources: a hand list of common first names (English, British, Irish, Canadian, common European,
Indian and Japanese ones, and the names
of world politics; unisex ones such as Jordan or Robin left out), and votes
derived from training articles: within one article, "Mrs. Clinton" tells that the "Hillary Clinton" it
names is a woman, and "Hillary Clinton ... She said" (a sentence opening with a lone pronoun right after
a sentence opening with a full name) votes the same way. A name enters the list when it has at least
two votes and nine in ten agree. Surnames: those that honorifics gender the same way ("Mr. Obama") in at
least three training articles, nine in ten agreeing. Train split only: the dev split measures, the test split is held out.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

SEED = {
    "male": """aaron adam alan albert alex alexander andrew angela_no anthony antonio arnold barack ben benjamin
    bernie bill bob boris brad brian bruce carl carlos charles chris christopher chuck colin craig dan daniel
    david dennis dick dmitry don donald doug douglas edward emmanuel eric frank fred gary george gerald greg
    gregory harry henry hugh ian jack jacob james jason jeb jeff jeffrey jeremy jerry jim jimmy joe joel john
    jon jonathan jose joseph josh juan justin keith ken kenneth kevin kim_no larry lindsey_no marco mark martin
    matt matthew michael mike mitch mitt muhammad narendra nicolas olaf patrick paul pete peter phil rand ray
    recep richard rick robert roger ron ronald rudy rudolph russell ryan sam scott sean sergei sergey stephen
    steve steven ted terry thomas tim timothy todd tom tony vladimir volodymyr walter wayne william xi yoweri
    elon rex jared reince sebastian newt kellyanne_no corey mike rod rodrigo justin jean-claude francois
    joachim viktor benjamin binyamin bashar ali hassan abdel mohammed mohammad shinzo fumio jair luis andres
    nelson jacques nicolas silvio matteo mariano pedro hugo evo fidel raul kim_no ashton
    aidan alastair alistair andy angus archie arthur barry bradley brendan callum cameron cedric clive colm
    conor dale darren dean declan derek desmond dominic duncan dylan eamon eamonn ed edmund eoin ernest ewan
    felix fergus finn francis gavin geoffrey gerry gilbert glenn gordon graham grant hamish harold harvey hector
    howard iain isaac ivan jake jamal jasper jeremiah jesse joey jonah julian kai karl kieran kyle lachlan lance
    leo leon leonard liam lloyd logan lorne luke malcolm marcus mario mason maurice max melvin micheal miles
    mitchell neil neville niall nigel noah norman oliver oscar owen percy philip piers pierre quentin ralph
    randy reginald rhys ricky rob robbie roderick rory ross rowan rupert seamus shane shaun simon stanley stuart
    theo theodore tobias toby trevor tristan vernon victor vince vincent warren wes wesley wilfred will willie
    yusuf zachary zack bernard brett brent clarence clifford curtis dwight earl edwin eugene floyd franklin
    harrison herbert jeffery jerome johnny kurt lester lewis marvin milton nathan nathaniel nick raymond roy
    samuel stephan tyler wade xavier abdullah ahmed ahmad omar khalid mahmoud hamid ibrahim mustafa rishi keir
    nadhim sajid kwasi friedrich gerhard helmut wolfgang jürgen stefan andrzej mateusz dmitri mikhail alexei
    yuri igor yoshihide rahul michel andré jagmeet dalton danielle_no
    pierce petr pavel jakub jakob kristof krzysztof tomas tomasz vaclav milos piotr pawel lukasz marek zbigniew
    jaroslaw wojciech janusz dmitry oleg nikolai andrei giuseppe giovanni luigi paolo francesco alessandro
    lorenzo javier alejandro miguel manuel jorge fernando rafael santiago joao paulo hans jurgen klaus dieter
    thorsten lars sven bjorn henrik mats nils amit vikram arjun sanjay rajesh hiroshi takeshi kenji
    joshua nicholas brandon ethan bryan billy bobby robby gabriel elijah louis lou jay lawrence terrence morton
    merrick marc trey mick zach nate stan russ dave danny chad dante sheldon seth edgar woodrow raphael darrell
    antonin gonzalo felipe arturo cornel christoph geert mohamed ghassan salah
    gene tad reid eliot elliot herman hal irving jerrold lamar luther orrin sherrod thad trent wendell
    lanny mack neal preston sid wilbur clint denny devin duane eddie emanuel ernie ezra gus hank joaquin kenny
    manny otis stu travis vern walt zell cornell dinesh ari hakeem""".split(),
    "female": """abigail alexandria alice alicia amanda amy andrea angela ann anna anne barbara betsy betty
    carly carol caroline catherine cathy chelsea christine claire cynthia dana deborah debbie diana diane donna
    elizabeth ellen emily emma eva grace hannah heather heidi helen hillary huma ilhan jane janet janice
    jennifer jessica jill joan joanne judith judy julia julie karen kate katherine kathleen kathy kelly
    kellyanne kamala kirsten laura linda lisa liz loretta lucy lynn margaret maria marie marine martha mary
    maxine megan melania melissa michelle mika nancy nicola nikki olivia pamela patricia paula rachel rebecca
    rosa ruth sally samantha sandra sarah sharon shirley sophie stephanie susan suzanne tammy teresa theresa
    tiffany tulsi ursula valerie victoria virginia wendy yvonne zoe ivanka theresa jacinda giorgia angela
    christine ursula kristalina nikki condoleezza madeleine hope sheryl
    abby ada adele adriana agnes aileen alana alexandra alison allison amber amelia angelina anita annie antonia
    april audrey ava beatrice belinda bernadette beth bethany beverly bonnie brenda bridget brittany brooke
    camilla carla carmen carolyn cassandra charlotte cheryl chloe christina cindy clara colleen connie courtney
    crystal daisy danielle daphne dawn delia denise dolores doreen doris dorothy edith eileen elaine eleanor
    elena elise eliza ella eloise erica erin esther eve evelyn faith fiona florence frances freya gemma georgia
    geraldine gillian gina gloria gwen harriet hazel holly imogen ingrid irene iris isabel isabella isla
    jacqueline jade jasmine jean_no jeanette jenny jo joanna jocelyn josephine joy joyce juliet june justine
    karin kathryn katie katrina kay kerry_no kristen kristin lana leah leanne lena lesley lillian lily
    lindsay_no lorraine louise lucia lydia lynne mackenzie_no madison_no mandy margo marian marianne marilyn
    marion marjorie marsha meghan melanie mercedes mia mildred miranda molly monica monique nadia naomi natalie
    natasha nina nora norma patsy pauline peggy penelope penny philippa phoebe polly priscilla rachael regina
    rhonda rita roberta robyn rosalind rose rosemary roxanne sabrina sadie samira sara sasha selina serena
    sheila shelley sienna simone sonia stacey stella sue susanna sylvia tamara tanya tara tessa tina tracey
    tracy vanessa vera veronica vicky viola vivian yasmin yolanda zara zeynep fatima aisha leila layla mariam
    maryam priti suella kemi yvette chrystia mélanie ségolène segolene annalena sanna mette
    milena keely katarzyna agnieszka magdalena malgorzata ewa olga irina natalia svetlana tatiana yulia giulia
    francesca chiara alessandra paola pilar ines ana sofia astrid sigrid petra jana zuzana hana tereza veronika
    priya anjali sunita keiko yoko
    kimberly nicole debra lauren sophia kayla lori greta megyn carole carrie marla maggie mollie jeanne bette
    melanne adelle luciana pascale joumana sahar ghazala ivanka ivana melania juanita lois ilia
    myra alyona nia cheri gabrielle joni kayleigh mazie michele patty susana ayanna rashida cokie gretchen katy
    norah candace cecile faye pam rebekah sherry""".split(),
}

_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][a-zA-Z'’-]+)")
_FULL = re.compile(r"\b([A-Z][a-z]{2,})(?: [A-Z]\.)? ([A-Z][a-zA-Z'’-]{2,})\b")
_SENTENCE_PAIR = re.compile(
    r"(?:^|[.!?]\s+)([A-Z][a-z]{2,})(?: [A-Z]\.)? [A-Z][a-zA-Z'’-]{2,}\b[^.!?]{0,300}[.!?]\s+(He|She)\s"
)
_GENDER = {"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female", "He": "male", "She": "female"}


def _bare(surname: str) -> str:
    return re.sub(r"['’]s$", "", surname)


def votes_from_article(text: str) -> Counter[tuple[str, str]]:
    votes: Counter[tuple[str, str]] = Counter()
    by_surname = {_bare(last): _GENDER[title] for title, last in _HONORIFIC.findall(text)}
    for first in {first for first, last in _FULL.findall(text) if last in by_surname}:
        last_gender = {by_surname[last] for f, last in _FULL.findall(text) if f == first and last in by_surname}
        if len(last_gender) == 1:
            votes[(first.lower(), last_gender.pop())] += 1
    for first, pronoun in _SENTENCE_PAIR.findall(text):
        votes[(first.lower(), _GENDER[pronoun])] += 1
    return votes


# Capitalised words that open sentences or precede names without being first names.
_NOT_NAMES = frozenset("and but the when then after while with for said says president senator former rep sen gov "
                       "secretary gen judge democrat republican candidate nominee mayor governor mr mrs ms miss lee "
                       "jordan".split())


def surname_votes(text: str) -> set[tuple[str, str]]:
    """One vote per article for each surname an honorific genders ("Mr. Obama")."""
    return {(_bare(last).lower(), _GENDER[title]) for title, last in _HONORIFIC.findall(text)}


def agreed(per_name: dict[str, Counter[str]], min_votes: int, agreement: float) -> dict[str, list[str]]:
    table: dict[str, set[str]] = {"male": set(), "female": set()}
    for name, counts in per_name.items():
        gender, top = counts.most_common(1)[0]
        if name not in _NOT_NAMES and top >= min_votes and top / sum(counts.values()) >= agreement:
            table[gender].add(name)
    return {g: sorted(names) for g, names in table.items()}


def derive(paths: list[Path], min_votes: int = 2, agreement: float = 0.9) -> dict[str, object]:
    per_name: dict[str, Counter[str]] = defaultdict(Counter)
    per_surname: dict[str, Counter[str]] = defaultdict(Counter)
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line)["text"]
                for (first, gender), n in votes_from_article(text).items():
                    per_name[first][gender] += n
                for last, gender in surname_votes(text):
                    per_surname[last][gender] += 1
    table: dict[str, set[str]] = {g: {n for n in SEED[g] if not n.endswith("_no")} for g in SEED}
    for first, counts in per_name.items():
        gender, top = counts.most_common(1)[0]
        if first in _NOT_NAMES:
            continue
        if top >= min_votes and top / sum(counts.values()) >= agreement:
            other = "female" if gender == "male" else "male"
            if first not in table[other]:
                table[gender].add(first)
    result: dict[str, object] = {g: sorted(names) for g, names in table.items()}
    # Surnames whose bearer the articles consistently call Mr. or Ms. (three articles at least): the
    # gender of a person the article names by surname only ("Obama said ... he").
    result["surnames"] = agreed(per_surname, min_votes=3, agreement=agreement)
    return result


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    table = derive([Path(p) for p in argv])
    out = Path(__file__).with_name("first_names.json")  # package data (pyproject: *.json)
    out.write_text(json.dumps(table, indent=0) + "\n", encoding="utf-8")
    surnames = table["surnames"]
    print(f"{out}: {len(table['male'])} male, {len(table['female'])} female first names; "
          f"{len(surnames['male'])} male, {len(surnames['female'])} female surnames", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
