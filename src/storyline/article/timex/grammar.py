"""The grammar of temporal expressions: the words of timex.toml combined into one pattern per
rule. Which rule matched says what the expression means (normalise.py reads it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.article.timex.starts import RuleStarts
from storyline.lexicon import load_table

SHIFTS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1, "preceding": -1}
# Shifts that count from the time the text last named, not from the reference date.
NARRATIVE_SHIFTS = frozenset(["following", "previous", "preceding"])


@dataclass(frozen=True)
class Grammar:
    patterns: tuple[tuple[re.Pattern, str], ...]
    starts: RuleStarts  # where each pattern is worth trying
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    references: dict[str, str]
    sets: dict[str, str]
    weekday_abbreviations: frozenset[str]
    month_prepositions: frozenset[str]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _abbreviable(words) -> str:
    """Full words, or abbreviations with an optional full stop ("Feb.", "Tues.")."""
    full = [w for w in words if len(w) > 4 or w == "may"]
    short = [w for w in words if w not in full]
    return f"(?:{_alternation(full)}|(?:{_alternation(short)})\\.?)"


@cache
def load_grammar() -> Grammar:
    vocab = load_table("timex")
    months = load_table("datelines")["months"]
    weekdays = {name: index for index, name in enumerate(vocab["weekdays"])}
    for abbreviation in vocab["weekday_abbreviations"]:
        weekdays[abbreviation] = next(i for name, i in weekdays.items() if name.startswith(abbreviation[:3]))
    numbers = dict(vocab["numbers"])
    pieces = _pieces(vocab, months, weekdays, numbers)
    rules = _date_rules(pieces) + _relative_rules(pieces)
    patterns = tuple((re.compile(pattern, re.I), name) for pattern, name in rules)
    return Grammar(
        patterns=patterns,
        starts=RuleStarts(tuple(pattern for pattern, _ in patterns), pieces.b),
        months=months,
        weekdays=weekdays,
        numbers=numbers,
        vague=frozenset(vocab["vague_numbers"]),
        ordinals=dict(vocab["ordinals"]),
        units=dict(vocab["units"]),
        seasons=dict(vocab["seasons"]),
        parts_of_day=dict(vocab["parts_of_day"]),
        references={k.lower(): v for k, v in vocab["references"].items()},
        sets=dict(vocab["sets"]),
        weekday_abbreviations=frozenset(vocab["weekday_abbreviations"]),
        month_prepositions=frozenset(vocab["month_prepositions"]),
    )


@dataclass(frozen=True, slots=True)
class _Pieces:
    """The named sub-patterns the rules are made of."""

    weekday: str
    month: str
    day: str
    year: str
    number: str
    unit: str
    shift: str
    approx: str
    season: str
    part: str
    clock: str
    numbers: str  # number words
    weekdays: str  # weekday names and abbreviations
    sets: str  # "daily", "weekly"
    references: str  # "now", "recently"
    b: str = r"(?<![\w-])"  # where an expression may begin
    e: str = r"(?![\w])"  # and end


def _pieces(vocab: dict, months: dict[str, int], weekdays: dict[str, int], numbers: dict[str, float]) -> _Pieces:
    return _Pieces(
        weekday=rf"(?P<weekday>{_abbreviable(weekdays)})",
        month=rf"(?P<month>{_abbreviable(months)})",
        day=r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?",
        year=r"(?P<year>(?:1[6-9]|20)\d\d)",
        number=rf"(?P<number>\d+(?:\.\d+)?|{_alternation(numbers)}|{_alternation(vocab['vague_numbers'])})",
        unit=rf"(?P<unit>{_alternation(vocab['units'])})s?",
        shift=rf"(?P<shift>{_alternation(SHIFTS)})",
        approx=rf"(?:(?:{_alternation(vocab['approximations'])}) )?",
        season=rf"(?P<season>{_alternation(vocab['seasons'])})",
        part=rf"(?P<part>{_alternation(vocab['parts_of_day'])})",
        clock=r"(?P<clock>(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s?(?P<meridiem>a\.?m\.?|p\.?m\.?)|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?:\s?(?:GMT|UTC|ET|EST|EDT|CET|CEST|BST|local time))?)",
        numbers=_alternation(numbers),
        weekdays=_alternation(weekdays),
        sets=_alternation(vocab["sets"]),
        references=_alternation(vocab["references"]),
    )


def _date_rules(p: _Pieces) -> list[tuple[str, str]]:
    """Calendar dates, months, seasons, quarters, years, decades: (pattern, rule), in the order
    they win a tie."""
    b, e, weekday, month, day, year, shift, season = p.b, p.e, p.weekday, p.month, p.day, p.year, p.shift, p.season
    return [
        # Full dates.
        (rf"{b}(?:{weekday},? )?{month} {day},? {year}{e}", "mdy"),
        (rf"{b}(?:{weekday},? )?(?:the )?{day} (?:of )?{month},? {year}{e}", "dmy"),
        (rf"{b}{year}-(?P<nmonth>[01]\d)-(?P<nday>[0-3]\d){e}", "iso"),
        (rf"{b}(?P<nmonth>[01]?\d)/(?P<nday>[0-3]?\d)/{year}{e}", "us_numeric"),
        # Month and day without a year; a weekday before them is part of the expression.
        (rf"{b}(?:{weekday},? )?{month} {day}{e}(?!,? (?:1[6-9]|20)\d\d)", "md"),
        (rf"{b}(?:{weekday},? )?(?:the )?{day} (?:of )?{month}{e}(?!,? (?:1[6-9]|20)\d\d)", "dm"),
        # Months, seasons, quarters, halves, years, decades.
        (rf"{b}(?:(?P<pp>early|mid|late|the (?:beginning|start|middle|end) of)[- ])?{month},? {year}{e}", "month_year"),
        (
            rf"{b}(?:(?P<pp>early|mid|late|the (?:beginning|start|middle|end) of)[- ])?{month},? (?:of )?(?P<yshift>this|last|next) year{e}",
            "month_of_year",
        ),
        (
            rf"{b}(?:(?P<pp>early|mid|late|the (?:beginning|start|middle|end) of)[- ])?(?:(?:this|last|next) )?{month}{e}(?!\.? [0-3]?\d)",
            "month",
        ),
        (rf"{b}(?:(?:the )?{shift} )?{season}(?: (?:of )?{year})?{e}", "season"),
        (
            rf"{b}(?:the )?(?P<ordinal>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[- ]quarter(?: of {year}| of (?P<yshift>this|last|next) year)?{e}",
            "quarter",
        ),
        (rf"{b}Q(?P<qnum>[1-4]) {year}{e}", "quarter_short"),
        (rf"{b}(?:the )?(?P<ordinal>first|second) half(?: of {year}| of (?P<yshift>this|last|next) year)?{e}", "half"),
        (
            rf"{b}(?:(?P<pp>early|mid|late|the (?:beginning|start|middle|end) of)[- ])?(?:the )?(?:year )?{year}{e}(?![-/.]\d|,\d| (?:percent|people|troops|soldiers|km|miles))",
            "year",
        ),
        (rf"{b}(?:the )?(?P<decade>(?:1[6-9]|20)\d0)'?s{e}", "decade"),
        (rf"{b}(?:the )?(?P<century>\d\d?)(?:st|nd|rd|th) century{e}", "century"),
    ]


def _relative_rules(p: _Pieces) -> list[tuple[str, str]]:
    """Expressions relative to the reference date, clock times, durations and sets."""
    b, e, weekday, shift, part, clock, number, unit, approx = p.b, p.e, p.weekday, p.shift, p.part, p.clock, p.number, p.unit, p.approx
    return [
        # Relative to the reference date.
        (rf"{b}(?P<offset_word>today|tonight|yesterday|tomorrow){e}(?: (?:{part}))?", "day_offset"),
        (rf"{b}(?P<pp>earlier|later|early|late) {shift} (?P<unit>week|month|year|quarter){e}", "part_relative"),
        (rf"{b}(?:the )?(?P<pp>beginning|start|middle|end) of (?:the |{shift} )(?P<unit>week|month|year|quarter){e}", "part_relative"),
        # Counted from the time the text last named: "that day", "the following year".
        (rf"{b}(?:(?P<pp>earlier|later) )?(?:that|the same) (?P<unit>day|week|month|year){e}", "narrative_unit"),
        (rf"{b}the (?P<shift>next|following|previous|preceding) (?P<unit>day){e}", "narrative_unit"),
        (rf"{b}{shift} (?P<unit>week|weekend|month|year|quarter|decade|century){e}", "relative"),
        (rf"{b}(?:(?P<shiftw>last|next|this|coming|past) )?{weekday}{e}(?: (?:{part}))?", "weekday"),
        (rf"{b}{number}[- ]{unit} (?P<direction>ago|earlier|before|later|from now|hence){e}", "offset"),
        (rf"{b}(?P<direction>in) {number} {unit}{e}", "in_offset"),
        (rf"{b}{shift} {part}{e}", "this_part"),
        # "within a week" is a duration: the duration rule below finds "a week".
        # Clock times, with a day when one is named.
        (rf"{b}{clock}{e}(?: (?:on )?{weekday}| (?P<offset_word>today|yesterday|tomorrow))?", "clock"),
        (rf"{b}(?P<noon>noon|midnight){e}", "noon"),
        # Durations ("nearly eight years", "four-day", "24-hour") and sets ("every week").
        (rf"{b}{approx}{number}[- ]{unit}{e}", "duration"),
        # A bare plural unit is a duration of no stated length: "for weeks", "over the years".
        (
            rf"(?:(?<=\bover )(?:the )?|(?<=\bfor )|(?<=\bwithin )|(?<=\bin ))(?P<unit>days|weeks|months|years|decades|centuries){e}"
            r"(?! (?:of|ago|later|earlier|before|after|to come|ahead|old)\b)",
            "vague_duration",
        ),
        (
            rf"{b}(?:the )?(?P<dshift>past|last|next|coming|previous) (?P<unit>day|week|month|year|decade|century|hour){e}(?! (?:of|in|on|at)\b)",
            "past_unit",
        ),
        (
            rf"{b}(?P<every>every|each|per) (?:(?P<everyn>\d+|{p.numbers}) )?(?P<unit>second|minute|hour|day|night|week|month|quarter|year|{p.weekdays})s?{e}",
            "set",
        ),
        (rf"{b}(?P<setword>{p.sets}){e}", "set_word"),
        (rf"{b}(?P<reference>{p.references}){e}", "reference"),
    ]
