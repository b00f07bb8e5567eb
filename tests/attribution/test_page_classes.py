"""Error classes read on real news pages of many outlets (crawler extraction, then the extractor): one
sentence or short passage each, written for these tests in the shape of the failure, through the whole
pipeline."""

from __future__ import annotations

import pytest


def _by_cue(quotes, cue):
    return [q for q in quotes if q.cue == cue]


# ------------------------------------------- a cue in a relative clause on the writer's noun reports nothing
@pytest.mark.parametrize(("text", "cue"), [
    # ", a refrain NAME has repeated": the writer's label for the clause before, not a clause the name reports.
    ("Farage phoned into the breakfast show, where the host pressed him on what he meant when he said "
     "migrants are changing the character of the towns, a refrain Farage has repeated several times in the "
     "past week.", "repeated"),
    # "the gap the firm reported would offer ...": the noun is the subject of the sentence's own verb, which
    # another report closes.
    ("Others say the cable is too thin. But even assuming the readings are right, the tiny voltage gap "
     "Siemens reported would offer little protection in real conditions, says Ana Ruiz, an engineer at the "
     "institute.", "reported"),
])
def test_a_relative_clause_on_a_noun_of_a_thing_reports_no_clause(extractor, text, cue):
    assert _by_cue(extractor.extract(text), cue) == []


def test_the_report_closing_the_sentence_keeps_its_clause(extractor):
    text = ("Others say the cable is too thin. But even assuming the readings are right, the tiny voltage gap "
            "Siemens reported would offer little protection in real conditions, says Ana Ruiz, an engineer at "
            "the institute.")
    (quote,) = _by_cue(extractor.extract(text), "says")
    assert quote.speaker == "Ana Ruiz" and "would offer little protection" in quote.text


def test_what_people_say_of_a_noun_they_describe_is_still_their_report(extractor):
    text = "Farmers are pressing for the subsidies they say will keep small dairies open through the winter."
    (quote,) = _by_cue(extractor.extract(text), "say")
    assert quote.speaker_mention == "they" and quote.text.startswith("will keep small dairies open")


# ------------------------------------------------------------------- a thing that promises or threatens
@pytest.mark.parametrize("text", [
    "The row over fishing rights threatens to overshadow the summit in Brussels next week.",
    "The new ferry timetable promises to cut journey times across the strait.",
])
def test_a_thing_that_threatens_or_promises_is_no_speaker(extractor, text):
    assert [q for q in extractor.extract(text) if q.rule == "commitment"] == []


@pytest.mark.parametrize(("text", "mention"), [
    ("Critics vowed to fight the plan in the courts.", "Critics"),
    ("The minister promised to review the rules before the summer.", "The minister"),
    ("Ms Okafor threatened to resign over the decision.", "Ms Okafor"),
])
def test_people_who_promise_or_threaten_still_commit(extractor, text, mention):
    (quote,) = [q for q in extractor.extract(text) if q.rule == "commitment"]
    assert quote.speaker_mention == mention


# ------------------------------------------------- a participle on a noun of the quoted words is no cue
def test_a_participle_describing_a_noun_after_the_closing_mark_is_not_the_reporting_verb(extractor):
    text = ('"Every hour spent on these hearings is an hour when we are not focused on the interests" shared '
            'by both countries, the envoy warned.')
    quotes = extractor.extract(text)
    assert _by_cue(quotes, "shared") == []
    assert [q.speaker_mention for q in _by_cue(quotes, "warned")] == ["the envoy"]


# ---------------------------------------------------------------- no name runs over a paragraph's end
def test_a_byline_closing_a_paragraph_does_not_join_the_name_opening_the_next(extractor):
    text = ("Now, the biggest question is who will be cast as the necklace in the HBO miniseries adaptation. "
            "Kathryn Krawczyk\n\n"
            "Marianne Williamson reportedly no longer has a campaign staff.\n\n"
            "The author has laid off her entire campaign staff nationally, WMUR reports.\n\n"
            "After making her mark in the early debates by railing against plans, and declaring she would call "
            'the prime minister of New Zealand to say "girlfriend, you are so on," the spiritual guru has failed '
            "to qualify for the events in recent months.")
    (quote,) = _by_cue(extractor.extract(text), "say")
    assert quote.speaker == "Marianne Williamson"


