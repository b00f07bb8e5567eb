"""Name strings: titles, honorifics, normal forms and first-name gender.

Everything here works on plain strings so the entity table, the resolver and the benchmark agree on what
"the same name" means. The title list mirrors the scorer's (../shared/eval/score.py) and adds the roles a
news article puts before a name ("White House Press Secretary Josh Earnest").
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Literal

from attribution.cleaning import INVISIBLE

Gender = Literal["male", "female"]

HONORIFIC_GENDER: dict[str, Gender] = {
    "mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male", "dame": "female",
    "lord": "male", "lady": "female", "king": "male", "queen": "female", "prince": "male",
    "princess": "female", "congressman": "male", "congresswoman": "female", "chairman": "male",
    "chairwoman": "female", "spokesman": "male", "spokeswoman": "female", "businessman": "male",
    "businesswoman": "female",
}

# Words that may stand before a name without being part of it. Lower case, without the final period.
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sen senator rep representative gov governor pres president vice
    gen general lt col sgt capt adm rev reverend sir dame lord lady hon judge justice mayor secretary
    minister prime chancellor ambassador king queen prince princess pope del atty attorney former the st
    saint candidate nominee chief speaker leader chairman chairwoman director commissioner sheriff officer
    coach dean first lawmaker congressman congresswoman sens reps press white house spokesman spokeswoman
    democratic republican presidential rival gop democrat gop's state deputy assistant acting
    executive ceo founder chair then late rivals fellow incumbent candidates
    archbishop bishop cardinal rabbi imam pastor priest patriarch admiral
    cllr cr insp inspector supt superintendent det detective dci dcs dsi constable sergeant ch
    lieutenant colonel captain brig brigadier maj cpl pte cmdr cdr commander rt""".split()
)
# The police, council and military ranks of British and Commonwealth papers are among them, set without the
# stop ("Det Supt Ian Kerr", "Cllr Mary Evans", "Lt Col Ann Price"): the name is the person's, so "Cllr
# Evans" is the Mary Evans named before and no third person.
SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())
# Headline verbs the tagger folds into a name ("Obama Says African-American Museum ..."): a name ends there.
HEADLINE_VERBS = frozenset("""says said tells told asks warns calls slams hammers urges vows claims blasts defends
    rips insists seeks breaks sums shares share hits backs pushes wants rejects unveils touts knocks mocks
    accuses praises plans plan admits denies hails lashes responds reveals explains fires returns wins
    loses""".split())

# Titles that are never a name on their own.
HONORIFIC_ONLY = frozenset("""mr mrs ms miss mx dr sen rep gov the former then sens reps gen lt col sgt capt adm
    cllr insp supt det dci dcs dsi brig maj cpl pte cmdr cdr""".split())

# Role nouns a nominal mention can use ("the senator") and the title words that establish them.
ROLE_SYNONYMS: dict[str, str] = {
    "sen": "senator", "senator": "senator", "senators": "senator", "rep": "representative",
    "representative": "representative", "congressman": "representative", "congresswoman": "representative",
    "lawmaker": "representative", "gov": "governor", "governor": "governor", "president": "president",
    "pres": "president", "mayor": "mayor", "secretary": "secretary", "minister": "minister",
    "chancellor": "chancellor", "ambassador": "ambassador", "judge": "judge", "justice": "judge",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "candidate": "candidate", "nominee": "candidate", "chairman": "chair", "chairwoman": "chair",
    "chair": "chair", "director": "director", "ceo": "executive", "executive": "executive",
    "sheriff": "sheriff", "commissioner": "commissioner", "attorney": "attorney", "lawyer": "lawyer",
    "speaker": "speaker", "leader": "leader", "general": "general", "gen": "general", "coach": "coach",
    "admiral": "admiral", "adm": "admiral",
    "businessman": "businessman", "businesswoman": "businessman", "economist": "economist",
    "professor": "professor", "prof": "professor", "official": "official", "pope": "pope",
    "king": "king", "queen": "queen", "prince": "prince", "premier": "premier", "dean": "dean",
    # Parliamentary systems: "the PM", "the MP", "the Taoiseach", "Labour councillor X". A premier is a
    # role of its own: beside "Prime Minister Justin Trudeau", "the premier" is Premier Doug Ford.
    "pm": "minister", "mp": "representative", "mep": "representative", "msp": "representative",
    "councillor": "councillor", "cllr": "councillor", "taoiseach": "taoiseach", "tanaiste": "tanaiste", "chief": "chief",
    # The leading candidate: a role of its own, no epithet of the story's person at hand (the one it is
    # about is often the front-runner's rival: "If God is talking to X, Rubio's days ... The front-runner
    # predicted ..."), so only a person the article called so.
    "frontrunner": "frontrunner",
    # Clergy: "the Archbishop", "the rabbi".
    "archbishop": "archbishop", "bishop": "bishop", "cardinal": "cardinal", "rabbi": "rabbi", "imam": "imam",
    "pastor": "pastor", "priest": "priest", "patriarch": "patriarch",
}


