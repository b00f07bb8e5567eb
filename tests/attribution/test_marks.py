"""Quotation marks -> quoted spans (attribution.marks): pure text, no spaCy."""

from __future__ import annotations

from attribution.marks import find_quoted_spans


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quoted_spans(text)]


def test_straight_and_curly_double_quotes():
    assert quoted('"Yes," he said. “No,” she said.') == ["Yes,", "No,"]


def test_nyt_style_double_apostrophes():
    text = "''There's a lot of new complexity,'' said Mr. Burman. ''It's anti-reform.''"
    assert quoted(text) == ["There's a lot of new complexity,", "It's anti-reform."]


def test_backtick_pairs():
    assert quoted("``Hopefully,'' the president said.") == ["Hopefully,"]


def test_single_quotes_inside_double_belong_to_the_outer_quotation():
    text = "“Does anybody think that if Trump uses the phrase ‘Islamic terrorism’ it matters?” said Obama."
    assert quoted(text) == ["Does anybody think that if Trump uses the phrase ‘Islamic terrorism’ it matters?"]


def test_guillemets():
    assert quoted("Il a dit: «Nous gagnerons.»") == ["Nous gagnerons."]


def test_top_level_curly_single_quotes_but_not_apostrophes():
    text = "He said ‘we will win’ and didn’t explain the ’90s."
    assert quoted(text) == ["we will win"]


def test_multi_paragraph_quotation_reopens_each_paragraph():
    text = "“The first paragraph goes on\n\n“and the second one too,” he said.\n\nAfter."
    spans = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["The first paragraph goes on", "and the second one too,"]
    assert spans[0].continues and spans[1].continued


def test_unbalanced_mark_does_not_swallow_the_rest():
    text = "He said “this never closes.\n\nNext paragraph. “A real quote,” she said.\n\nLast “one” here."
    assert quoted(text)[-2:] == ["A real quote,", "one"]
    first = find_quoted_spans(text)[0]
    assert first.close_mark is None and not first.balanced


def test_mistyped_closing_mark_opening_a_paragraph():
    text = "”Mr. Trump embodies the legacy.” ― Sonya Herridge"
    assert quoted(text) == ["Mr. Trump embodies the legacy."]


def test_opening_mark_typed_for_the_closing_one_before_the_cue():
    text = ("“It’s not just that it’s slowly pickling your brain, “ says Professor Hale. "
            "“But people’s judgments tend to get disorganised.”")
    assert [q.rstrip() for q in quoted(text)] == ["It’s not just that it’s slowly pickling your brain,",
                                                  "But people’s judgments tend to get disorganised."]


def test_an_opening_mark_after_a_comma_and_a_space_still_opens_outside_a_quotation():
    assert quoted("He said, “ we will win.”") == [" we will win."]


def test_offsets_exclude_the_marks():
    text = 'She said: "exactly this."'
    (span,) = find_quoted_spans(text)
    assert text[span.start - 1] == '"' and text[span.end] == '"'


# British style: single quotation marks at the top level, double ones nested inside.
BRITISH = (
    "Tom Baker runs the bakery.\n\n"
    "He told reporters: 'The ovens were cold all week. We lost every order.\n\n"
    "'My daughter said \"we're closing\" and I couldn't argue.'\n\n"
    "'It was awful,' said Mr Baker. 'The bakers' union backed us.'"
)


def test_straight_single_marks_quote_when_they_are_the_papers_convention():
    assert quoted(BRITISH) == [
        "The ovens were cold all week. We lost every order.",
        "My daughter said \"we're closing\" and I couldn't argue.",
        "It was awful,",
        "The bakers' union backed us.",
    ]


def test_single_mark_quotation_runs_over_paragraphs():
    first, second = find_quoted_spans(BRITISH)[:2]
    assert first.open_mark == "'" and first.continues and second.continued and second.close_mark == "'"


