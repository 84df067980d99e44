"""Pages nested too deeply for the HTML parser, rebuilt shallow so that their text is found.

libxml2 (under lxml, under trafilatura) stops at 256 nested elements unless told otherwise,
and at 2,048 even then: a page deeper than that (a layout of wrappers, a broken page that never
closes its tags) comes out with no text at all. Such a page is rebuilt with Python's own
tokenizer, which has no depth limit: elements below `MAX_DEPTH` give up their tags and keep
their text, block ends becoming line breaks. Every other page is handed on as it is.
"""

from __future__ import annotations

import html
from collections import Counter
from html.parser import HTMLParser

from lxml.html import HTMLParser as LxmlParser
from lxml.html import fromstring

from storyline.lexicon import words

# Well within libxml2's 256, with room for the elements trafilatura wraps around a page.
MAX_DEPTH = 200
_VOID = words("html", "void_elements")
_BLOCK = words("html", "block_elements")
_RAW = frozenset(("script", "style"))
_DEEP_PARSER = LxmlParser(huge_tree=True, remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)


def shallow_html(page: str) -> str:
    """`page` as it is when the parser can read it whole, else rebuilt `MAX_DEPTH` deep."""
    if not _too_deep(page):
        return page
    rebuilt = _Flattener()
    rebuilt.feed(page)
    rebuilt.close()
    return rebuilt.result()


def _too_deep(page: str) -> bool:
    try:
        root = fromstring(page, parser=_DEEP_PARSER)
    except Exception:  # lxml refuses some inputs outright (an XML declaration in a str); trafilatura copes
        return False
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


class _Flattener(HTMLParser):
    """Writes the page back tag by tag, dropping the tags (never the text) below MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, written)
        self._open_count: Counter[str] = Counter()

    def result(self) -> str:
        return "".join(self._out) + "".join(f"</{tag}>" for tag, written in reversed(self._open) if written)

    def handle_decl(self, decl: str) -> None:
        self._out.append(f"<!{decl}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shallow = len(self._open) < MAX_DEPTH
        if shallow:
            self._out.append(_start_tag(tag, attrs))
        elif tag in _BLOCK or tag == "br":
            self._break()
        if tag not in _VOID:
            self._open.append((tag, shallow))
            self._open_count[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open_count[tag]:
            return  # a stray end tag closes nothing
        while self._open:
            name, written = self._open.pop()
            self._open_count[name] -= 1
            if written:
                self._out.append(f"</{name}>")
            elif name in _BLOCK:
                self._break()
            if name == tag:
                return

    def _break(self) -> None:
        """A line break where a block began or ended below the limit; one for a run of them."""
        if not self._out or self._out[-1] != "<br>":
            self._out.append("<br>")

    def handle_data(self, data: str) -> None:
        inside_raw = bool(self._open) and self._open[-1][0] in _RAW
        self._out.append(data if inside_raw else html.escape(data, quote=False))


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"' for name, value in attrs)
    return f"<{tag}{written}>"