# Characters a page may put inside a word without showing them (the cleaner's one list: zero-width space
# and joiners, word joiner, byte-order mark, soft hyphen, bidirectional controls): they never split a name.
# No-break and narrow spaces are plain spaces.
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009"), " ")


def visible(text: str) -> str:
    """The text as a reader sees it: invisible characters dropped, no-break spaces made plain."""
    return text.translate(_INVISIBLE).translate(_SPACES)


# Nouns that head an organisation's name, so that "the commission", "the fund" may mean the one the
# article named; "the economy", "the sanctions" name no organisation however many names hold the word.
ORG_HEAD_NOUNS = frozenset("""administration agency alliance association authority bank board bureau campaign
    caucus center centre city coalition college commission committee company corporation council court department
    federation firm foundation fund government group institute institution league ministry network newspaper
    office organisation organization paper parliament party police service society station team tribunal union
    university website""".split())
# What a speaker writes, publishes or says: "a Donald Trump tweet", "an analysis by Lily Batchelder", "a report
# by Politico", "Greenberg's research", "the senator's remarks" stand for their author.
DOCUMENT_HEADS = frozenset("""ad advert advertisement analysis article blog book brief column commentary editorial
    essay filing letter memo memoir op-ed paper poll post report statement study survey tweet
    remark comment word speech testimony release research rhetoric claim announcement""".split())
# Platforms are media ("wrote on Twitter"); when one is the speaker ("Twitter said it would ...") it is the
# company, never a person whatever the tagger says.
PLATFORMS = frozenset({"twitter", "facebook", "instagram", "youtube", "tiktok", "telegram", "whatsapp", "linkedin",
                       "reddit", "snapchat", "threads", "bluesky", "weibo", "wechat", "truth social", "x"})
