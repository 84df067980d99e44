"""Cleaning: each kind of boilerplate goes to the removal log, prose that only looks like it
stays, and round-ups split into sections at their headings."""

from __future__ import annotations

import pytest

from storyline.article.clean import clean_text

BODY = [
    "The foreign ministers of both countries met in Geneva on Thursday to discuss a ceasefire, officials said.",
    "The talks lasted four hours and ended without a joint statement, according to diplomats briefed on them.",
    "A second round is planned for next week in Vienna, the host government said in a statement on Friday.",
]


def kinds(result) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in result.removed]


def article(*middle: str, separator: str = "\n\n") -> str:
    return separator.join([BODY[0], *middle, BODY[1], BODY[2]])


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ("A man walks past a damaged building in Kharkiv, Ukraine, March 3, 2022. (SERGEY BOBOK / AFP)", "caption"),
        ("Officials arrive for the talks in Geneva on Thursday. (AP Photo/Evan Vucci)", "caption"),
        ("In this file photo taken on Dec 21, 2021 the minister attends a press conference in Beirut.", "caption"),
        ("Image Source : AP. The minister speaks to reporters outside the chamber.", "caption"),
        ("(ANWAR AMRO / AFP)", "credit"),
        ("Photo: Reuters", "credit"),
        ("ALSO READ: Ukraine tensions: Eastern Europe braces for refugees", "related-link"),
        ("READ MORE: Expert: talks may ease tensions", "related-link"),
        ("KEEP READING:", "related-link"),
        ("Related: What we know about the ceasefire plan", "related-link"),
        ("Follow us on Twitter", "share-prompt"),
        ("Share this article", "share-prompt"),
        ("Source link", "footer"),
        ("Comments are closed.", "footer"),
        ("(With information from AFP)", "footer"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "footer"),
        ("© 2022 World News. All rights reserved.", "footer"),
        ("Advertisement", "footer"),
        ("Reporting by Jane Roe in Kyiv; Editing by John Doe", "footer"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "footer"),
        ("Associated Press writer Jane Roe in Kyiv contributed to this report.", "footer"),
        ("Sign up for our weekly newsletter", "share-prompt"),
        ("Image source, Getty Images", "credit"),
        ("(AFP)", "credit"),
        ("By Jane Roe and John Doe", "byline"),
    ],
)
def test_boilerplate_block_is_removed_and_logged(block, kind):
    result = clean_text(article(block))
    assert kinds(result) == [(kind, block)]
    assert block not in result.text
    assert result.text == "\n\n".join(BODY)
    # It stood where the next paragraph now starts.
    assert result.removed[0].at == result.text.index(BODY[1])


@pytest.mark.parametrize(
    "prose",
    [
        "Read more about the plan in the explainer the ministry published on its website, a spokesman said.",
        "Read more: that was the advice the minister gave to students at the university, he recalled, and they did.",
        "Photographs released by the ministry showed damaged buildings along the river, officials said on Friday.",
        "In this photo-heavy era, the minister said, every claim is checked by thousands of people within hours.",
        "Follow us on this road to peace, the president told the crowd, promising that the talks would continue.",
        "The agency (AFP) first reported the meeting, which neither government confirmed until the evening.",
        "Source link errors were blamed for the outage that took the ministry website offline for a day.",
        "Advertisement revenue at the state broadcaster fell by half during the war, its director said.",
        "Ankara said the shipment had been cleared by customs, the state news agency reported. (Reuters)",
        "The ministry confirmed the figures to the Anadolu Agency (AA) on Tuesday evening, after a delay.",
        "NATO – the 30-member military alliance – said it would send more troops to its eastern flank.",
        "By the end of the week, both delegations had left Geneva without agreeing on a new round.",
    ],
)
def test_prose_that_looks_like_boilerplate_stays(prose):
    result = clean_text(article(prose))
    assert result.removed == ()
    assert prose in result.text


def test_head_of_the_first_line_dateline_share_prompt_and_caption():
    source = (
        " date 2022-02-23 Follow us on Image Source : AP. The minister speaks to reporters outside the chamber on Feb 22, 2022.\n\n"
        + "\n\n".join(BODY)
    )
    result = clean_text(source)
    assert kinds(result) == [
        ("dateline", "date 2022-02-23"),
        ("share-prompt", "Follow us on"),
        ("caption", "Image Source : AP. The minister speaks to reporters outside the chamber on Feb 22, 2022."),
    ]
    assert result.text == "\n\n".join(BODY)


def test_place_dateline_at_the_head_of_the_first_paragraph():
    result = clean_text("UNITED NATIONS/KYIV - " + "\n".join(BODY))
    assert kinds(result) == [("dateline", "UNITED NATIONS/KYIV -")]
    assert result.text.startswith("The foreign ministers")


def test_pull_quote_before_its_body_copy_with_attribution_line():
    quote = "We are in the process of temporarily relocating our embassy operations from the capital to the west"
    source = "\n".join([BODY[0], quote + ".", "Jane Roe, Secretary of State", f'"{quote}," Roe said.', BODY[1]])
    result = clean_text(source)
    assert kinds(result) == [("pull-quote", quote + "."), ("pull-quote", "Jane Roe, Secretary of State")]
    assert f'"{quote}," Roe said.' in result.text