# ------------------------------------------- he/she after a description of a speaker nobody was found for
def test_he_after_an_unresolved_description_of_the_speaker_is_nobody(extractor):
    # Not opening its sentence, the description is not taken for the previous speaker (as "The scaffolding
    # firm owner said" would be: test_page_classes_speakers), so nobody is found for it, nor for the "He".
    text = ("Tom Hale Snr, who is separated from Anna, added: 'Tom was a gentle boy.'\n\n"
            "In a statement, the scaffolding firm owner said Thomas, who was a pupil at the village school, had "
            "'a huge circle of friends'.\n\n"
            "He added: 'I hope he knows how much we all love him.'")
    (quote,) = [q for q in extractor.extract(text) if q.text.startswith("I hope")]
    assert quote.speaker_mention == "He" and quote.speaker is None


def test_he_after_a_description_of_someone_named_in_its_sentence_is_that_person(extractor):
    text = ("Ruth Alvarez and Tim Okoro gave evidence side by side on Tuesday. Alvarez said she had no "
            "knowledge of the payments.\n\n"
            "Okoro was the second witness testifying on Tuesday who had read the emails. He said he was not "
            "worried about their content.")
    (quote,) = [q for q in extractor.extract(text) if q.text.startswith("he was not worried")]
    assert quote.speaker == "Tim Okoro"


# ------------------------------------------------ he/she in a clause coordinated with a named subject's
def test_he_coordinated_with_a_named_subject_is_that_subject(extractor):
    text = ("Hewson noted the comparisons critics have made between Ortega’s rhetoric and Franco, who wrote in "
            "his memoir that the nation was being poisoned.\n\n"
            "Ortega rejected the comparison with his usual calm, and he said his poll numbers with young voters "
            "were strong.")
    (quote,) = [q for q in extractor.extract(text) if q.speaker_mention == "he"]
    assert quote.speaker == "Ortega"


def test_the_quoted_words_before_a_coordinated_he_are_the_named_subjects(extractor):
    # (The cue after ", and he" is no longer these words' cue: `cue_after`'s clause break; "denied" is.)
    text = ("Hewson noted the comparisons critics have made between Ortega’s rhetoric and Franco, who wrote in "
            "his memoir that the nation was being poisoned.\n\n"
            "Ortega denied that he intended any racist sentiment with his “poisoning the nation” comments, and "
            "he pointed to his strong poll numbers with young voters.")
    (quote,) = [q for q in extractor.extract(text) if "poisoning the nation" in q.text]
    assert quote.speaker == "Ortega"


# ------------------------------------------------------------- a subheading set in quotation marks
def test_nothing_is_reported_inside_a_quoted_subheading(extractor):
    text = ("Drivers in Britain are now launching legal action after the feature was delayed for years.\n\n"
            "‘Tesla asked me to sign a gagging order’\n\n"
            "Ed Butler, who paid an extra £5,800 for the feature in 2019, settled a claim with Tesla in October.")
    assert extractor.extract(text) == []


@pytest.mark.parametrize(("line", "expected"), [
    ("‘Tesla asked me to sign a gagging order’", True),
    ("“I was told I paid for full self-driving”", True),
    ("‘It was just a fight,’ he said.", False),  # a reporting clause after the closing mark
    ("“They made a mistake and I can understand it.”", False),  # a sentence, ending in a stop
    ("Tesla asked me to sign a gagging order", False),  # no marks
])
def test_a_quoted_headline_is_a_short_line_in_marks_without_a_final_stop(line, expected):
    from attribution.marks import quoted_headline_at

    text = f"First paragraph.\n\n{line}\n\nLast paragraph."
    assert quoted_headline_at(text, text.index(line) + 3) is expected


# -------------------------------------------------- a pull quote: a quoted paragraph the article repeats
PULL_QUOTE = ("The council now answers residents by text message and at drop-in desks.\n\n"
              "“What we want is that nobody has to fill in the same form three times.”\n\n"
              "Rosa Amaral, the council’s digital director\n\n"
              "In March the council opened a single portal for its housing benefits.\n\n"
              "“What we want is that nobody has to fill in the same form three times,” Amaral told me.")