def test_curly_single_marks_nest_double_marks_in_a_single_mark_paper():
    text = "‘He said “no” twice,’ she said. ‘Then he left.’ ‘We never saw him again.’"
    assert quoted(text) == ["He said “no” twice,", "Then he left.", "We never saw him again."]


def test_a_few_straight_single_marks_in_a_double_mark_paper_stay_apostrophes():
    text = "\"We won,\" he said of the '90s team. \"The players' union agreed,\" she said. 'Til then, 'Nobody' knew."
    assert quoted(text) == ["We won,", "The players' union agreed,"]


def test_one_straight_single_mark_quotation_in_a_text_without_double_marks():
    text = "'We are very disappointed,' a spokeswoman for the council said on Tuesday."
    assert quoted(text) == ["We are very disappointed,"]


def test_a_lone_single_mark_title_without_a_stop_inside_stays_apart():
    # No double marks, one pair, but set like a title or a scare quote, not like reported words.
    text = "The mayor lobs a 'Hail Mary' pass.\n\nIt didn't work. Nobody's sure why."
    assert quoted(text) == []


def test_two_single_mark_quotations_outweigh_one_double_mark_phrase():
    text = ("'We were shocked,' said Ann Cole. The council called it a \"regrettable\" error.\n\n"
            "'Nobody told us anything,' she added.")
    # The double-mark word is then a top-level quoted span, as a single-mark one is in a double-mark paper.
    assert quoted(text) == ["We were shocked,", "regrettable", "Nobody told us anything,"]


def test_double_marks_nested_in_single_ones_count_for_the_single_mark_convention():
    text = "'He told me \"never again\" and left,' she said. 'Then he called.'"
    assert quoted(text) == ["He told me \"never again\" and left,", "Then he called."]


def test_a_straight_single_mark_that_never_closes_is_an_apostrophe():
    text = ("'We were shocked,' said Ann Cole. 'Nobody told us,' she added. 'It's over.'\n\n"
            "Life in the 'burbs goes on for the Coles.")
    assert quoted(text) == ["We were shocked,", "Nobody told us,", "It's over."]


def test_same_family_marks_nested_inside_a_quotation_belong_to_it():
    text = "\"He told me \"no\" twice,\" Ms Cole said."
    assert quoted(text) == ["He told me \"no\" twice,"]


def test_nested_single_marks_in_a_british_paragraph_keep_the_running_quotation():
    text = ("She added: 'Her brother is gone.\n\n"
            "'She said 'I don't understand it.' She's devastated.\n\n"
            "'They were very close.'")
    spans = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == [
        "Her brother is gone.",
        "She said 'I don't understand it.' She's devastated.",
        "They were very close.",
    ]
    assert spans[0].continues and spans[1].continued and spans[1].continues and spans[2].continued


def test_two_openers_with_one_closer_keep_todays_restart():
    # The first mark never closes: the second starts the quotation, nothing is nested.
    text = "He said “this never closes. Then “a real quote,” she said. “Another.”"
    assert quoted(text)[-2:] == ["a real quote,", "Another."]


def test_an_opening_single_mark_typed_for_the_closing_one():
    text = "The show, entitled ‘Lights after Lights‘ and staged in May, opens the ‘Arrangements’ season."
    assert quoted(text) == ["Lights after Lights", "Arrangements"]
    assert quoted("The players‘ union said no.") == []


def test_single_guillemets_and_corner_brackets():
    assert quoted("Il a dit : « Nous dirons ‹ non › demain. »") == [" Nous dirons ‹ non › demain. "]
    assert quoted("Le maire a dit ‹ jamais ›.") == [" jamais "]
    assert quoted("彼は「『明日』は晴れる」と言った。") == ["『明日』は晴れる"]


def test_low_high_and_reversed_guillemets():
    assert quoted("„Wir schaffen das“, sagte sie.") == ["Wir schaffen das"]
    assert quoted("»Wir schaffen das«, sagte sie.") == ["Wir schaffen das"]


