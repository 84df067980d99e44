"""From a matched expression to what it says, a `TimeForm`, before any anchoring: one handler
per grammar rule, looked up in a table by the rule's name."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.article.timex.grammar import NARRATIVE_SHIFTS, SHIFTS, Grammar, load_grammar
from storyline.lexicon.calendar import duration_value
from storyline.lexicon.positions import Coverage
from storyline.model import TimeForm

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


def find_expressions(text: str) -> list[tuple[int, int, str, TimeForm]]:
    """(start, end, type, form) of every temporal expression; overlaps resolved in favour of
    the longer span, then the earlier rule."""
    grammar = load_grammar()
    candidates = []
    for rank, match in grammar.starts.finditer(text):
        built = _build(grammar.patterns[rank][1], match, grammar)
        if built is not None:
            kind, form = built
            candidates.append((match.start(), match.end(), rank, kind, form))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = Coverage(len(text))
    chosen = []
    for start, end, _rank, kind, form in candidates:
        if taken.overlaps(start, end):
            continue
        taken.add(start, end)
        chosen.append((start, end, kind, form))
    return sorted(chosen)


def _number(word: str | None, grammar: Grammar) -> float | None:
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
    return word[:-1] if word.endswith("s") and word[:-1] in load_grammar().units else word


def _pp(match: re.Match) -> str | None:
    words = match.groupdict().get("pp")
    if not words:
        return None
    for word, part in _PART_OF_PERIOD.items():
        if word in words.lower().split() or words.lower().startswith(word):
            return part
    return None


@dataclass(frozen=True, slots=True)
class _Match:
    """A grammar rule's match, with the parts most rules read already looked up."""

    rule: str
    match: re.Match
    groups: dict[str, str]  # the named groups that matched
    grammar: Grammar
    month: int | None
    weekday: int | None
    year: int | None


Built = tuple[str, TimeForm] | None  # (TIMEX3 type, form), or None: not a temporal expression


def handled_rules() -> set[str]:
    """The grammar rules a handler reads."""
    return set(_HANDLERS)


def _build(rule: str, match: re.Match, grammar: Grammar) -> Built:
    g = {k: v for k, v in match.groupdict().items() if v is not None}
    month = grammar.months.get(g["month"].lower().rstrip(".")) if "month" in g else None
    weekday = grammar.weekdays.get(g["weekday"].lower().rstrip(".")) if "weekday" in g else None
    year = int(g["year"]) if "year" in g else None
    handler = _HANDLERS.get(rule)
    return handler(_Match(rule, match, g, grammar, month, weekday, year)) if handler else None


def _full_date(m: _Match) -> Built:
    month = m.month or int(m.groups.get("nmonth", 0))
    day = int(m.groups.get("day") or m.groups.get("nday"))
    if not _valid(m.year, month, day):
        return None
    return "DATE", TimeForm("absolute", year=m.year, month=month, day=day)


def _month_day(m: _Match) -> Built:
    day = int(m.groups["day"])
    if not _valid(2000, m.month, day):  # 2000 is a leap year: 29 February is a day
        return None
    if m.rule == "md" and m.weekday is None and m.match.group().split()[0].lower().rstrip(".") == "may" and day > 31:
        return None
    return "DATE", TimeForm("month_day", month=m.month, day=day, weekday=m.weekday)


def _month_year(m: _Match) -> Built:
    return "DATE", TimeForm("absolute", year=m.year, month=m.month, part=_pp(m.match))


def _month(m: _Match) -> Built:
    g = m.groups
    if g["month"].lower() in ("may", "march", "mar", "jan", "jun") and not g["month"][0].isupper():
        return None  # "may" the verb, "march" the noun
    bare = "pp" not in g and not re.match(r"(?:this|last|next) ", m.match.group(), re.I)
    if g["month"].lower() == "may" and bare and _word_before(m.match).lower() not in m.grammar.month_prepositions:
        return None  # "May" alone is far more often the verb at a sentence start; "by May" is the month
    word = g["month"]
    dotted = word.endswith(".") or m.match.string.startswith(".", m.match.end())
    if len(word) <= 4 and word.lower() not in ("may", "june", "july") and not dotted:
        return None  # "Jan Kavan", "Sept" alone: a bare abbreviation is a name, not a month
    shift = next((SHIFTS[w] for w in m.match.group().lower().split() if w in ("this", "last", "next")), None)
    return "DATE", TimeForm("month", month=m.month, shift=shift, part=_pp(m.match))