def test_a_pull_quote_repeating_words_the_article_reports_is_no_quotation(extractor):
    quotes = [q for q in extractor.extract(PULL_QUOTE) if q.text.startswith("What we want")]
    assert [(q.cue, q.speaker) for q in quotes] == [("told", "Rosa Amaral")]


def test_a_quoted_paragraph_said_once_is_still_kept(extractor):
    text = ("The council now answers residents by text message and at drop-in desks, Rosa Amaral said.\n\n"
            "“What we want is that nobody has to fill in the same form three times.”")
    (quote,) = [q for q in extractor.extract(text) if q.text.startswith("What we want")]
    assert quote.rule == "uncued_paragraph" and quote.speaker == "Rosa Amaral"


# -------------------------------- uncued words after a sentence that brings in a person as its subject
@pytest.mark.parametrize(("text", "speaker"), [
    # another person becomes the subject between the two quotations: not a continuation of the first
    ("“A cold shower is the last thing you need after a long night out,” says Helen Price, a nutritionist "
     "in Leeds. And Professor Martin Hale has developed a botanical spirit without alcohol that mimics its "
     "first effects, so we can enjoy an evening without regret. “It works on the front of the brain and "
     "relaxes you without the poison.”", "Martin Hale"),
    # the possessor is not the subject: the solicitor is
    ("“They will certainly appeal and go on appealing for as long as the courts let them,” said one lawyer "
     "who follows the case. Mrs Bolton’s solicitor, Peter Quayle, 52, gave a shorter verdict after the "
     "ruling on Friday. “It is hard to overstate how much this ruling matters.”", "Peter Quayle"),
])
def test_uncued_words_after_a_sentence_naming_its_subject_are_that_persons(extractor, text, speaker):
    (quote,) = [q for q in extractor.extract(text) if q.cue is None]
    assert quote.speaker == speaker


def test_a_name_with_an_article_is_no_person_taking_over_the_words(extractor):
    text = ("“None of us is the star of this meeting, none of us at all, not even me,” Hollerich said. Rather "
            "the Holy Spirit is the true protagonist of the synod, which meets in Rome for a month. “Only with "
            "a heart fully open can we respond to what we are asked.”")
    (quote,) = [q for q in extractor.extract(text) if q.text.startswith("Only with")]
    assert quote.speaker == "Hollerich"


def test_words_passed_to_a_person_brought_in_are_kept_where_they_close_no_paragraph(extractor):
    text = ("“A cold shower is the last thing you need after a long night out,” says Helen Price, a nutritionist "
            "in Leeds. And Professor Martin Hale has developed a botanical spirit without alcohol. “It works on "
            "the front of the brain,” and it is now sold in most supermarkets.")
    (quote,) = [q for q in extractor.extract(text) if q.text.startswith("It works")]
    assert quote.speaker == "Martin Hale"


def test_a_person_named_after_a_preposition_does_not_take_over_the_words(extractor):
    text = ("“He’s funny, and I would love to see him on a stage,” attorney Eric Levine said of Trump. Of Carson, "
            "Levine, who has given money to Marco Rubio, said, “He’s flat-out scary.”")
    (quote,) = [q for q in extractor.extract(text) if q.text.startswith("He’s flat-out")]
    assert quote.speaker == "Eric Levine"


# ----------------------------------------------- a name the tagger cut at a hyphen or glued to a role's place
def test_a_first_name_with_a_hyphen_is_kept_whole(extractor):
    text = ("The worry can be seen to be unfounded in the patient way in which Cardinal Jean-Claude Hollerich "
            "has been steering the assembly. Hollerich is the archbishop of Luxembourg.\n\n"
            "“Nobody here is a star,” Hollerich said.\n\n"
            "“We should not write a treatise,” explained the cardinal.")
    assert [q.speaker for q in extractor.extract(text)] == ["Jean-Claude Hollerich", "Jean-Claude Hollerich"]