def test_a_feed_opener_that_lost_half_of_its_two_apostrophes():
    text = "'We don't see why guests must stay outside,'' Paolo Rossi said. ''We are careful.''"
    assert quoted(text) == ["We don't see why guests must stay outside,", "We are careful."]


def test_one_single_mark_quotation_beside_a_double_mark_scare_quote():
    text = "'We were never consulted,' said Ann Cole.\n\nThe council called it a \"regrettable\" error."
    assert quoted(text) == ["We were never consulted,", "regrettable"]
    # A double-mark quotation set as reported words keeps the double-mark reading.
    text = "'We were never consulted,' said Ann Cole. \"It was regrettable,\" the council said."
    assert quoted(text) == ["It was regrettable,"]


def test_curly_marks_inside_a_straight_mark_block_keep_their_own_quotation():
    text = "\"The crowd cheered, chanting “We want more!”\n\n“Thank you all,” he said."
    assert quoted(text) == ["The crowd cheered, chanting", "We want more!", "Thank you all,"]


def test_curly_marks_nested_in_a_closed_straight_mark_quotation():
    text = 'She read: "The sign said “keep out” in red." Then she left.'
    assert quoted(text) == ["The sign said “keep out” in red."]


def test_rock_n_roll_does_not_close_a_single_mark_quotation():
    text = "'I grew up on rock 'n' roll,' said Ann Cole. 'It never left me.' 'Nor me,' he said."
    assert quoted(text) == ["I grew up on rock 'n' roll,", "It never left me.", "Nor me,"]


# British style: a closing single mark shaped like a plural possessive ("the boys’ ball").
def test_a_possessive_shaped_mark_closes_the_only_open_single_mark_quotation():
    text = ("‘We will not go,’ Ms Cole said on Monday. She said she had ‘serious concerns’ about the bill.\n\n"
            "‘It is the wrong plan,’ she added.")
    assert quoted(text) == ["We will not go,", "serious concerns", "It is the wrong plan,"]


def test_a_mark_before_a_function_word_closes_rather_than_possesses():
    text = ("'We won,' she said. 'We lost,' he said. "
            "Brown praised her 'long experience,' 'firm grasp of the issues' and her calm.")
    assert quoted(text) == ["We won,", "We lost,", "long experience,", "firm grasp of the issues"]


def test_a_plural_possessive_stays_an_apostrophe_in_a_single_mark_paper():
    text = ("‘It was the boys’ fault,’ he said. ‘We knew the Tories’ plans.’\n\n"
            "He went on: ‘The players’ union\n\n‘never backed the plan.’")
    assert quoted(text) == ["It was the boys’ fault,", "We knew the Tories’ plans.", "The players’ union",
                            "never backed the plan."]


def test_a_single_closer_set_off_by_a_space_after_a_nested_double_one():
    text = ("'Watch him while someone says, \"We have to keep it,\" ' said Ann Cole. "
            "'It is true,' she added. 'I saw it.'")
    assert quoted(text) == ['Watch him while someone says, "We have to keep it," ', "It is true,", "I saw it."]


def test_a_single_closer_run_into_the_next_sentence():
    text = "‘Happy day,’ he wrote. ‘I love pies!’Then he left. ‘We go,’ she said."
    assert quoted(text) == ["Happy day,", "I love pies!", "We go,"]


def test_two_digits_before_a_hyphen_open_a_quotation_not_an_elision():
    text = "She praised her ‘50-state strategy,’ he said. ‘We go,’ she said. In the ’90s, ‘no.’"
    assert quoted(text) == ["50-state strategy,", "We go,", "no."]


def test_the_double_mark_reading_of_a_single_mark_paper():
    from attribution.marks import double_mark_reading

    text = "'We won,' she said. 'He said \"no\",' they said. ‘It’s the Tories’ fault,’ he said. 'I'm off.'"
    assert double_mark_reading(text) == (
        "\"We won,\" she said. \"He said 'no',\" they said. “It’s the Tories’ fault,” he said. \"I'm off.\"")
    american = "“We won,” she said of the ‘Lions’ team. \"It's over,\" he said."
    assert double_mark_reading(american) is american