def _word_before(match: re.Match) -> str:
    words = match.string[max(0, match.start() - 20) : match.start()].split()
    return words[-1] if words else ""


def _month_of_year(m: _Match) -> Built:
    """"June last year": the month of a year counted from the reference date's."""
    return "DATE", TimeForm("month", month=m.month, unit="year", shift=SHIFTS[m.groups["yshift"].lower()], part=_pp(m.match))


def _season(m: _Match) -> Built:
    shift = SHIFTS.get(m.groups["shift"].lower()) if "shift" in m.groups else None
    return "DATE", TimeForm("season", year=m.year, shift=shift, part=m.grammar.seasons[m.groups["season"].lower()])


def _quarter(m: _Match) -> Built:
    g = m.groups
    number = int(g["qnum"]) if "qnum" in g else m.grammar.ordinals[g["ordinal"].lower()]
    unit = "half" if m.rule == "half" else "quarter"
    shift = SHIFTS.get(g["yshift"].lower()) if "yshift" in g else None
    if "ordinal" in g and g["ordinal"].lower() == "last" and m.year is None and shift is None:
        return "DATE", TimeForm("relative", unit="quarter", shift=-1)
    return "DATE", TimeForm(unit, year=m.year, shift=shift, part=f"{'H' if unit == 'half' else 'Q'}{number}")


def _year(m: _Match) -> Built:
    said = m.match.group()
    if not said[0].isdigit() and "pp" not in m.groups and not said.lower().startswith(("the", "year")):
        return None
    return "DATE", TimeForm("absolute", year=m.year, part=_pp(m.match))


def _decade(m: _Match) -> Built:
    return "DATE", TimeForm("decade", year=int(m.groups["decade"]))


def _century(m: _Match) -> Built:
    return "DATE", TimeForm("century", year=(int(m.groups["century"]) - 1) * 100)


def _day_offset(m: _Match) -> Built:
    word = m.groups["offset_word"].lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    part = "NI" if word == "tonight" else m.grammar.parts_of_day.get(m.groups.get("part", "").lower())
    return ("TIME" if part else "DATE"), TimeForm("day_offset", shift=offset, part=part)


def _part_relative(m: _Match) -> Built:
    shift = SHIFTS.get(m.groups.get("shift", "this").lower(), 0)
    return "DATE", TimeForm("relative", unit=m.groups["unit"].lower(), shift=shift, part=_pp(m.match))


def _relative(m: _Match) -> Built:
    shift = m.groups["shift"].lower()
    kind = "narrative_unit" if shift in NARRATIVE_SHIFTS else "relative"
    return "DATE", TimeForm(kind, unit=m.groups["unit"].lower(), shift=SHIFTS[shift])


def _narrative_unit(m: _Match) -> Built:
    """ "that day", "the next day", "the following year": the day or year of the time last named."""
    g = m.groups
    shift = SHIFTS[g["shift"].lower()] if "shift" in g else 0
    return "DATE", TimeForm("narrative_unit", unit=g["unit"].lower(), shift=shift)


def _weekday(m: _Match) -> Built:
    g = m.groups
    shift = SHIFTS.get(g["shiftw"].lower()) if "shiftw" in g else None
    if g["weekday"].lower() in m.grammar.weekday_abbreviations:
        return None  # "Sun", "Wed" without a full stop are names and words ("Sun Microsystems") far more often than days
    part = m.grammar.parts_of_day.get(g.get("part", "").lower())
    return ("TIME" if part else "DATE"), TimeForm("weekday", weekday=m.weekday, shift=shift, part=part)