@pytest.mark.parametrize(("words", "spaces", "expected"), [
    (["Cardinal", "Jean", "-", "Claude", "Hollerich", "spoke"], [True, False, False, True, True, False],
     "Jean-Claude Hollerich"),
    (["Pro", "-", "Kemper", "rallies", "grew"], [False, False, True, True, False], "Kemper"),
    (["Anti", "-", "Kemper", "ads", "ran"], [False, False, True, True, False], "Kemper"),
])
def test_a_prefix_joined_to_a_name_is_no_first_name(words, spaces, expected):
    """On a hand-built Doc whose tagger began the person after the hyphen: a first name joins it, a
    prefix ("Pro-", "Anti-") does not."""
    import spacy
    from spacy.tokens import Doc, Span

    from attribution.resolution.entities import _with_hyphenated_first_name

    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    start = words.index("-") + 1
    end = start + (2 if words[start + 1] == "Hollerich" else 1)
    doc.ents = [Span(doc, start, end, label="PERSON")]
    assert _with_hyphenated_first_name(doc.ents[0]).text == expected


def test_the_place_completing_a_role_before_a_name_is_not_part_of_the_name(extractor):
    text = ("Another diplomat, the former special envoy to Ukraine Kurt Volker, changed his account. "
            "“I think all of us thought it was inappropriate,” Volker said.")
    (quote,) = extractor.extract(text)
    assert (quote.speaker, quote.speaker_kind) == ("Kurt Volker", "person")


def test_an_organisation_named_with_to_keeps_its_name(extractor):
    text = "The Committee to Protect Journalists said the arrests were “unacceptable.”"
    (quote,) = extractor.extract(text)
    assert quote.speaker == "Committee to Protect Journalists"


# --------------------------------------------- a rank abbreviated before a name ("said Army Capt. Jo Doe")
@pytest.mark.parametrize(("text", "speaker"), [
    ("“The plan leaves the troops without cover,” said Army Capt. Ruth Calder, who served two tours.",
     "Ruth Calder"),
    ("“I was hoping for another choice,” said Air Force 1st Lt. Owen Marsh.", "Owen Marsh"),
    ("“We held the line,” said Army Sgt. 1st Class Nina Ortiz.", "Nina Ortiz"),
])
def test_a_rank_abbreviated_before_the_name_does_not_end_the_speaker(extractor, text, speaker):
    (quote,) = [q for q in extractor.extract(text) if q.type == "direct"]
    assert quote.speaker == speaker


# ---------------------------------------- a party's name keeps the words the tagger left out of it
@pytest.mark.parametrize(("text", "speaker"), [
    # At a sentence's start the tagger takes "Democrats" alone; "Liberal Democrats" are another party.
    ('The Liberal Democrats said the new visa rules were "unworkable".', "Liberal Democrats"),
    ('The Liberal Democrats suggested the levy had always been "a blunder", with the party\'s spokesman '
     'calling it "a half-baked idea".', "Liberal Democrats"),
    ('The Scottish National Party said the ferry contract was "a scandal".', "Scottish National Party"),
])
def test_a_party_is_named_in_full(extractor, text, speaker):
    (quote,) = extractor.extract(text)
    assert quote.speaker == speaker


def test_a_capital_opening_the_sentence_is_not_taken_into_the_name(extractor):
    (quote,) = extractor.extract("Wary Democrats said that the governor had known of the plan for weeks.")
    assert quote.speaker == "Democrats"


def test_a_shorter_party_name_is_not_the_longer_party(extractor):
    text = ('Labour said the levy would fail. The Liberal Democrats said the levy was "unworkable". '
            'Democrats in the state senate said they would block the bill.')
    speakers = {q.text: q.speaker for q in extractor.extract(text)}
    assert speakers['the levy was "unworkable"'] == "Liberal Democrats"
    assert all(s != "Liberal Democrats" for t, s in speakers.items() if "block the bill" in t)


# ------------------------------------------- a source's request to stay unnamed is no quotation
@pytest.mark.parametrize("text", [
    'A refugee who feared reprisals and asked not to be identified said that the claim was "simply false."',
    "One aide asked not to be named because the talks were private.",
    "The engineer, who asked not to be quoted by name, said the pumps had failed twice.",
    "A resident requested not to be identified in the report.",
    "The nurse asked to be identified only by her first name.",
])
def test_asking_not_to_be_named_is_no_quotation(extractor, text):
    assert [q for q in extractor.extract(text) if q.cue in ("asked", "requested")] == []


