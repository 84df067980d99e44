"""Quotation marks: where a quotation opens and closes, straight or curly, nested or
continued over paragraphs, and whether it is a whole utterance or a few words."""

from __future__ import annotations

import re

from storyline.model import DIRECT, PARTIAL

PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“", "`": "’"}


_INNER_PAIRS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "‹": "›"}


def inner_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of marks within text[start:end], one level
    down: double or single, curly or straight. An apostrophe ("don’t", "Scott's", "’80s") is no
    mark, and an opening mark without its closing one inside the quotation is left alone."""
    pairs = []
    position = start
    while position < end:
        char = text[position]
        closer = _INNER_PAIRS.get(char)
        if closer is None or not _opens(text, position, char) or (position > 0 and text[position - 1].isalnum()):
            position += 1
            continue
        close = position + 1
        while close < end and not (
            text[close] == closer and not text[close - 1].isspace() and (close + 1 >= len(text) or not text[close + 1].isalnum())
        ):
            close += 1
        words = text[position + 1 : close]
        if close < end and words.strip() and not words[:1].isdigit():
            pairs.append((position + 1, close))
            position = close
        position += 1
    return pairs


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each outermost pair of quotation marks. A mark left open
    closes at the end of its paragraph: the next paragraph, if it goes on quoting, opens with a
    mark of its own (the multi-paragraph convention), and if not, the mark was stray."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans += _pair_marks(text, offset, offset + len(paragraph))
        offset += len(paragraph) + 1
    return [(s, e) for s, e in spans if e - s > 1 and text[s:e].strip()]


def _pair_marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    opening: int | None = None
    opener = closer = ""
    nested = 0  # “inner” quotations in the same curly or angle marks as the open one
    position = start
    while position < end:
        char = text[position]
        if char not in _MARKS:
            # Only a mark can open or close anything: go straight to the next one.
            found = _NEXT_MARK.search(text, position, end)
            position = found.start() if found else end
            continue
        # Inside straight marks, curly ones nest ("Trump walked in, chanting “U-S-A!”"); a
        # straight mark opened and a curly one closed is one quotation ("Oz has ...,” said Gorski).
        inner_open, inner_close = (opener, closer) if opener != closer else ("“", "”")
        if opening is not None and char == inner_open and closer != "''" and _opens(text, position, char):
            nested += 1
        elif opening is not None and nested and char == inner_close:
            nested -= 1
        elif opening is None and text.startswith("``", position):
            # ``Treebank style'': two backticks open, two apostrophes close.
            opening, closer = position + 2, "''"
            position += 1
        elif opening is not None and closer == "''":
            if text.startswith("''", position):
                spans.append((opening, position))
                opening = None
                position += 1
        elif opening is None and char in PAIRS and _opens(text, position, char):
            opening, opener, closer, nested = position + 1, char, PAIRS[char], 0
        elif opening is not None and (char == closer or {closer, char} == {"”", '"'}) and _closes(text, position, char):
            spans.append((opening, position))
            opening = None
        position += 1
    if opening is not None:
        spans.append((opening, len(text[:end].rstrip())))
    return spans


# Every character the pairing below reacts to: the marks of PAIRS both ways, and the backtick
# and apostrophe of ``Treebank style''.
_MARKS = frozenset(PAIRS) | frozenset(PAIRS.values()) | frozenset("`'”")
_NEXT_MARK = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")


def _opens(text: str, position: int, char: str) -> bool:
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if char in ('"', "`"):
        return not before.isalnum() and not after.isspace()
    return not after.isspace() or char == "«"


def _closes(text: str, position: int, char: str) -> bool:
    after = text[position + 1] if position + 1 < len(text) else " "
    if char in ('"', "’"):
        return not after.isalnum()
    return True


def quote_kind(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 3) : start - 1].strip()
    words = len(text[start:end].split())
    embedded = bool(before) and (before[-1].isalnum() or before[-1] in ",;") and not before.endswith((":",))
    if (embedded and text[start : start + 1].islower()) or words < 4:
        return PARTIAL
    return DIRECT


def near_enough(text: str, previous_end: int, start: int) -> bool:
    """Close enough to share a voice: the same paragraph or the next one (after a blank line)."""
    return text.count("\n", previous_end, start) <= 2 and start - previous_end < 600
