"""The cleaning stage: the story's own text, with everything else moved to a removal log.

Captions, credits, related links, share prompts, footers and pull-quotes sit in the body of real
articles and poison every later stage (a caption's date becomes an event date, a pull-quote
becomes a second quote). They are removed, but never lost: each removal keeps its text, its kind
and where it stood in the clean text, so captions and credits remain usable as evidence.

Cleaning is a pure function of one article. It must never depend on other articles (their
cached results would go stale) and never remove a stretch it cannot name a reason for.
The patterns live in lexicon/boilerplate.toml.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from storyline.lexicon import load_table
from storyline.model import (
    BYLINE,
    CAPTION,
    CREDIT,
    DATELINE,
    FOOTER,
    HEADING,
    HEADLINE,
    PULL_QUOTE,
    RELATED_LINK,
    SHARE_PROMPT,
    CleanText,
    Document,
    Extraction,
    Removal,
    Section,
)
from storyline.settings import Settings
from storyline.stages import register_stage

# Closing punctuation of a sentence, a quotation or a parenthesis: a block ending with one of
# these is prose, not a heading.
_CLOSING = tuple(".!?;:\"”’'»)…]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Words of running text that reports speech: a block with one is prose, not a display copy.
_REPORTING_CUE = re.compile(
    r"\b(?:said|says|told|tells|added|adds|stated|states|announced|wrote|declared|noted|stressed|according to)\b", re.I
)


@dataclass
class _Block:
    """One line of the extracted text, trimmed, with what cleaning decided about it."""

    start: int
    end: int
    text: str
    kind: str | None = None  # set when the whole block is removed
    head_cuts: list[tuple[int, str]] = field(default_factory=list)  # (end offset, kind) of pieces cut from its head

    @property
    def kept_start(self) -> int:
        return self.head_cuts[-1][0] if self.head_cuts else self.start

    @property
    def kept_text(self) -> str:
        return self.text[self.kept_start - self.start :]

    @property
    def words(self) -> int:
        return len(self.kept_text.split())


@register_stage("clean", result_type=CleanText, needs=("extract",))
def clean(document: Document, upstream: Mapping[str, object], settings: Settings) -> CleanText:
    extraction = upstream["extract"]
    assert isinstance(extraction, Extraction)
    return clean_text(extraction.text, title=document.title or extraction.title)


def clean_text(source: str, title: str | None = None) -> CleanText:
    blocks = _blocks(source)
    rules = _rules()
    no_paragraph_yet = True
    for block in blocks:
        block.kind = _whole_block_kind(block, rules)
        if block.kind is None and no_paragraph_yet:
            # The head of the first paragraph: a headline or byline before it is not one.
            _cut_head(block, rules)
            no_paragraph_yet = block.kind is not None or _is_heading_like(block, rules.headline_max_words)
    _mark_pull_quotes([b for b in blocks if b.kind is None], rules)
    headline = _mark_headings(blocks, title)
    return _assemble(source, blocks, headline)


def _blocks(source: str) -> list[_Block]:
    blocks = []
    for match in re.finditer(r"[^\n]+", source):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            blocks.append(_Block(start, start + len(stripped), stripped))
    return blocks


@dataclass(frozen=True)
class _Rules:
    footer: re.Pattern
    byline: re.Pattern
    share_whole: re.Pattern
    share_head: re.Pattern
    related: re.Pattern
    related_max_words: int
    caption_start: re.Pattern
    credit_end: re.Pattern
    credit_only: re.Pattern
    caption_max_words: int
    dateline_head: re.Pattern
    pull_quote_min_words: int
    pull_quote_containment: float
    attribution_max_words: int
    heading_max_words: int
    headline_max_words: int


@cache
def _rules() -> _Rules:
    table = load_table("boilerplate")

    def any_of(patterns: list[str]) -> str:
        return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"

    agencies = "(?-i:" + any_of([re.escape(a) for a in sorted(table["caption"]["agencies"], key=len, reverse=True)]) + ")"
    desks = "(?-i:" + any_of([re.escape(a) for a in sorted(table["caption"]["picture_desks"], key=len, reverse=True)]) + ")"
    # A photo credit names a photographer or says it is a photo: "(ANWAR AMRO / AFP)",
    # "(AP Photo/Evan Vucci)", "(Photo: Reuters)", "(Getty Images)".
    photo_credit = any_of(
        [
            rf"\(\s*[^()/]{{1,60}}?\s*/\s*{agencies}(?:\s+(?:photo|images|via getty images))?\s*\)",
            rf"\(\s*{agencies}\s+(?:photo|images)\s*/\s*[^()]{{1,60}}\)",
            r"\(\s*(?:photo|picture|image)s?\s*(?:credit)?\s*:\s*[^()]{1,60}\)",
            rf"\(\s*{desks}\s*\)",
        ]
    )
    # Alone on a line, the agency's name is a credit too: "(AFP)".
    credit_alone = rf"{photo_credit}|\(\s*{agencies}\s*\)|(?:photo|picture|image)s?\s*(?:credit|source)?\s*[:,]\s*[^.]{{1,60}}"
    share = any_of(table["share_prompt"]["patterns"])
    cues = any_of([re.escape(c) for c in sorted(table["related_link"]["cues"], key=len, reverse=True)])
    return _Rules(
        footer=re.compile(any_of(table["footer"]["patterns"]), re.I),
        byline=re.compile(any_of(table["byline"]["patterns"]), re.I),
        share_whole=re.compile(share, re.I),
        share_head=re.compile(rf"{share}\s+(?=\S)", re.I),
        related=re.compile(rf"{cues}\s*:", re.I),
        related_max_words=table["related_link"]["max_words"],
        caption_start=re.compile(any_of(table["caption"]["starts"]), re.I),
        credit_end=re.compile(rf"{photo_credit}\s*\.?$", re.I),
        credit_only=re.compile(rf"(?:{credit_alone})\.?", re.I),
        caption_max_words=table["caption"]["max_words"],
        dateline_head=re.compile(any_of(table["dateline"]["patterns"]) + r"\s*", re.I),
        pull_quote_min_words=table["pull_quote"]["min_words"],
        pull_quote_containment=table["pull_quote"]["min_containment"],
        attribution_max_words=table["pull_quote"]["attribution_max_words"],
        heading_max_words=table["heading"]["max_words"],
        headline_max_words=table["heading"]["headline_max_words"],
    )


def _cut_head(block: _Block, rules: _Rules) -> None:
    """Cut machine-made pieces off the head of the first block: "date 2022-02-23 Follow us on
    Image Source : AP. <caption>" is a dateline, a share prompt and a captioned photo credit in
    one line. A share prompt is cut only where what follows it is boilerplate too: "Follow us on
    this road to peace, the president said" is prose."""
    if match := rules.dateline_head.match(block.kept_text):
        block.head_cuts.append((block.kept_start + match.end(), DATELINE))
    if (match := rules.share_head.match(block.kept_text)) and match.end() < len(block.kept_text):
        block.head_cuts.append((block.kept_start + match.end(), SHARE_PROMPT))
        if _whole_block_kind(block, rules) is None and len(block.head_cuts) == 1:
            block.head_cuts.pop()
    if block.head_cuts and not block.kept_text:
        block.kind = block.head_cuts.pop()[1]  # nothing left: the last cut covers the block
    elif block.head_cuts:
        block.kind = _whole_block_kind(block, rules)