def test_the_words_of_a_source_who_asked_not_to_be_named_are_kept(extractor):
    text = 'A refugee who feared reprisals and asked not to be identified said that the claim was "simply false."'
    (quote,) = extractor.extract(text)
    assert quote.cue == "said" and "simply false" in quote.text


def test_a_request_of_another_kind_is_still_reported(extractor):
    (quote,) = extractor.extract("The mayor asked residents to stay indoors until the storm passed.")
    assert quote.cue == "asked" and "stay indoors" in quote.text


# --------------------------------------- "It noted" after a sentence on another thing is not the possessor
def test_it_after_another_subject_is_not_the_organisation_named_in_passing(extractor):
    text = ("Amazon argued that it was not liable for the charger. The appeals court did not accept Amazon's "
            "stance. It noted that the charger had been stored in an Amazon warehouse.")
    (quote,) = [q for q in extractor.extract(text) if q.cue == "noted"]
    assert quote.speaker_mention == "It" and quote.speaker is None


@pytest.mark.parametrize(("text", "speaker"), [
    ("Amazon reported higher profits on Thursday. It said that sales had risen in every region.", "Amazon"),
    ("The European Commission fined Google on Tuesday. It said that the company had abused its dominance.",
     "European Commission"),
    # A named subject before is weighed by salience as before: here the source of the sentence is meant.
    ("The Taliban has called for such raids before, according to the Global Monitoring Institute, which "
     "tracks militant messages. It said supporters were sharing footage of the raid.", "Global Monitoring Institute"),
])
def test_it_after_the_organisation_as_subject_is_the_organisation(extractor, text, speaker):
    (quote,) = [q for q in extractor.extract(text) if q.speaker_mention == "It"]
    assert quote.speaker_mention == "It" and quote.speaker == speaker


def test_it_after_a_court_that_rejected_a_firms_stance_is_not_the_firm(extractor):
    # The firm spoke last, but the sentence before "It" has the court for subject and names the firm only
    # as the stance's possessor.
    text = ("Amazon argued that it was not liable for the charger.\n\nThe Appellate Court did not accept "
            "Amazon's stance. It noted that the charger had been stored in an Amazon warehouse.")
    (quote,) = [q for q in extractor.extract(text) if q.cue == "noted"]
    assert quote.speaker != "Amazon"


# ------------------------------------ a place before an organisation's common noun is no speaker
@pytest.mark.parametrize("text", [
    "The man was charged with robbery, according to a Eugene police press release.",
    "The man was charged with robbery, a Chicago police spokesman said.",
    "The clinic will close next month, according to an Ohio health department report.",
    "The road was closed for hours, a Denver fire department spokeswoman said on Sunday.",
])
def test_a_name_modifying_an_organisation_noun_is_not_the_speaker(extractor, text):
    (quote,) = extractor.extract(text)
    assert quote.speaker is None


@pytest.mark.parametrize(("text", "speaker"), [
    ("The plan is dead, a Clinton campaign spokesman said.", "Clinton"),
    ("The plan is dead, according to a Clinton campaign statement.", "Clinton"),
    ("The clinic will close next month, according to a Texas Department of Health report.",
     "Texas Department of Health"),
])
def test_a_persons_staff_or_a_named_organisation_still_speaks(extractor, text, speaker):
    (quote,) = extractor.extract(text)
    assert quote.speaker == speaker


# ------------------------------------ "X refers to Y" with quoted words describing Y names nothing
@pytest.mark.parametrize("text", [
    "One Acme Future refers to investments intended to create a “seamless, connected shopping experience” for "
    "customers.",
    "Project Atlas refers to a plan meant to build “a faster and cheaper network” across the region.",
])
def test_refer_to_a_thing_described_with_quoted_words_is_no_naming(extractor, text):
    assert [q for q in extractor.extract(text) if q.rule == "naming"] == []


@pytest.mark.parametrize(("text", "mention"), [
    ("Smith referred to the plan as “a disaster” during the debate.", "Smith"),
    ("The senator was referring to the “same old excuses” from the board.", "The senator"),
])
def test_refer_to_with_the_speakers_own_words_still_names(extractor, text, mention):
    (quote,) = [q for q in extractor.extract(text) if q.rule == "naming"]
    assert quote.speaker_mention == mention


