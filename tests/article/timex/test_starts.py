"""Rules tried only where their first letters are: the matches are those of scanning the whole
text with every rule, and a word start that no rule can begin at is passed over."""

from __future__ import annotations

import re

import pytest

from storyline.article.timex.grammar import load_grammar
from storyline.article.timex.starts import RuleStarts

BOUNDARY = r"(?<![\w-])"


def scanned(patterns: tuple[re.Pattern, ...], text: str) -> list[tuple[int, tuple[int, int], dict]]:
    return [(rule, m.span(), m.groupdict()) for rule, pattern in enumerate(patterns) for m in pattern.finditer(text)]


def tried(starts: RuleStarts, text: str) -> list[tuple[int, tuple[int, int], dict]]:
    return [(rule, m.span(), m.groupdict()) for rule, m in starts.finditer(text)]


def test_a_rule_s_prefixes_are_the_first_letters_its_matches_can_have():
    weekday = re.compile(BOUNDARY + r"(?:(?:last|next) )?(?:monday|fri(?:day)?)\b", re.I)
    starts = RuleStarts((weekday,), BOUNDARY)
    prefixes = starts.prefixes[0]
    assert prefixes is not None
    assert {"last", "next", "mond", "frid", "fri"} <= prefixes
    assert not any(prefix.startswith(("sun", "the")) for prefix in prefixes)


def test_a_word_start_no_rule_begins_with_is_not_tried():
    weekday = re.compile(BOUNDARY + r"(?:monday|friday)", re.I)
    starts = RuleStarts((weekday,), BOUNDARY)
    assert starts._rules_at("the ") == ()
    assert starts._rules_at("Mond") == (0,)


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, 14 February 2022 at 10:30 GMT, three days after last week's talks and 2 years ago.",
        "Friday Friday-Friday xFriday FRIDAY fri. the first quarter of 2015, mid-March, Q1 2015, 2014-03-05",
        # Case-blind matching outside ASCII: the Kelvin sign is a "k", the long s an "s".
        "\u212anown since \u017fept. 3, the \u0130stanbul talks, 5 p.m. on \u017funday, \u212a-day",
        "\u0663 days ago, 10\u00a0p.m., noon\nmidnight, the 21st century",
        "",
        "May",
    ],
)
def test_the_grammar_finds_what_scanning_with_every_rule_finds(text):
    grammar = load_grammar()
    patterns = tuple(pattern for pattern, _ in grammar.patterns)
    assert tried(grammar.starts, text) == scanned(patterns, text)


def test_a_rule_without_the_boundary_is_scanned_everywhere():
    inside = re.compile(r"day", re.I)
    starts = RuleStarts((inside,), BOUNDARY)
    assert starts.prefixes == (None,)
    assert tried(starts, "Monday today") == scanned((inside,), "Monday today")


def test_a_rule_s_later_match_starts_after_its_earlier_one_ends():
    # "12 12 12": the rule matches "12 12" once, then the lone last "12", as finditer does.
    pair = re.compile(BOUNDARY + r"\d\d(?: \d\d)?", re.I)
    starts = RuleStarts((pair,), BOUNDARY)
    assert tried(starts, "12 12 12") == scanned((pair,), "12 12 12") == [(0, (0, 5), {}), (0, (6, 8), {})]
