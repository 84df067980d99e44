"""Attribution: which cue speaks for a quotation, and the speaker behind names, pronouns and titles."""

from __future__ import annotations

from article.quotes.helpers import quoted, speaker_spans
from storyline.article.annotate import annotation_of, load_model
from storyline.article.mentions import find_entities
from storyline.article.quotes import find_quotes
from storyline.model import DIRECT, INDIRECT, PARTIAL
from storyline.settings import Settings


def test_a_quotation_over_paragraphs_takes_the_speaker_named_in_its_last():
    text = (
        "“The first paragraph goes on without a closing mark.\n\n"
        "“The second paragraph continues the same quotation,” Zelensky said.\n\nThe next paragraph is prose."
    )
    assert quoted(text) == [
        (DIRECT, "The first paragraph goes on without a closing mark.", "Zelensky"),
        (DIRECT, "The second paragraph continues the same quotation,", "Zelensky"),
    ]


def test_a_cue_ending_in_a_colon_speaks_for_the_next_paragraph():
    text = 'Pollster Pat Caddell spoke on the radio.\n\nCaddell continued:\n\n"The health issue overall is very much a partisan issue."'
    assert quoted(text) == [(DIRECT, "The health issue overall is very much a partisan issue.", "Pat Caddell")]


def test_cues_in_a_post_and_a_statement():
    text = (
        'Vyacheslav Volodin wrote in a telegram post: "The appeal will be considered on Tuesday." '
        'Dmitry Peskov said in a statement that "the talks failed to bring any result."'
    )
    assert [(text, speaker) for _, text, speaker in quoted(text)] == [
        ("The appeal will be considered on Tuesday.", "Vyacheslav Volodin"),
        ("the talks failed to bring any result.", "Dmitry Peskov"),
    ]


def test_cue_after_and_before_and_inverted():
    text = (
        'UN Secretary-General Antonio Guterres spoke on Monday. "There is no alternative to diplomacy," said Guterres. '
        'Russian Foreign Minister Sergei Lavrov told reporters: "We are ready to talk." '
        '"The talks were useful," Lavrov added.'
    )
    assert quoted(text) == [
        (DIRECT, "There is no alternative to diplomacy,", "Antonio Guterres"),
        (DIRECT, "We are ready to talk.", "Sergei Lavrov"),
        (DIRECT, "The talks were useful,", "Sergei Lavrov"),
    ]


def test_pronoun_and_title_speakers():
    text = (
        "US Secretary of State Antony Blinken announced Monday that the embassy would move to Lviv. "
        '"The Embassy will remain engaged with the government," the secretary said. '
        'Kremlin spokesman Dmitry Peskov spoke to the news agency. "It will be received by the president," he added.'
    )
    speakers = [speaker for kind, _, speaker in quoted(text) if kind != INDIRECT]
    assert speakers == ["Antony Blinken", "Dmitry Peskov"]


def test_split_quote_and_paragraph_without_a_cue_keep_the_voice():
    text = '"We will not give up," Zelensky said. "Ukraine will defend itself."\n\n"And we will win."'
    assert [(kind, speaker) for kind, _, speaker in quoted(text)] == [(DIRECT, "Zelensky"), (DIRECT, "Zelensky"), (DIRECT, "Zelensky")]


def test_a_relative_pronoun_speaks_for_the_noun_it_follows():
    from storyline.article.reference import subject_of

    text = "Senators cited a report which said the agency had failed."
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    tokens = annotation.tokens
    said = next(i for i in range(len(tokens)) if text[tokens.start[i] : tokens.end[i]] == "said")
    subject = subject_of(tokens, said, [])
    assert text[subject.start : subject.end] == "a report"


def test_according_to():
    text = 'The talks are "constructive and frank," according to Kremlin spokesman Dmitry Peskov.'
    assert quoted(text) == [(PARTIAL, "constructive and frank,", "Dmitry Peskov")]


def test_word_diff_shows_how_another_outlet_rendered_it():
    from storyline.export.diff import word_diff

    assert word_diff(
        "cannot accept even the prospect of such a catastrophic confrontation",
        "cannot accept even the possibility of such a disastrous confrontation",
    ) == ("cannot accept even the [-prospect-] {+possibility+} of such a [-catastrophic-] {+disastrous+} confrontation")


def test_relayed_words_keep_speaker_and_relayer():
    text = 'UN spokesman Stephane Dujarric said that Antonio Guterres told the two ministers "diplomacy is the only way forward."'
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_entities(text, annotation)
    (quote,) = [q for q in find_quotes(text, annotation, found).quotes if q.kind != INDIRECT]
    assert found.entities[quote.speaker_entity].names[0] == "Antonio Guterres"
    assert found.entities[quote.reporter_entity].names[0] == "Stephane Dujarric"


