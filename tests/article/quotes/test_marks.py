"""Quotation marks: every style, nesting, stray and missing marks."""

from __future__ import annotations

from storyline.article.quotes.marks import quote_spans


def test_mark_styles():
    text = 'A “curly” b "straight" c «angle» d ‘single’ e.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["curly", "straight", "angle"]


def test_treebank_backtick_pairs():
    text = "He said ``this is one quotation'' and ``this another'' today."
    assert [text[s:e] for s, e in quote_spans(text)] == ["this is one quotation", "this another"]


def test_nested_quotes_keep_the_outermost():
    text = "“Russia's so-called `independence’ of the regions is a violation,” he said."
    assert [text[s:e] for s, e in quote_spans(text)] == ["Russia's so-called `independence’ of the regions is a violation,"]


def test_a_quotation_nested_in_the_same_marks():
    text = "“I would rather live in what he calls “hell” than live where he is president.” ― Adriana Rodarte"
    assert [text[s:e] for s, e in quote_spans(text)] == ["I would rather live in what he calls “hell” than live where he is president."]


def test_a_stray_mark_costs_only_its_paragraph():
    text = "He said “this never closes.\nThe next paragraph is ordinary prose.\nShe said “this one does” today."
    assert [text[s:e] for s, e in quote_spans(text)] == ["this never closes.", "this one does"]


def test_apostrophes_are_not_quotation_marks():
    text = "The minister's plan, the 90's and rock 'n' roll: none of it is quoted."
    assert quote_spans(text) == []


def test_curly_marks_nest_inside_straight_ones():
    text = '"Trump walked onto the stage, chanting “U-S-A! U-S-A!” as the crowd cheered," she wrote.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["Trump walked onto the stage, chanting “U-S-A! U-S-A!” as the crowd cheered,"]


def test_a_quotation_after_a_nested_one_closes_normally():
    text = '"He chanted “U-S-A!" and left the room. Later “we will win this race,” she said.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["He chanted “U-S-A!", "we will win this race,"]