# A mention governed by these names where or through what something was said, not who said it
# ("officials in New York said", "announced on Twitter").
LOCATIVE_PREPOSITIONS = frozenset("in on at via across through inside into onto over throughout".split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Casefold and strip accents: the comparison form of a word or name."""
    text = unicodedata.normalize("NFKD", visible(text))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


_POSSESSIVE = re.compile(r"['’]s?$")
_PAREN = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[\w][\w.'’-]*")


def _drop_period(word: str) -> str:
    """ "Kerry." -> "Kerry", but an initial keeps its period ("F.", "E.")."""
    return word if len(word) == 2 and word[1] == "." else word.rstrip(".")


def name_tokens(text: str) -> list[str]:
    """The words of a name without titles, possessives, parentheticals and suffixes, original case.

    "Sen. John McCain's" -> ["John", "McCain"]; "Gov. Terry McAuliffe (D)" -> ["Terry", "McAuliffe"].
    A fresh list each call (the words are kept per text: the resolver asks of one name many times).
    """
    return list(_name_words(text))


NAME_ENDING_PREPOSITIONS = frozenset({"of", "at", "from", "for", "with"})


@lru_cache(maxsize=65536)
def _name_words(text: str) -> tuple[str, ...]:
    text = _PAREN.sub(" ", visible(text))
    words = [_drop_period(_POSSESSIVE.sub("", w)) for w in _WORD.findall(text)]
    words = [w for w in words if w]
    for i, word in enumerate(words):
        # "Melissa Cronin of Gawker", "John Smith at the Review": a preposition ends the name (particles
        # such as "de", "van", "in 't" do not).
        if i and (fold(word) in HEADLINE_VERBS or word in NAME_ENDING_PREPOSITIONS):
            words = words[:i]
            break
    # The suffix first, so that a surname that looks like a title stays the name: "King Jr." is King.
    while len(words) > 1 and fold(words[-1]).rstrip(".") in SUFFIXES:
        words = words[:-1]
    # Keep the last word even when it looks like a title: "Mr. King", "Dean" are names.
    while len(words) > 1 and fold(words[0]).rstrip(".") in TITLES:
        words = words[1:]
    if len(words) == 1 and fold(words[0]).rstrip(".") in HONORIFIC_ONLY | SUFFIXES:
        return ()  # "Mr." or "Jr." alone (a tagger's PERSON of "King Jr.") names no one
    return tuple(_past_role_phrase(words))


# Role words a capitalised job title before a name ends with, besides `TITLES` and the role nouns
# ("Republican state schools Superintendent Jennifer McCormick", "Patrol Chief James Hall").
TITLE_HEADS = frozenset({"superintendent", "inspector", "constable", "sergeant", "lieutenant", "colonel",
                         "captain", "major", "corporal", "detective", "chief", "commander", "marshal"})


def _past_role_phrase(words: list[str]) -> list[str]:
    """ "Intelligence Committee Chair Adam Schiff" -> "Adam Schiff": a job title of several words before a
    name ends with a role word; the name is what follows it, when that opens with a first name the shipped
    list knows and has a surname after it (a title the tagger swept into the name is no part of it)."""
    for i in range(len(words) - 3, -1, -1):
        word = fold(words[i]).rstrip(".")
        if (word in TITLES or word in ROLE_SYNONYMS or word in TITLE_HEADS) \
                and first_name_gender(words[i + 1]) is not None:
            return words[i + 1:]
    return words


def org_tokens(text: str) -> list[str]:
    """The words of an organisation's name without a leading article or possessive ("The Post's" -> ["Post"])."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(_PAREN.sub(" ", visible(text)))]
    words = [w for w in words if w]
    while words and fold(words[0]) in ("the", "a", "an"):
        words = words[1:]
    return words


def clean_name(text: str) -> str:
    """The display form of a name: its words without titles ("Sen. John McCain" -> "John McCain")."""
    return " ".join(name_tokens(text))


def surname_key(text: str) -> str | None:
    words = name_tokens(text)
    return fold(words[-1]) if words else None


def honorific_gender(words: list[str]) -> Gender | None:
    """Gender told by a title word right before a name ("Mrs. Clinton", "Congresswoman Waters")."""
    for word in words:
        gender = HONORIFIC_GENDER.get(fold(word).rstrip("."))
        if gender:
            return gender
    return None


@lru_cache(maxsize=1)
def _name_lists() -> dict:
    data = resources.files("attribution.resolution").joinpath("first_names.json").read_text("utf-8")
    return json.loads(data)


@lru_cache(maxsize=1)
def _first_names() -> dict[str, Gender]:
    table = _name_lists()
    return {fold(name): gender for gender in ("male", "female") for name in table[gender]}


@lru_cache(maxsize=1)
def _surnames() -> dict[str, Gender]:
    table = _name_lists().get("surnames", {})
    return {fold(name): gender for gender in ("male", "female") for name in table.get(gender, ())}


def first_name_gender(first: str) -> Gender | None:
    """Gender usually carried by a first name, from the shipped list (None when unknown or unisex)."""
    return _first_names().get(fold(first))


def surname_gender(last: str) -> Gender | None:
    """Gender of the person news articles usually mean by a surname ("Obama"), when they agree."""
    return _surnames().get(fold(last))