def test_a_speech_tag_split_off_as_its_own_sentence():
    text = "Lindsey Graham spoke in Ohio. “Does anybody know what the platform of the party is?” Graham asked. “Neither do I.”"
    assert [speaker for *_, speaker in quoted(text)] == ["Lindsey Graham", "Lindsey Graham"]


def test_a_name_before_the_cue_when_the_parse_loses_the_subject():
    text = (
        "The Department of Justice is investigating the shooting.\n\n"
        "“I will just make this promise to you: We will achieve justice in this case,” "
        "Tulsa police Chief Chuck Jordan said Monday."
    )
    (speaker,) = speaker_spans(text)
    assert speaker.endswith("Chief Chuck Jordan")


def test_a_possessive_after_the_cue_is_not_its_speaker():
    text = "Hillary Clinton says Donald Trump’s “latest twitter meltdown is unhinged, even for him.”"
    assert quoted(text) == [(PARTIAL, "latest twitter meltdown is unhinged, even for him.", "Hillary Clinton")]


def test_a_name_after_the_cue_is_not_its_speaker_when_the_verb_has_one():
    text = "Donald Trump took to Twitter to accuse Hillary Clinton of being “duped by a con.”"
    assert [speaker for *_, speaker in quoted(text)] == ["Donald Trump"]


def test_an_inverted_cue_with_a_possessive_name():
    text = "The rally ended late.\n\n“We will win this state,” says Donald Trump’s campaign manager Kellyanne Conway.\n"
    assert quoted(text) == [(DIRECT, "We will win this state,", "Kellyanne Conway")]


def test_characterizing_verbs_speak_for_the_words_they_govern():
    text = (
        "Ted Cruz called Donald Trump a “pathological liar” on Tuesday. "
        "Former President Bill Clinton criticized the Affordable Care Act as a “crazy system.”"
    )
    assert [speaker for *_, speaker in quoted(text)] == ["Ted Cruz", "Bill Clinton"]


def test_the_owner_of_a_claim_speaks_for_it():
    text = "Politifact checked Donald Trump’s claim that there have been “thousands of shootings” in Chicago this year."
    assert [speaker for *_, speaker in quoted(text)] == ["Donald Trump"]


def test_the_subject_of_the_clause_a_saying_phrase_hangs_on():
    text = "After saying her right foot was “so swollen I could barely get my shoe on,” Hillary Clinton was taken to hospital."
    assert [speaker for *_, speaker in quoted(text)] == ["Hillary Clinton"]


def test_a_clause_ending_in_a_colon_introduces_the_quotation():
    text = (
        "Democratic Sen. Claire McCaskill scolded him: “The scientific community is almost monolithic against you.”\n\n"
        "On July 6, 2015, Bernie Sanders made the following comment:\n\n"
        "“For young people who have graduated high school, the unemployment rate is 33 percent.”"
    )
    assert [speaker for *_, speaker in quoted(text)] == ["Claire McCaskill", "Bernie Sanders"]


def test_a_quotation_after_a_reported_sentence_takes_its_voice():
    text = (
        "Bernie Sanders spoke first. “This is my plan for the country,” he said.\n\n"
        "The administration may wait while John Kerry negotiates with Russia, Adam Schiff said. "
        '"The other factor is whether it would give the appearance of bias."'
    )
    assert [(kind, speaker) for kind, _, speaker in quoted(text) if kind == DIRECT] == [
        (DIRECT, "Bernie Sanders"),
        (DIRECT, "Adam Schiff"),
    ]


def test_manners_of_speaking():
    text = "Protesters in Charlotte chanted “What curfew?” and marched on.\n\n“Did you shoot him?” Rakeyia Scott yelled at the officers."
    assert speaker_spans(text) == ["Protesters", "Rakeyia Scott"]


def test_a_misread_lemma_still_cues():
    # the small model lemmatises "rated" as "rat"
    text = "PolitiFact rated 32% of Republican claims as “false” last year."
    assert speaker_spans(text) == ["PolitiFact"]


def test_as_someone_put_it():
    text = 'The main requirement is a "lawful source of investment income," as a Homeland Security memo put it.'
    assert speaker_spans(text) == ["a Homeland Security memo"]


