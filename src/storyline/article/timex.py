"""Temporal expressions: finding them, and anchoring them to a date with the tense of their
sentence. All of storyline's anchoring and tense logic lives here.

Finding is a pure function of an article's clean text and parse, and gives each expression an
anchor-free `TimeForm` ("the Monday before", "the month after"). Anchoring turns a form into a
TIMEX3 value once a reference date is known, so when an article's publication date is only
inferred later (from its clues, or from other articles), its expressions are re-anchored
without being found again.

Conventions follow TimeML: spans leave out prepositions ("on Monday" -> "Monday"); a weekday
in a past-tense sentence is the latest such day on or before the reference date, in a future
one the first after it; "next Thursday" is the first Thursday after the reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from storyline.lexicon import load_table
from storyline.lexicon.calendar import absolute_value, duration_value
from storyline.model import (
    FUTURE,
    NO_TENSE,
    PAST,
    PRESENT,
    Annotation,
    CaptionDate,
    CleanText,
    Document,
    SentenceTense,
    TemporalMention,
    TimeForm,
    TimeTagging,
    TokenTable,
)
from storyline.settings import Settings
from storyline.stages import register_stage

_SHIFTS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}
_PART_OF_PERIOD = {
    "early": "early",
    "earlier": "early",
    "beginning": "early",
    "start": "early",
    "mid": "mid",
    "middle": "mid",
    "late": "late",
    "later": "late",
    "end": "late",
}


# ---------------------------------------------------------------------------------------------
# Finding


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[re.Pattern, str], ...]
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


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _abbreviable(words) -> str:
    """Full words, or abbreviations with an optional full stop ("Feb.", "Tues.")."""
    full = [w for w in words if len(w) > 4 or w == "may"]
    short = [w for w in words if w not in full]
    return f"(?:{_alternation(full)}|(?:{_alternation(short)})\\.?)"


@cache
def _grammar() -> _Grammar:
    vocab = load_table("timex")
    months = load_table("datelines")["months"]
    weekdays = {name: index for index, name in enumerate(vocab["weekdays"])}
    for abbreviation in vocab["weekday_abbreviations"]:
        weekdays[abbreviation] = next(i for name, i in weekdays.items() if name.startswith(abbreviation[:3]))
    numbers = dict(vocab["numbers"])
    month = rf"(?P<month>{_abbreviable(months)})"
    weekday = rf"(?P<weekday>{_abbreviable(weekdays)})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[6-9]|20)\d\d)"
    number = rf"(?P<number>\d+(?:\.\d+)?|{_alternation(numbers)}|{_alternation(vocab['vague_numbers'])})"
    unit = rf"(?P<unit>{_alternation(vocab['units'])})s?"
    shift = rf"(?P<shift>{_alternation(_SHIFTS)})"
    approx = r"(?:(?:nearly|almost|about|around|roughly|some|more than|less than|at least|over|up to|just over|just under|the past|the last|the next|the first|the previous|another|an additional|a full) )?"
    season = rf"(?P<season>{_alternation(vocab['seasons'])})"
    part = rf"(?P<part>{_alternation(vocab['parts_of_day'])})"
    clock = r"(?P<clock>(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s?(?P<meridiem>a\.?m\.?|p\.?m\.?)|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?:\s?(?:GMT|UTC|ET|EST|EDT|CET|CEST|BST|local time))?)"
    b = r"(?<![\w-])"
    e = r"(?![\w])"
    rules = [
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
            rf"{b}(?:(?P<pp>early|mid|late|the (?:beginning|start|middle|end) of)[- ])?(?:(?:this|last|next) )?{month}{e}(?!\.? [0-3]?\d)",
            "month",
        ),
        (rf"{b}(?:(?:the )?{shift} )?{season}(?: (?:of )?{year})?{e}", "season"),
        (
            rf"{b}(?:the )?(?P<ordinal>first|second|third|fourth|final|last|1st|2nd|3rd|4th) quarter(?: of {year}| of (?P<yshift>this|last|next) year)?{e}",
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
        # Relative to the reference date.
        (rf"{b}(?P<offset_word>today|tonight|yesterday|tomorrow){e}(?: (?:{part}))?", "day_offset"),
        (rf"{b}(?P<pp>earlier|later|early|late) {shift} (?P<unit>week|month|year|quarter){e}", "part_relative"),
        (rf"{b}(?:the )?(?P<pp>beginning|start|middle|end) of (?:the |{shift} )(?P<unit>week|month|year|quarter){e}", "part_relative"),
        (rf"{b}{shift} (?P<unit>week|weekend|month|year|quarter|decade|century){e}", "relative"),
        (rf"{b}(?:(?P<shiftw>last|next|this|coming|past) )?{weekday}{e}(?: (?:{part}))?", "weekday"),
        (rf"{b}{number}[- ]{unit} (?P<direction>ago|earlier|before|later|from now|hence){e}", "offset"),
        (rf"{b}(?P<direction>in|within) {number} {unit}{e}", "in_offset"),
        (rf"{b}{shift} {part}{e}", "this_part"),
        # Clock times, with a day when one is named.
        (rf"{b}{clock}{e}(?: (?:on )?{weekday}| (?P<offset_word>today|yesterday|tomorrow))?", "clock"),
        (rf"{b}(?P<noon>noon|midnight){e}", "noon"),
        # Durations ("nearly eight years", "four-day", "24-hour") and sets ("every week").
        (rf"{b}{approx}{number}[- ]{unit}{e}", "duration"),
        (
            rf"{b}(?:the )?(?P<dshift>past|last|next|coming|previous) (?P<unit>day|week|month|year|decade|century|hour){e}(?! (?:of|in|on|at)\b)",
            "past_unit",
        ),
        (
            rf"{b}(?P<every>every|each|per) (?:(?P<everyn>\d+|{_alternation(numbers)}) )?(?P<unit>second|minute|hour|day|night|week|month|quarter|year|{_alternation(weekdays)})s?{e}",
            "set",
        ),
        (rf"{b}(?P<setword>{_alternation(vocab['sets'])}){e}", "set_word"),
        (rf"{b}(?P<reference>{_alternation(vocab['references'])}){e}", "reference"),
    ]
    compiled = tuple((re.compile(pattern, re.I), name) for pattern, name in rules)
    return _Grammar(
        patterns=compiled,
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
    )


def find_expressions(text: str) -> list[tuple[int, int, str, TimeForm]]:
    """(start, end, type, form) of every temporal expression; overlaps resolved in favour of
    the longer span, then the earlier rule."""
    grammar = _grammar()
    candidates = []
    for rank, (pattern, rule) in enumerate(grammar.patterns):
        for match in pattern.finditer(text):
            built = _build(rule, match, grammar)
            if built is not None:
                kind, form = built
                candidates.append((match.start(), match.end(), rank, kind, form))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, _rank, kind, form in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, kind, form))
    return sorted(chosen)


def _number(word: str | None, grammar: _Grammar) -> float | None:
    if word is None:
        return None
    word = word.lower()
    if word in grammar.vague:
        return None
    if word in grammar.numbers:
        return grammar.numbers[word]
    try:
        return float(word)
    except ValueError:
        return None


def _unit(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and word[:-1] in _grammar().units else word


def _pp(match: re.Match) -> str | None:
    words = match.groupdict().get("pp")
    if not words:
        return None
    for word, part in _PART_OF_PERIOD.items():
        if word in words.lower().split() or words.lower().startswith(word):
            return part
    return None


def _build(rule: str, match: re.Match, grammar: _Grammar) -> tuple[str, TimeForm] | None:
    g = {k: v for k, v in match.groupdict().items() if v is not None}
    month = grammar.months.get(g["month"].lower().rstrip(".")) if "month" in g else None
    weekday = grammar.weekdays.get(g["weekday"].lower().rstrip(".")) if "weekday" in g else None
    year = int(g["year"]) if "year" in g else None
    if rule in ("mdy", "dmy", "iso", "us_numeric"):
        month = month or int(g.get("nmonth", 0))
        day = int(g.get("day") or g.get("nday"))
        if not _valid(year, month, day):
            return None
        return "DATE", TimeForm("absolute", year=year, month=month, day=day)
    if rule in ("md", "dm"):
        day = int(g["day"])
        if not _valid(2000, month, day):  # 2000 is a leap year: 29 February is a day
            return None
        if rule == "md" and weekday is None and match.group().split()[0].lower().rstrip(".") == "may" and day > 31:
            return None
        return "DATE", TimeForm("month_day", month=month, day=day, weekday=weekday)
    if rule == "month_year":
        return "DATE", TimeForm("absolute", year=year, month=month, part=_pp(match))
    if rule == "month":
        if g["month"].lower() in ("may", "march", "mar", "jan", "jun") and not g["month"][0].isupper():
            return None  # "may" the verb, "march" the noun
        if g["month"].lower() in ("may",) and "pp" not in g and not re.match(r"(?:this|last|next) ", match.group(), re.I):
            return None  # "May" alone is far more often the verb at a sentence start
        shift = next((_SHIFTS[w] for w in match.group().lower().split() if w in ("this", "last", "next")), None)
        return "DATE", TimeForm("month", month=month, shift=shift, part=_pp(match))
    if rule == "season":
        shift = _SHIFTS.get(g["shift"].lower()) if "shift" in g else None
        return "DATE", TimeForm("season", year=year, shift=shift, part=grammar.seasons[g["season"].lower()])
    if rule in ("quarter", "quarter_short", "half"):
        number = int(g["qnum"]) if "qnum" in g else grammar.ordinals[g["ordinal"].lower()]
        unit = "half" if rule == "half" else "quarter"
        shift = _SHIFTS.get(g["yshift"].lower()) if "yshift" in g else None
        if "ordinal" in g and g["ordinal"].lower() == "last" and year is None and shift is None:
            return "DATE", TimeForm("relative", unit="quarter", shift=-1)
        return "DATE", TimeForm(unit, year=year, shift=shift, part=f"{'H' if unit == 'half' else 'Q'}{number}")
    if rule == "year":
        if not match.group()[0].isdigit() and "pp" not in g and not match.group().lower().startswith(("the", "year")):
            return None
        return "DATE", TimeForm("absolute", year=year, part=_pp(match))
    if rule == "decade":
        return "DATE", TimeForm("decade", year=int(g["decade"]))
    if rule == "century":
        return "DATE", TimeForm("century", year=(int(g["century"]) - 1) * 100)
    if rule == "day_offset":
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["offset_word"].lower()]
        part = "NI" if g["offset_word"].lower() == "tonight" else grammar.parts_of_day.get(g.get("part", "").lower())
        return ("TIME" if part else "DATE"), TimeForm("day_offset", shift=offset, part=part)
    if rule == "part_relative":
        shift = _SHIFTS.get(g.get("shift", "this").lower(), 0)
        return "DATE", TimeForm("relative", unit=g["unit"].lower(), shift=shift, part=_pp(match))
    if rule == "relative":
        return "DATE", TimeForm("relative", unit=g["unit"].lower(), shift=_SHIFTS[g["shift"].lower()])
    if rule == "weekday":
        shift = _SHIFTS.get(g["shiftw"].lower()) if "shiftw" in g else None
        if g["weekday"].lower().rstrip(".") in ("sun", "sat", "wed", "mon") and not g["weekday"][0].isupper():
            return None
        part = grammar.parts_of_day.get(g.get("part", "").lower())
        return ("TIME" if part else "DATE"), TimeForm("weekday", weekday=weekday, shift=shift, part=part)
    if rule in ("offset", "in_offset"):
        amount = _number(g["number"], grammar)
        unit = _unit(g["unit"])
        if unit in ("second", "minute", "hour"):
            return None
        direction = g["direction"].lower()
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        if direction in ("earlier", "before", "later") and rule == "offset":
            # "two days later" counts from an event, not from the reference date.
            return "DURATION", TimeForm("duration", amount=amount, unit=unit)
        return "DATE", TimeForm("offset", amount=amount, unit=unit, shift=sign)
    if rule == "this_part":
        return "TIME", TimeForm(
            "day_offset",
            shift=0 if g["shift"].lower() == "this" else _SHIFTS[g["shift"].lower()],
            part=grammar.parts_of_day[g["part"].lower()],
        )
    if rule in ("clock", "noon"):
        clock = ("12:00" if g["noon"].lower() == "noon" else "24:00") if rule == "noon" else _clock(g)
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(g.get("offset_word", "").lower())
        return "TIME", TimeForm("clock", clock=clock, weekday=weekday, shift=offset)
    if rule == "duration":
        amount = _number(g["number"], grammar)
        if g["number"].lower() in ("a", "an") and not match.group().lower().startswith(("a ", "an ")):
            return None
        if g["number"].isdigit() and len(g["number"]) == 4 and g["number"].startswith(("19", "20")):
            return None  # "2014 year" is not a duration
        return "DURATION", TimeForm("duration", amount=amount, unit=_unit(g["unit"]))
    if rule == "past_unit":
        return "DURATION", TimeForm("duration", amount=1, unit=g["unit"].lower())
    if rule == "set":
        word = g["unit"].lower()
        if word in grammar.weekdays:
            return "SET", TimeForm("set", value="XXXX-WXX-" + str(grammar.weekdays[word] + 1))
        count = _number(g.get("everyn"), grammar) or 1
        return "SET", TimeForm("set", value=duration_value(count, _unit(word)))
    if rule == "set_word":
        return "SET", TimeForm("set", value=grammar.sets[g["setword"].lower()])
    if rule == "reference":
        return "DATE", TimeForm("ref", value=grammar.references[g["reference"].lower()])
    return None


def _clock(g: dict[str, str]) -> str:
    if "hour24" in g:
        return f"{int(g['hour24']):02}:{g['minute24']}"
    hour = int(g["hour"]) % 12
    if g["meridiem"].lower().startswith("p"):
        hour += 12
    return f"{hour:02}:{g.get('minute') or '00'}"


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    try:
        dt.date(year or 2000, month or 1, day or 1)
    except (ValueError, TypeError):
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Tense, from the parse


def tense_at(tokens: TokenTable, start: int, end: int) -> str:
    """The tense of the clause an expression sits in: from the verb that governs it."""
    if not len(tokens):
        return NO_TENSE
    first = max(0, bisect_right(tokens.start, start) - 1)
    inside = [i for i in range(first, len(tokens)) if tokens.start[i] < end and tokens.end[i] > start]
    if not inside:
        return NO_TENSE
    head = next((i for i in inside if not start <= tokens.start[tokens.head[i]] < end or tokens.head[i] == i), inside[0])
    verb = head
    for _ in range(12):
        if tokens.pos[verb] in ("VERB", "AUX") or tokens.head[verb] == verb:
            break
        verb = tokens.head[verb]
    if tokens.pos[verb] not in ("VERB", "AUX"):
        return NO_TENSE
    if tokens.lemma[verb].lower() == "accord":
        return PAST  # "according to the Kremlin on Friday": the statement was made
    for _ in range(3):
        # An infinitive or a participle clause ("the last leader to meet him on April 11") takes
        # its time from the finite verb it hangs on, unless that verb frames a future.
        if not _non_finite(tokens, verb) or tokens.head[verb] == verb or tokens.lemma[tokens.head[verb]].lower() in _FUTURE_FRAMES:
            break
        verb = tokens.head[verb]
    return tense_of_verb(tokens, verb)


def _non_finite(tokens: TokenTable, verb: int) -> bool:
    if tokens.tag[verb] not in ("VB", "VBG", "VBN"):
        return False
    auxiliaries = [i for i in range(max(0, verb - 6), verb) if tokens.head[i] == verb and tokens.dep[i] in ("aux", "auxpass")]
    return all(tokens.lemma[i].lower() == "to" for i in auxiliaries)


_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_FRAMES = {"schedule", "expect", "plan", "due", "set", "slate", "go", "intend", "prepare", "aim"}


def tense_of_verb(tokens: TokenTable, verb: int) -> str:
    children = [i for i in range(max(0, verb - 8), min(len(tokens), verb + 8)) if tokens.head[i] == verb and i != verb]
    auxiliaries = [tokens.lemma[i].lower() for i in children if tokens.dep[i] in ("aux", "auxpass")]
    if any(a in _FUTURE_AUX for a in auxiliaries):
        return FUTURE
    if tokens.lemma[verb].lower() in _FUTURE_FRAMES and any(tokens.dep[i] == "xcomp" for i in children):
        # "is scheduled to hold", "plans to meet"; "was scheduled to" looks back.
        past = tokens.tag[verb] == "VBD" or any(tokens.tag[i] == "VBD" for i in children if tokens.dep[i] in ("aux", "auxpass"))
        return PAST if past else FUTURE
    # "is scheduled to hold", "plans to meet", "is going to": the governing frame says future.
    governor = tokens.head[verb]
    if tokens.dep[verb] == "xcomp" and tokens.lemma[governor].lower() in _FUTURE_FRAMES:
        governor_tense = tense_of_verb(tokens, governor) if governor != verb else NO_TENSE
        return FUTURE if governor_tense != PAST or tokens.lemma[governor].lower() in ("schedule", "due", "set") else PAST
    if tokens.tag[verb] == "VBD" or (tokens.tag[verb] == "VBN" and any(a in ("have", "be") for a in auxiliaries)):
        return PAST
    if any(tokens.tag[i] == "VBD" for i in children if tokens.dep[i] in ("aux", "auxpass")):
        return PAST
    if tokens.tag[verb] in ("VBZ", "VBP", "VBG") or auxiliaries:
        return PRESENT
    if tokens.tag[verb] == "VBN":
        return PAST
    return NO_TENSE


def tag(text: str, tokens: TokenTable) -> list[TemporalMention]:
    """Every temporal expression of a text, with the tense of its clause."""
    return [
        TemporalMention(start, end, text[start:end], kind, form, tense_at(tokens, start, end))
        for start, end, kind, form in find_expressions(text)
    ]


# ---------------------------------------------------------------------------------------------
# Anchoring


# ---------------------------------------------------------------------------------------------
# The per-article stage


_FILE_PHOTO = re.compile(r"\b(?:file|archive|archival|undated) (?:photo|picture|image|photograph)|\bFILE\b", re.I)
_EVIDENCE_KINDS = ("caption", "credit", "dateline")


@register_stage("times", result_type=TimeTagging, needs=("clean", "annotate"))
def times(document: Document, upstream: Mapping[str, object], settings: Settings) -> TimeTagging:
    cleaned = upstream["clean"]
    annotation = upstream["annotate"]
    assert isinstance(cleaned, CleanText) and isinstance(annotation, Annotation)
    captions = []
    for index, removal in enumerate(cleaned.removed):
        if removal.kind not in _EVIDENCE_KINDS:
            continue
        for _start, _end, _kind, form in find_expressions(removal.text):
            if form.kind == "absolute" and form.day:
                captions.append(CaptionDate(absolute_value(form), index, bool(_FILE_PHOTO.search(removal.text))))
    return TimeTagging(
        mentions=tuple(tag(cleaned.text, annotation.tokens)),
        caption_dates=tuple(captions),
        sentences=tuple(_sentence_tenses(annotation)),
    )


_HYPOTHETICAL = {"could", "might", "may", "would", "should"}


def _sentence_tenses(annotation: Annotation) -> Iterator[SentenceTense]:
    tokens = annotation.tokens
    for sentence in annotation.sentences:
        first = bisect_right(tokens.start, sentence.start) - 1
        inside = range(max(first, 0), bisect_right(tokens.start, sentence.end - 1))
        root = next((i for i in inside if tokens.head[i] == i and tokens.pos[i] in ("VERB", "AUX")), None)
        if root is None:
            yield SentenceTense(sentence.start, sentence.end, NO_TENSE)
            continue
        modals = {tokens.lemma[i].lower() for i in inside if tokens.head[i] == root and tokens.tag[i] == "MD"}
        yield SentenceTense(sentence.start, sentence.end, tense_of_verb(tokens, root), bool(modals & _HYPOTHETICAL))