def _offset(m: _Match) -> Built:
    amount = _number(m.groups["number"], m.grammar)
    unit = _unit(m.groups["unit"])
    if unit in ("second", "minute", "hour"):
        return None
    direction = m.groups["direction"].lower()
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if direction in ("earlier", "before", "later") and m.rule == "offset":
        # "a year earlier", "two days later" count from the time the text last named, not from
        # the reference date: anchored with the text around them (calendar.anchor_all).
        return "DATE", TimeForm("narrative", amount=amount, unit=unit, shift=sign)
    return "DATE", TimeForm("offset", amount=amount, unit=unit, shift=sign)


def _this_part(m: _Match) -> Built:
    shift = m.groups["shift"].lower()
    return "TIME", TimeForm(
        "day_offset", shift=0 if shift == "this" else SHIFTS[shift], part=m.grammar.parts_of_day[m.groups["part"].lower()]
    )


def _clock_time(m: _Match) -> Built:
    g = m.groups
    clock = ("12:00" if g["noon"].lower() == "noon" else "24:00") if m.rule == "noon" else _clock(g)
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(g.get("offset_word", "").lower())
    return "TIME", TimeForm("clock", clock=clock, weekday=m.weekday, shift=offset)


_AGE = re.compile(r"[- ]old\b", re.I)


def _duration(m: _Match) -> Built:
    number = m.groups["number"]
    if _AGE.match(m.match.string, m.match.end()):
        return None  # "a 44-year-old protester", "the 50-year-old alliance": an age, not a time
    if "-" in m.match.group() and m.groups["unit"].lower().startswith("quarter") and _number(number, m.grammar) is not None and number.isalpha():
        return None  # "three-quarters of the vote": a fraction
    if number.lower() in ("a", "an") and not m.match.group().lower().startswith(("a ", "an ")):
        return None
    if number.isdigit() and len(number) == 4 and number.startswith(("19", "20")):
        return None  # "2014 year" is not a duration
    return "DURATION", TimeForm("duration", amount=_number(number, m.grammar), unit=_unit(m.groups["unit"]))


def _vague_duration(m: _Match) -> Built:
    word = m.groups["unit"].lower()
    return "DURATION", TimeForm("duration", amount=None, unit=word[:-3] + "y" if word.endswith("ies") else _unit(word))


def _past_unit(m: _Match) -> Built:
    return "DURATION", TimeForm("duration", amount=1, unit=m.groups["unit"].lower())


def _set(m: _Match) -> Built:
    word = m.groups["unit"].lower()
    if word in m.grammar.weekdays:
        return "SET", TimeForm("set", value="XXXX-WXX-" + str(m.grammar.weekdays[word] + 1))
    count = _number(m.groups.get("everyn"), m.grammar) or 1
    return "SET", TimeForm("set", value=duration_value(count, _unit(word)))


def _set_word(m: _Match) -> Built:
    return "SET", TimeForm("set", value=m.grammar.sets[m.groups["setword"].lower()])


def _reference(m: _Match) -> Built:
    value = m.grammar.references[m.groups["reference"].lower()]
    return ("DATE" if value.endswith("_REF") else "DURATION"), TimeForm("ref", value=value)


# Grammar rule -> the handler that reads its match.
_HANDLERS: dict[str, Callable[[_Match], Built]] = {
    "mdy": _full_date,
    "dmy": _full_date,
    "iso": _full_date,
    "us_numeric": _full_date,
    "md": _month_day,
    "dm": _month_day,
    "month_year": _month_year,
    "month": _month,
    "month_of_year": _month_of_year,
    "season": _season,
    "quarter": _quarter,
    "quarter_short": _quarter,
    "half": _quarter,
    "year": _year,
    "decade": _decade,
    "century": _century,
    "day_offset": _day_offset,
    "part_relative": _part_relative,
    "relative": _relative,
    "narrative_unit": _narrative_unit,
    "weekday": _weekday,
    "offset": _offset,
    "in_offset": _offset,
    "this_part": _this_part,
    "clock": _clock_time,
    "noon": _clock_time,
    "duration": _duration,
    "past_unit": _past_unit,
    "vague_duration": _vague_duration,
    "set": _set,
    "set_word": _set_word,
    "reference": _reference,
}


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
