"""Random inputs for the property tests (hypothesis), and the checks every result must pass.

The inputs are made to reach deep: pages are tag soup around news-like sentences, JSON lines
are records with fields of every type and escapes that are not characters, and texts mix real
sentences with datelines, captions, quotation marks and stray control characters, so that
cleaning, dating, entities and quotes all have something to find.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from conftest import PARAGRAPHS
from storyline.model import Document, InputProblem, Story

MAX_TEXT_CHARACTERS = 10_000_000  # storyline.settings.MAX_TEXT_CHARACTERS, written out so the check stands alone

_TAGS = (
    "p",
    "div",
    "span",
    "article",
    "section",
    "h1",
    "h2",
    "a",
    "b",
    "i",
    "li",
    "ul",
    "td",
    "tr",
    "table",
    "figcaption",
    "script",
    "style",
    "footer",
    "nav",
)
_PIECES = (
    "KYIV, Feb 24 (Reuters) -",
    "Photo: AP",
    "(ANWAR AMRO / AFP)",
    "Share on Facebook",
    "Read more: Ukraine talks",
    '"There is no alternative to diplomacy," Guterres said.',
    "“We are ready,” said Zelensky on Monday.",
    "On 14 February 2022, Russia and Ukraine met in Geneva.",
    "Copyright 2022 World News. All rights reserved.",
    "2022-02-23",
    "Last week, the UN Secretary-General Antonio Guterres called for calm.",
    "« Paix », a dit Macron mardi.",
)

# Text that reaches the stages: real sentences, boilerplate, and anything at all between them.
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
piece = st.one_of(st.sampled_from(PARAGRAPHS), st.sampled_from(_PIECES), noise)
separator = st.sampled_from(("\n\n", "\n", " ", "\r\n", "\t", "\n \n", ""))


@st.composite
def article_texts(draw, max_pieces: int = 8) -> str:
    parts = draw(st.lists(st.tuples(piece, separator), min_size=1, max_size=max_pieces))
    return "".join(text + gap for text, gap in parts)


@st.composite
def html_pages(draw) -> str:
    """Tag soup: elements nested at random, some never closed, stray end tags, entities and
    attributes, around article-like text."""
    parts = []
    open_tags: list[str] = []
    for _ in range(draw(st.integers(1, 30))):
        choice = draw(st.integers(0, 9))
        if choice <= 2:
            tag = draw(st.sampled_from(_TAGS))
            attributes = draw(st.sampled_from(("", " class='article-body'", ' href="javascript:x"', " id=main", ' data-x="&amp;<>"')))
            parts.append(f"<{tag}{attributes}>")
            open_tags.append(tag)
        elif choice <= 4 and open_tags:
            tag = open_tags.pop() if draw(st.booleans()) else draw(st.sampled_from(_TAGS))
            parts.append(f"</{tag}>")
        elif choice == 5:
            parts.append(draw(st.sampled_from(("&amp;", "&#x27;", "&nbsp;", "&bogus;", "<br>", "<!-- note -->", "<img src=x>", "&#0;"))))
        else:
            parts.append(draw(piece))
    if draw(st.booleans()):
        parts += [f"</{tag}>" for tag in reversed(open_tags)]
    body = "".join(parts)
    if draw(st.booleans()):
        title = draw(st.sampled_from(("Guterres calls for diplomacy", "", "<b>bold</b>", "Title\n\n# heading")))
        body = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"
    return body


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), noise, article_texts(max_pieces=3))
json_values = st.recursive(
    json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(noise, inner, max_size=3), max_leaves=6
)
# Lines that are valid JSON but that Python will not read as it is, or that hold no record.
_ODD_LINES = (b'{"id": ' + b"7" * 4400 + b', "text": "x"}', b"[" * 5000 + b"]" * 5000, b"null", b"[]", b'"text"', b"\xef\xbb\xbf{}")
_FIELDS = ("id", "text", "html", "title", "url", "published", "date", "source")


@st.composite
def json_records(draw) -> dict:
    record = draw(st.dictionaries(st.sampled_from(_FIELDS), json_values, max_size=6))
    if draw(st.booleans()):
        record["text"] = draw(article_texts())
    if draw(st.booleans()):
        record["published"] = draw(
            st.sampled_from(("2022-02-14", "9999-12-31", "Mon, 14 Feb 2022 10:00:00 GMT", "last Tuesday", "2022-13-45"))
        )
    return record


@st.composite
def json_lines(draw) -> bytes:
    """A JSON Lines file: records, broken lines, and escapes that are half a surrogate pair."""
    lines = []
    for record in draw(st.lists(json_records(), max_size=6)):
        line = json.dumps(record, ensure_ascii=True)
        if draw(st.booleans()):
            line = line.replace("a", draw(st.sampled_from(("\\ud800", "\\udcff", "\\udfff", "\\ud83d\\ude00"))), 1)
        if draw(st.integers(0, 5)) == 0:
            line = line[: draw(st.integers(0, len(line)))]
        lines.append(line.encode())
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(_ODD_LINES)))
    return draw(st.sampled_from((b"\n", b"\r\n"))).join(lines)


def reading_faults(items: list) -> list[str]:
    """What a reader must never hand on: text no UTF-8 writer takes, a document with neither
    text nor HTML, one longer than the parser reads, a problem report on more than one line."""
    faults = []
    for item in items:
        if isinstance(item, InputProblem):
            if "\n" in item.line() or "\r" in item.line():
                faults.append(f"problem on more than one line: {item.line()!r}")
            continue
        if not isinstance(item, Document):
            faults.append(f"not a Document or InputProblem: {item!r}")
            continue
        for name in ("id", "source", "text", "html", "url", "title", "published", "outlet"):
            value = getattr(item, name)
            if value is not None:
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    faults.append(f"{item.id!r}: {name} is not valid Unicode")
        if (item.text is None) == (item.html is None):
            faults.append(f"{item.id!r}: needs exactly one of text and html")
        if item.text is not None and len(item.text) > MAX_TEXT_CHARACTERS:
            faults.append(f"{item.id!r}: text longer than an article may be")
    return faults


def clean_faults(cleaned, where: str = "") -> list[str]:
    """Removals stand at an offset in the clean text; sections lie inside it."""
    length = len(cleaned.text)
    faults = [f"{where}removal at {r.at} outside 0-{length}" for r in cleaned.removed if r.at is not None and not 0 <= r.at <= length]
    faults += [f"{where}section {s.start}-{s.end} outside 0-{length}" for s in cleaned.sections if not 0 <= s.start <= s.end <= length]
    return faults


def story_faults(story: Story) -> list[str]:
    """Every span lies inside its article, and whatever carries text and offsets (times,
    quotes) has that text at those offsets."""
    texts = {article.id: article.text for article in story.articles}
    faults = [fault for article in story.articles for fault in _article_faults(article)]
    for span, what, expected in _spans(story):
        if span.article not in texts:
            faults.append(f"{what}: span into an article not in the story ({span.article!r})")
        elif not 0 <= span.start <= span.end <= len(texts[span.article]):
            faults.append(f"{what}: span {span.start}-{span.end} outside {span.article!r} (0-{len(texts[span.article])})")
        elif expected is not None and texts[span.article][span.start : span.end] != expected:
            faults.append(f"{what}: {expected!r} is not the text at its span")
    return faults


def _article_faults(article) -> list[str]:
    length = len(article.text)
    faults = clean_faults(article, f"{article.id!r}: ")
    faults += [f"{article.id!r}: sentence {s.start}-{s.end} outside" for s in article.sentences if not 0 <= s.start <= s.end <= length]
    faults += [
        f"{article.id!r}: time {t.text!r} not at {t.start}-{t.end}"
        for t in article.times
        if not 0 <= t.start <= t.end <= length or article.text[t.start : t.end] != t.text
    ]
    return faults


def _spans(story: Story):
    """(span, what holds it, the text it must cover or None) for every span in the story."""
    for entity in story.entities:
        yield from ((mention, f"entity {entity.id}", None) for mention in entity.mentions)
    for quote in story.quotes:
        yield quote.span, f"quote {quote.id}", quote.text
        yield from ((span, f"quote {quote.id}", None) for span in (quote.speaker_span, quote.cue_span) if span is not None)
    for event in story.events:
        yield from ((span, f"event {event.id}", None) for span in event.sources)
    for entry in story.timeline:
        yield from ((span, f"timeline {entry.date}", None) for span in entry.sources)
    for sentence in story.brief:
        yield from ((span, "brief", None) for span in sentence.sources)