def _whole_block_kind(block: _Block, rules: _Rules) -> str | None:
    text = block.kept_text
    if rules.footer.fullmatch(text):
        return FOOTER
    if block.words <= 16 and rules.byline.fullmatch(text):
        return BYLINE
    if rules.share_whole.fullmatch(text):
        return SHARE_PROMPT
    if (
        (cue := rules.related.match(text))
        and block.words <= rules.related_max_words
        and (cue.group().isupper() or not _ends_sentence(text))
    ):
        return RELATED_LINK
    if rules.credit_only.fullmatch(text):
        return CREDIT
    if block.words <= rules.caption_max_words and (rules.caption_start.match(text) or rules.credit_end.search(text)):
        return CAPTION
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"'”’»)").endswith((".", "!", "?"))


def _grams(text: str) -> list[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return [tuple(words[i : i + 4]) for i in range(len(words) - 3)]


def _mark_pull_quotes(kept: list[_Block], rules: _Rules) -> None:
    """Of two blocks carrying the same words, one is a display copy (a pull-quote or a
    highlight) and goes; the copy in the running text stays."""
    grams = [set(_grams(block.kept_text)) for block in kept]
    holders: dict[tuple[str, ...], set[int]] = {}
    for index, block_grams in enumerate(grams):
        for gram in block_grams:
            holders.setdefault(gram, set()).add(index)
    for index, block in enumerate(kept):
        if block.kind is not None or block.words < rules.pull_quote_min_words or not grams[index]:
            continue
        shared = Counter(other for gram in grams[index] for other in holders[gram] if other != index)
        for other, count in sorted(shared.items()):
            if kept[other].kind is not None or count / len(grams[index]) < rules.pull_quote_containment:
                continue
            display = _display_copy(kept, index, other, rules)
            if display is None:
                continue  # both are running text: a lede and the quote it summarises
            kept[display].kind = PULL_QUOTE
            _mark_attribution(kept, display + 1, rules)
            if display == index:
                break


def _display_copy(kept: list[_Block], one: int, other: int, rules: _Rules) -> int | None:
    """Which of two blocks with the same words is the display copy: the one set apart (under a
    "Name, Title" line, without closing punctuation, or bare words with neither the quotation
    marks nor the "he said" of running text), then the shorter, then the later. None when
    neither is set apart: two paragraphs of running text may well say the same thing."""
    marks = [_display_marks(kept, index, rules) for index in (one, other)]
    if not any(marks):
        return None
    if marks[0] != marks[1]:
        return one if marks[0] > marks[1] else other
    if kept[one].words != kept[other].words:
        return one if kept[one].words < kept[other].words else other
    return max(one, other)


def _display_marks(kept: list[_Block], index: int, rules: _Rules) -> int:
    text = kept[index].kept_text
    return sum(
        (
            _is_attribution(kept[index + 1], rules) if index + 1 < len(kept) else False,
            not text.endswith(_CLOSING),
            not any(mark in text for mark in '"“”«»') and not _REPORTING_CUE.search(text),
        )
    )


def _is_attribution(line: _Block, rules: _Rules) -> bool:
    name, comma, role = line.kept_text.partition(",")
    return (
        bool(comma and role.strip())
        and line.words <= rules.attribution_max_words
        and not line.kept_text.endswith(_CLOSING)
        and name[:1].isupper()
    )


def _mark_attribution(kept: list[_Block], index: int, rules: _Rules) -> None:
    """The "Antonio Guterres, UN Secretary-General" line under a pull-quote goes with it."""
    if index < len(kept) and kept[index].kind is None and _is_attribution(kept[index], rules):
        kept[index].kind = PULL_QUOTE


def _mark_headings(kept: list[_Block], title: str | None) -> str | None:
    """Short unpunctuated lines before a paragraph: the headline on top, section headings below.
    Returns the headline's text, if the body opened with one."""
    rules = _rules()
    kept = [block for block in kept if block.kind is None]
    if not kept:
        return None
    headline = None
    first = kept[0]
    # A one-sentence item (a wire brief) whose title is its text keeps it as its text.
    alone_sentence = len(kept) == 1 and first.kept_text.endswith(_CLOSING)
    if (title and _same_words(first.kept_text, title) and not alone_sentence) or (
        len(kept) > 1 and _is_heading_like(first, rules.headline_max_words) and not _is_heading_like(kept[1], rules.heading_max_words)
    ):
        first.kind, headline = HEADLINE, first.kept_text
    for before, block, following in zip(kept, kept[1:], kept[2:], strict=False):
        # Short lines in a row are a list, not a heading and its section.
        if _is_heading_like(before, rules.heading_max_words) and before.kind is None:
            continue
        if _is_heading_like(block, rules.heading_max_words) and not _is_heading_like(following, rules.heading_max_words):
            block.kind = HEADING
    return headline


def _is_heading_like(block: _Block, max_words: int) -> bool:
    text = block.kept_text
    return 2 <= block.words <= max_words and not text.endswith(_CLOSING) and (text[0].isupper() or text[0].isdigit())


def _same_words(a: str, b: str) -> bool:
    return [w.lower() for w in _WORD.findall(a)] == [w.lower() for w in _WORD.findall(b)]


def _assemble(source: str, blocks: list[_Block], headline: str | None) -> CleanText:
    parts: list[str] = []
    length = 0
    removed: list[Removal] = []
    pending: list[tuple[str, str]] = []  # removals waiting for the offset of the next kept text
    section_starts: list[tuple[int, str | None]] = []
    pending_heading: str | None = None
    previous_end = 0
    for block in blocks:
        gap = source[previous_end : block.start]
        previous_end = block.end
        cut_from = block.start
        for cut_end, kind in block.head_cuts:
            pending.append((source[cut_from:cut_end].strip(), kind))
            cut_from = cut_end
        if block.kind is not None:
            pending.append((block.kept_text, block.kind))
            if block.kind == HEADING:
                pending_heading = block.kept_text
            continue
        if parts:
            # Keep the article's own paragraph style: a blank line where it had one.
            separator = "\n\n" if gap.count("\n") >= 2 else "\n"
            parts.append(separator)
            length += len(separator)
        if pending_heading is not None or not section_starts:
            section_starts.append((length, pending_heading))
            pending_heading = None
        removed.extend(Removal(text, kind, length) for text, kind in pending)
        pending.clear()
        parts.append(block.kept_text)
        length += len(block.kept_text)
    removed.extend(Removal(text, kind, length) for text, kind in pending)
    text = "".join(parts)
    ends = [start for start, _ in section_starts[1:]] + [length] if section_starts else []
    sections = [Section(start, end, heading) for (start, heading), end in zip(section_starts, ends, strict=True)]
    return CleanText(text=text, removed=tuple(removed), sections=tuple(_trimmed(text, sections)), headline=headline)


def _trimmed(text: str, sections: list[Section]) -> list[Section]:
    """Section ends exclude the white space before the next section."""
    result = []
    for section in sections:
        end = section.end
        while end > section.start and text[end - 1].isspace():
            end -= 1
        result.append(Section(section.start, end, section.heading))
    return result