# British style: shapes the rewritten train texts and real single-mark pages showed.
def test_a_same_family_quotation_nested_at_the_end_of_the_outer_one():
    # (Two straight marks in a row stay NYT's closing '' and are not read so.)
    text = ("‘It ended when he said, ‘I hope so,'’ she said. ‘We were shocked.’ ‘So were we,’ he said.\n\n"
            "‘He told me: ‘Pray for him.’’ ‘And I did,’ Ann Cole said.")
    assert quoted(text) == ["It ended when he said, ‘I hope so,'", "We were shocked.", "So were we,",
                            "He told me: ‘Pray for him.’", "And I did,"]
    assert quoted('"He told me, "I am leaving."" she said.') == ['He told me, "I am leaving."']


def test_a_possessive_shaped_mark_closes_a_nested_quotation():
    text = ("‘His claim that peace ‘has to do with giving up things’ makes clear he has no clue,’ wrote Ann Cole. "
            "‘We go,’ she said. ‘It is the Tories’ plan.’")
    assert quoted(text) == ["His claim that peace ‘has to do with giving up things’ makes clear he has no clue,",
                            "We go,", "It is the Tories’ plan."]


def test_a_straight_single_mark_between_a_comma_and_a_capital_closes_an_open_quotation():
    text = "'It is the wrong plan, and we said so,'Ann Cole said. 'We go.' 'Fine,' he said."
    assert quoted(text) == ["It is the wrong plan, and we said so,", "We go.", "Fine,"]
    text = "Ann Cole said,'We go.' 'Fine,' he said. 'Yes.'"
    assert quoted(text) == ["We go.", "Fine,", "Yes."]


def test_an_opening_curly_single_mark_before_a_space():
    text = "As the paper reported, ‘ … if the vote were held today, he would win.’ ‘We agree,’ she said. ‘Fine.’"
    assert quoted(text) == [" … if the vote were held today, he would win.", "We agree,", "Fine."]


def test_a_closing_curly_single_mark_typed_for_the_opener_of_a_paragraph():
    text = ("Readers replied.\n\n’Sorry Sarah, you are wrong!!’ posted Ann Cole.\n\n"
            "’This is evil,’ said John Kay.\n\n‘We agree,’ wrote Bo Lee.\n\n’Tis the season, she said.")
    assert quoted(text) == ["Sorry Sarah, you are wrong!!", "This is evil,", "We agree,"]


def test_a_single_closer_after_a_stop_before_a_dash_or_bracket_closes():
    # A stop, the mark, then no word: the mark closes ("Spain.'--" is no opener of "--Kim Cole.").
    text = "Ms Cole said the party would 'stay the course.'--Jo Hart.\n\n'Brave' pilot named as crash inquiry opens."
    assert quoted(text) == ["stay the course.", "Brave"]
    text = "She warned him. (She also said, 'If you push him, he will push back.') He laughed it off."
    assert quoted(text) == ["If you push him, he will push back."]


def test_quoted_phrases_in_single_marks_of_a_paper_without_double_marks():
    # Two quoted phrases, no double-mark quotation anywhere: the paper quotes with single marks.
    text = ("Voters were 'furious' about the delay, the minister's aide said. At the count she called the "
            "result a 'huge relief' for the party.")
    assert quoted(text) == ["furious", "huge relief"]


def test_one_scare_quote_in_single_marks_stays_unread_without_reported_words():
    # One quoted word in singles is not yet a convention (as before).
    assert quoted("The so-called 'Hail Mary' pass failed.") == []


def test_an_opening_single_mark_typed_for_the_closer_after_an_s():
    text = ("She said the rebels were 'thieves' and 'bandits' on Monday. 'We will not talk,' she said. Officials "
            "called the claims ‘false’ and ‘baseless‘ while the talks went on.")
    assert quoted(text) == ["thieves", "bandits", "We will not talk,", "false", "baseless"]