def test_pull_quote_after_its_body_copy():
    quote = "There is no alternative to diplomacy. All issues can and must be resolved through talks."
    source = "\n".join([BODY[0], f'"{quote}" said the minister.', quote, "John Doe, Foreign Minister", BODY[1]])
    result = clean_text(source)
    assert [k for k, _ in kinds(result)] == ["pull-quote", "pull-quote"]
    assert result.text.count("There is no alternative") == 1


def test_highlight_repeating_a_sentence_without_closing_punctuation():
    body = "In particular, the minister said that the country needs energy security guarantees because of the new pipeline."
    highlight = "Minister Jane Roe said that the country needs energy security guarantees because of the new pipeline"
    result = clean_text("\n".join([BODY[0], body, highlight, BODY[1]]))
    assert kinds(result) == [("pull-quote", highlight)]
    assert body in result.text


def test_headline_on_top_becomes_the_title():
    headline = "Ministers meet in Geneva to discuss a ceasefire as fighting goes on in the east"
    result = clean_text(headline + "\n\n\n" + "\n\n".join(BODY))
    assert kinds(result) == [("headline", headline)]
    assert result.headline == headline and result.text == "\n\n".join(BODY)


def test_headline_matching_the_known_title():
    result = clean_text("Talks in Geneva.\n" + "\n".join(BODY), title="Talks in Geneva")
    assert result.headline == "Talks in Geneva." and result.text == "\n".join(BODY)


def test_one_sentence_brief_whose_title_is_its_text_keeps_it():
    brief = "A climber who survived two nights stuck on Mount Cook narrowly escaped an avalanche."
    result = clean_text(brief, title=brief)
    assert result.text == brief and result.headline is None


def test_round_up_is_split_into_sections_at_its_headings():
    source = "\n".join(
        [
            BODY[0],
            BODY[1],
            "A soldier looks at a map near the front line, Feb 14, 2022. (VADIM GHIRDA / AP)",
            "Neighbours discussed border security",
            BODY[2],
            "Defence ministers of the two countries held a call on Monday, the ministry said.",
            "Embassy to move west",
            "The embassy will move its operations to the western city of Lviv, the State Department said.",
        ]
    )
    result = clean_text(source)
    text = result.text
    assert [s.heading for s in result.sections] == [None, "Neighbours discussed border security", "Embassy to move west"]
    assert [text[s.start : s.end] for s in result.sections] == [
        BODY[0] + "\n" + BODY[1],
        BODY[2] + "\n" + "Defence ministers of the two countries held a call on Monday, the ministry said.",
        "The embassy will move its operations to the western city of Lviv, the State Department said.",
    ]
    # Headings are not body text.
    assert "Neighbours discussed" not in text and ("heading", "Embassy to move west") in kinds(result)


def test_kept_text_is_verbatim_and_offsets_hold():
    source = article("ALSO READ: Something else", "(ANWAR AMRO / AFP)", separator="\n")
    result = clean_text(source)
    for paragraph in BODY:
        assert paragraph in result.text
    for removal in result.removed:
        assert 0 <= removal.at <= len(result.text)
        assert removal.text in source


def test_empty_text():
    result = clean_text("")
    assert (result.text, result.removed, result.sections) == ("", (), ())


def test_short_unpunctuated_last_line_is_not_a_heading():
    result = clean_text("\n".join([BODY[0], BODY[1], "More to follow"]))
    assert result.removed == () and result.text.endswith("More to follow")


def test_share_prompt_at_the_head_of_prose_stays():
    opening = "Follow us on this road to peace, the president told the crowd in the capital on Sunday evening."
    result = clean_text(opening + "\n\n" + "\n\n".join(BODY))
    assert result.removed == () and result.text.startswith(opening)


def test_a_lede_and_the_quote_it_summarises_both_stay():
    lede = "Lavrov said on Thursday the talks were productive and the sides agreed to meet again in Geneva next week."
    quote = '"The talks were productive and the sides agreed to meet again in Geneva next week," Lavrov told reporters.'
    result = clean_text("\n\n".join([lede, BODY[0], quote, BODY[1]]))
    assert result.removed == () and lede in result.text and quote in result.text


def test_a_list_of_short_lines_is_not_a_heading():
    items = ["Removal of seven banks from SWIFT", "A ban on new investment", "Sanctions on 65 individuals"]
    result = clean_text("\n".join([BODY[0], "The measures include:", *items, BODY[1]]))
    assert result.removed == () and len(result.sections) == 1
    for item in items:
        assert item in result.text


def test_headline_byline_and_dateline_on_top_of_a_wire_story():
    source = "Talks in Geneva end without a deal\nBy Jane Roe and John Doe\n\nGENEVA, Feb 14 (Reuters) - " + "\n\n".join(BODY)
    result = clean_text(source)
    assert kinds(result) == [
        ("headline", "Talks in Geneva end without a deal"),
        ("byline", "By Jane Roe and John Doe"),
        ("dateline", "GENEVA, Feb 14 (Reuters) -"),
    ]
    assert result.headline == "Talks in Geneva end without a deal" and result.text == "\n\n".join(BODY)


def test_written_dateline_line_on_top():
    result = clean_text("Published: 14 February 2022 10:31 GMT\n" + "\n\n".join(BODY))
    assert kinds(result) == [("dateline", "Published: 14 February 2022 10:31 GMT")]
    assert result.headline is None and result.text == "\n\n".join(BODY)