def test_according_to_a_long_title():
    text = (
        'Pressure is building on McAuliffe, who was greeted with chants of "Bobby!" at a labor conference, '
        "according to Virginia AFL-CIO President Doris Crouse-Mays."
    )
    assert speaker_spans(text)[0].endswith("Doris Crouse-Mays")


def test_it_stands_for_the_organisation_that_was_the_subject():
    text = 'The World Health Organization met on Friday in Geneva. It warned of what it called "a clear threat to public health."'
    assert quoted(text) == [(PARTIAL, "a clear threat to public health.", "World Health Organization")]


def test_a_document_speaks_only_when_nobody_else_does():
    text = (
        "City Attorney Brad Holm said in the letter that the advertisement “unmistakably and wrongfully” "
        "suggests that the city supports the campaign.\n\n"
        "“From Seattle to Houston, we see charter schools offering parents hope,” the letter reads."
    )
    assert speaker_spans(text) == ["Attorney Brad Holm", "the letter"]


def test_a_cue_in_a_side_clause_of_the_governing_cue_is_no_rival():
    text = (
        "Congressman Bobby Scott spoke to black business leaders on Monday.\n\n"
        "\"I've always been insulted with the term 'African American outreach,' \" he told the group, "
        "adding that the phrase suggests a campaign has to go outside itself to find black voters."
    )
    assert [speaker for kind, _, speaker in quoted(text) if kind == DIRECT] == ["Bobby Scott"]


def test_a_dash_the_parser_took_for_a_noun_is_no_subject():
    text = (
        "Donald Trump spoke at the debate. When Clinton noted that he had paid no federal income taxes ― "
        "as was true for the years his returns were made public ― Trump boasted, “That makes me smart.”"
    )
    assert quoted(text)[-1] == (DIRECT, "That makes me smart.", "Donald Trump")


def test_a_straight_mark_closed_by_a_curly_one_is_one_quotation():
    text = '"The plan has a huge hole in it,” said Maria Lopez, a professor of economics. She left early.'
    assert quoted(text) == [(DIRECT, "The plan has a huge hole in it,", "Maria Lopez")]


def test_a_colon_introduces_only_a_quotation_without_a_cue_of_its_own():
    text = "The woman's enthusiasm for the candidate is recorded in detail:\n\n“Here comes the winner,” she said, clapping."
    assert speaker_spans(text) == ["she"]


def test_the_clause_a_colon_ends_introduces_the_quotation():
    text = 'My mother became so upset, and started driving so fast, that I had to change my answer: "Of course I believe it."'
    assert speaker_spans(text) == ["I"]


def test_per_names_a_source():
    text = "Proxies are prohibited when voting “to fill a vacancy on the national ticket,” per the party’s bylaws."
    assert speaker_spans(text) == ["party’s bylaws"]


def test_wondering_governs_its_quotation_over_a_side_clause():
    text = 'The nominee has repeatedly wondered whether the moderators will be "fair" to him, engaging in what analysts described as old tactics.'
    assert speaker_spans(text) == ["The nominee"]


def test_a_finding_speaks_for_the_words_it_governs():
    text = (
        "Many lawmakers say there are security concerns. A Government Accountability Office report found that the agency "
        'could not be sure the money was not coming from "the drug trade, human trafficking or other crimes."'
    )
    assert speaker_spans(text)[-1] == "A Government Accountability Office report"


def test_a_cue_modifying_a_name_speaks_for_it():
    text = (
        "Aaron Kall, the director of debate at the University of Michigan, compared Trump to a coach at a basketball "
        'game who is "working the referees" in hopes of a better deal.'
    )
    assert quoted(text) == [(PARTIAL, "working the referees", "Aaron Kall")]


def test_words_after_as_characterise_for_the_verb_they_hang_from():
    text = "Senate Minority Leader Harry Reid has been steadily pounding Trump as a “con artist” ― just as he did in 2012."
    assert quoted(text) == [(PARTIAL, "con artist", "Harry Reid")]
    # the parser reads "a Times article hailed Trump" as a noun phrase: the verb before "as" still speaks
    text = "Twenty-two years ago, a Times article hailed Trump as “The Comeback Kid” for the business success he was bringing to the city."
    assert speaker_spans(text) == ["a Times article"]


def test_as_a_memo_put_it_outranks_other_cues():
    text = (
        "Members of Congress echo her concerns, because the main requirement for the program is a "
        '"lawful source of investment income," as a Homeland Security memo put it.'
    )
    assert speaker_spans(text) == ["a Homeland Security memo"]


