"""Bytes to text: UTF-8 when it is UTF-8, detection (charset-normalizer) when it is not.

Never guesses latin-1: a wrong guess turns every accented name into mojibake that no later
stage can repair. Binary data is refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from storyline.lexicon import words

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy code pages for Latin script that detection cannot tell apart from cp1252 on short text
# (French "à" is a valid cp1250 "ŕ"). cp1252 is by far the commonest of them, so it wins a tie.
# Turkish and Vietnamese pages are left out: detection picks them for letters cp1252 lacks.
_LATIN_CODE_PAGES = words("decode", "latin_code_pages")
# A high byte between two ASCII letters, to see whether cp1252 would break a word apart.
_INSIDE_WORD = re.compile(rb"(?<=[A-Za-z])[\x80-\xff](?=[A-Za-z])")
# What browsers decode a declared charset as (WHATWG Encoding): each is a superset of the
# label, and pages labelled latin-1 or ASCII are in practice windows-1252.
_WHATWG_CHARSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can tell."""


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Decode `raw`; returns the text and a warning (or None) for a lossy decode."""
    encoding = unicode_bom(raw)
    if encoding:
        try:
            return raw.decode(encoding), None
        except UnicodeDecodeError as error:
            text = raw.decode(encoding, errors="replace")
            return text, _replaced(encoding, error.start, text)
    if looks_binary(raw):
        raise UndecodableError("binary content, not text")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        first_bad = error.start
    text = raw.decode("utf-8", errors="replace")
    if _mostly_utf8(text):
        return text, _replaced("utf-8", first_bad, text)
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise UndecodableError("not valid UTF-8 and no other encoding fits")
    return _as_cp1252(raw, best.encoding) or str(best), None


def unicode_bom(raw: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `raw` names, or None."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def _replaced(encoding: str, first_bad: int, text: str) -> str:
    bad = text.count("\ufffd")
    return f"invalid {encoding.upper()} at byte {first_bad}: {bad} byte sequence(s) replaced by U+FFFD"


def _mostly_utf8(text: str) -> bool:
    """Tells broken UTF-8 (a cut-off character) from a legacy encoding whose bytes now and then
    happen to form a UTF-8 sequence, as Shift-JIS, GBK and cp1251 text does: only the first
    is worth repairing as UTF-8."""
    bad = text.count("\ufffd")
    good = sum(1 for char in text if char > "\x7f") - bad
    return good >= 4 * bad and bad <= max(1, len(text) // 100)


def _as_cp1252(raw: bytes, guess: str) -> str | None:
    """`raw` as cp1252 when detection guessed another Latin code page and cp1252 fits as well,
    unless cp1252 would turn a letter of the guessed page into a symbol inside a word (Polish
    "głos" as "g³os")."""
    if guess not in _LATIN_CODE_PAGES:
        return None
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for match in _INSIDE_WORD.finditer(raw):
        byte = match.group()
        if byte.decode(guess, errors="replace").isalpha() and not byte.decode("cp1252").isalpha():
            return None
    return text


def decode_html(raw: bytes, charset: str | None = None) -> tuple[str, str | None]:
    """Like `decode_text`, but a charset the page declares wins over detection.

    `charset` is one declared outside the page (an HTTP header); the page's own declaration
    wins over it, as it is the one the author wrote.
    """
    declared = _DECLARED_CHARSET.search(raw[:4096])
    name = declared.group(1).decode("ascii", errors="ignore") if declared else charset
    if name and unicode_bom(raw) is None:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        codec = _WHATWG_CHARSETS.get(codec, codec)
        if codec and codec != "utf-8" and not looks_binary(raw):
            try:
                return raw.decode(codec), None
            except UnicodeDecodeError:
                pass  # the declaration is wrong; fall back to what the bytes say
    return decode_text(raw)


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean it is not text."""
    head = raw[:8192]
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)