# ------------------------------- a reported clause that is only a closed quotation's words is that quotation
@pytest.mark.parametrize(("text", "cue", "words"), [
    # A semicolon where a colon belongs: the clause stopped at the first sentence's end, half the quotation.
    ("Asked about the delays, the minister replied; “We knew the winter would be hard. What we did not "
     "expect was the strike.”", "replied",
     "We knew the winter would be hard. What we did not expect was the strike."),
    # A quotation that finishes the sentence from a lower-case word: the clause stopped before its stop.
    ("Under Margaret Thatcher, the historian Ben Pimlott writes, “no ministry of any size was closed … and "
     "no tax was cut.” The panel was created later.", "writes",
     "no ministry of any size was closed … and no tax was cut."),
    # The learned tagger's content after a noun cue and a colon: its first sentence only.
    ("A rare exception is Jane Doe’s reporting in the Herald: “Left alone with angry customers, every nurse "
     "who spoke with the Herald described feeling unsafe. All said they had been shouted at.” This matches "
     "what I heard.", "reporting",
     "Left alone with angry customers, every nurse who spoke with the Herald described feeling unsafe. All "
     "said they had been shouted at."),
])
def test_a_clause_of_only_quoted_words_is_the_direct_quotation(extractor, text, cue, words):
    (quote,) = _by_cue(extractor.extract(text), cue)
    assert (quote.type, quote.text) == ("direct", words)


def test_a_clause_opening_before_the_marks_stays_mixed(extractor):
    text = "She said that “the plan” failed completely because nobody had read the fine print."
    (quote,) = _by_cue(extractor.extract(text), "said")
    assert quote.type == "mixed" and quote.text.startswith("that “the plan”")


# ------------------------------------------- the writer's connective "That said," is no learned cue
def test_the_writers_that_said_gives_no_quotation(extractor):
    text = ("“The lure is a game that supposedly uses the victim’s photos,” said Novak.\n\nVictims are sent a "
            "link to the app, which must be installed by hand. Once opened, it shows the promised game.\n\nThe "
            "ransomware encrypts many filetypes – including DOC, XLS, PNG and others. That said, the malware "
            "leaves files untouched if the file extension is .tar or .7z and the file size is over 40,960 KB/40 "
            "MB. Also, GIF files smaller than 100 KB are not encrypted.")
    assert [q for q in extractor.extract(text) if q.type != "direct"] == []


# ----------------------- a cue after quoted words, past a semicolon or ", and", opens a clause of its own
@pytest.mark.parametrize(("text", "cue", "words"), [
    ("Novak denied that he intended any racist sentiment with his “flooding the valleys” comments, and he "
     "pointed to his strong poll numbers with young and rural voters.", "denied",
     "that he intended any racist sentiment with his “flooding the valleys” comments"),
    ("Looking back at the 2008 crash, the historian Ada Brenner argues that “reckless lending was probably the "
     "main cause of the collapse”; she also notes that after the crash, the banks’ rescue “deepened the "
     "slump.”", "argues", "that “reckless lending was probably the main cause of the collapse”"),
])
def test_a_cue_opening_the_next_clause_does_not_report_the_quoted_words(extractor, text, cue, words):
    quotes = extractor.extract(text)
    (quote,) = _by_cue(quotes, cue)
    assert quote.text == words
    assert all(q.start >= quote.end or q.end <= quote.start for q in quotes if q is not quote)


# ------------------------------------ learned content that opens quoted words runs on to their closing mark
@pytest.mark.parametrize(("text", "cue", "ending"), [
    ("Senator Hale has already lied about his staff’s prior contacts with the “informant,” read into the "
     "record a false account, and refused to answer.", "has already lied about", "the “informant,”"),
    ("The mayor followed up his odd remark by noting today is the start of \"a great new season.\"", "noting",
     "\"a great new season.\""),
])
def test_learned_content_takes_the_quoted_words_through_their_closing_mark(extractor, text, cue, ending):
    (quote,) = _by_cue(extractor.extract(text), cue)
    assert quote.type == "mixed" and quote.text.endswith(ending)