def test_the_first_person_outside_quotation_marks_is_the_writer():
    text = 'I know all about Donald Trump. Driving down the highway, I laughed and said, "I don\'t believe in the devil."'
    assert quoted(text) == [(DIRECT, "I don't believe in the devil.", None)]
    assert speaker_spans(text) == ["I"]


def test_a_characterising_act_inside_someones_speech_is_what_they_say():
    text = (
        "Senator Tom Baker posted a series of messages early Friday saying that Governor Ann Hale had shown "
        "bad judgment in using the contractor “as a paragon of virtue.”"
    )
    assert quoted(text) == [(PARTIAL, "as a paragon of virtue.", "Tom Baker")]


def test_a_speech_tag_split_off_with_a_long_subject():
    text = (
        '"This is a big year for our future senator, Bobby Scott!" Scott\'s niece, state Del. Marcia Price '
        "(D-Newport News), shouted to the crowd. The band played on."
    )
    assert speaker_spans(text)[0] == "Scott's niece"


def test_a_name_in_apposition_to_a_misparsed_subject_speaks():
    text = (
        "With 50 days until the election, Minyon Moore, a senior adviser to the Clinton campaign, called "
        'Mr. Obama\'s remarks on Saturday "a true wake-up call" to his supporters.'
    )
    assert quoted(text) == [(PARTIAL, "a true wake-up call", "Minyon Moore")]


def test_words_someone_describes_inside_another_persons_speech_are_the_speakers():
    text = (
        "Governor Ann Hale said during a Friday rally that Senator Tom Baker once described the trade pact as "
        "“the gold standard” of trade deals."
    )
    assert quoted(text) == [(PARTIAL, "the gold standard", "Ann Hale")]


def test_footage_of_someone_speaking():
    text = "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead, you might ask?”"
    assert quoted(text)[0][2] == "Hillary Clinton"


def test_the_one_led_to_fear_speaks():
    text = "All this has led the Latvian journalist Dainis Ivans to fear a “Putin-Ribbentrop Pact.”"
    assert quoted(text) == [(PARTIAL, "Putin-Ribbentrop Pact.", "Dainis Ivans")]


def test_a_statement_someone_made_speaks_for_them():
    text = (
        "Gary Johnson is a triathlete. He released a letter from his doctor on Friday that says he has "
        "“extraordinarily good health” for a man of his age."
    )
    assert quoted(text)[0][2] == "Gary Johnson"
    text = (
        "The bill prompted his wife and current Democratic presidential nominee Hillary Clinton to make a "
        "controversial comment that described all young black men as “super predators.”"
    )
    assert speaker_spans(text) == ["his wife"]


def test_a_rate_is_no_source():
    text = 'Gas costs $5 per gallon, "an outrageous and unacceptable price for families."'
    assert speaker_spans(text) == [None]


def test_as_the_memo_put_it_speaks_only_for_the_quotation_before_it():
    text = '"We will win this election easily," Smith said on Monday, and the party was "a den of thieves and liars," as the memo put it.'
    assert speaker_spans(text) == ["Smith", "the memo"]
    text = "His degrees have not insulated him from being seen, as The New Yorker put it in a lengthy expose, “the operator.”"
    assert speaker_spans(text) == ["The New Yorker"]


def test_a_quotation_opening_a_sentence_belongs_to_the_person_this_paragraph_is_about():
    text = (
        'Mike Pence defended the plan on Sunday. "We will not back down," Pence said.\n\n'
        "Later, Senator Bernie Sanders identified exhaustion with bigotry as the reason for the shift. "
        '"The younger people are sick and tired of discrimination and racism."'
    )
    assert [speaker for kind, _, speaker in quoted(text) if kind == DIRECT] == ["Mike Pence", "Bernie Sanders"]


def test_a_quotation_inside_a_narrative_sentence_is_not_the_previous_subjects():
    text = (
        '"We will not back down," Mike Pence said.\n\n'
        'Senator Bernie Sanders bought land upstate. Neighbours planned to "shoot any intruder" who came.'
    )
    assert quoted(text)[-1][2] != "Bernie Sanders"


def test_a_quotation_after_a_sentence_about_someone_takes_that_person_as_the_fitted_model_weighs_it():
    """The former rule kept the voice of the paragraph going past a sentence about someone else;
    on PolNeAR the person the sentence before is about is the speaker more often (the fitted
    weight of origin_person beats the previous voice), so the model gives it to that person."""
    text = '"He is innocent," said Anna Smith, the lawyer for John Jones. John Jones was arrested in May. "He never fired a shot."'
    assert [speaker for _, _, speaker in quoted(text)] == ["Anna Smith", "John Jones"]


def test_going_on_about_words_speaks_them():
    text = 'Melanie watched the screen as Donald Trump went on about "how the system is rigged" for an hour.'
    assert quoted(text) == [(PARTIAL, "how the system is rigged", "Donald Trump")]


def test_a_tag_split_off_by_the_parser_outranks_a_name_in_its_side_clause():
    text = (
        'Melanie Austin watched the speech with her husband. "You winning?" she said, but Kevin was drifting off '
        'again, and as Donald Trump went on about "how the system is rigged," Melanie said yes.'
    )
    assert speaker_spans(text) == ["she", "Donald Trump"]


def test_a_name_in_a_sentence_cut_in_two_beats_the_pronoun_before_it():
    text = (
        "Antonio Guterres called Vladimir Putin on Monday. "
        '"The Secretary-General wanted to discuss urgent steps to bring peace," he said. '
        "said Stéphane Dujarric, spokesman for the secretary general, said in a statement."
    )
    assert speaker_spans(text)[0] == "Stéphane Dujarric"


def test_a_belief_told_in_an_aside_speech_tag_is_the_tellers_account():
    text = (
        "During his years in office, Barack Obama said, a majority of Americans have come to believe "
        '"that climate change is real and we should do something about it."'
    )
    assert quoted(text)[0][2] == "Barack Obama"


def test_a_speech_verb_whose_phrase_ends_at_the_quotation_introduces_it():
    text = (
        "The advertisement concludes with footage of Donald Trump saying during the debate last week, "
        '"That makes me smart," when Hillary Clinton blasted him for not paying income tax.'
    )
    assert quoted(text)[0][2] == "Donald Trump"


def test_a_relative_clause_ending_at_the_quotation_does_not_introduce_it():
    text = 'Hillary Clinton had mocked the complaint, saying anybody who complains about a microphone "is not having a good night."'
    assert speaker_spans(text) == ["Hillary Clinton"]


def test_to_her_before_a_quotation_says_whose_view_it_is():
    text = (
        "Malkia Cyril leads the Center for Media Justice. She credits storytellers for speaking out because "
        'to her, "there is nothing more important to saving black lives than telling the story."'
    )
    assert quoted(text)[-1][2] == "Malkia Cyril"


def test_a_quotation_inside_a_quotation_with_its_own_cue_is_its_speakers():
    text = (
        'The Post wrote of Melanie Austin: "She had been hospitalized for weeks after what she called a '
        '“rant,” a series of online postings."'
    )
    found = quoted(text)
    assert [(kind, words) for kind, words, _ in found] == [(DIRECT, found[0][1]), (PARTIAL, "rant,")]
    assert speaker_spans(text) == ["The Post", "she"]


def test_words_inside_a_quotation_without_a_cue_of_their_own_stay_the_outer_speakers():
    text = '"It comes across as ‘too loud’ or ‘too shrill’ every time," Jane Smith said.'
    assert [words for _, words, _ in quoted(text)] == ["It comes across as ‘too loud’ or ‘too shrill’ every time,"]


def test_i_inside_a_quotation_is_its_speaker_for_the_words_quoted_inside():
    text = '"I told him, ‘You are fired,’ and he left," Donald Trump said.'
    assert [speaker for _, _, speaker in quoted(text)] == ["Donald Trump", "Donald Trump"]


def test_apostrophes_are_no_inner_marks():
    text = "\"Scott's lawyer didn't say a word in the '80s, and the students' teacher agreed,\" Jane Smith said."
    assert len(quoted(text)) == 1


def test_a_passive_cues_subject_is_spoken_about_and_its_agent_speaks():
    text = 'Mehmet Oz has been called a "charlatan" by fellow physicians.'
    assert speaker_spans(text) == ["fellow physicians"]


def test_she_is_not_the_man_named_last():
    text = 'Melanie Austin said she was tired. Justice Antonin Scalia said he would retire. "We are done," she said.'
    assert quoted(text)[-1][2] == "Melanie Austin"


def test_an_honorific_tells_who_she_can_be():
    text = 'Maria Alvarez met Mr. Roe on Monday. Mr. Roe left early. "It went well," she said.'
    assert quoted(text)[-1][2] == "Maria Alvarez"


def test_words_quoted_inside_a_persons_quotation_are_told_in_that_persons_voice():
    text = "“When the union said, ‘We will strike,’ that changed everything,” Tom Reyes said."
    assert [speaker for *_, speaker in quoted(text)] == ["Tom Reyes", "Tom Reyes"]
