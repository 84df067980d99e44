"""Bytes to text: UTF-8 when it is UTF-8, detection (charset-normalizer) when it is not.

Never guesses latin-1: a wrong guess turns every accented name into mojibake that no later
stage can repair. Binary data is refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A UTF-8 multi-byte sequence: its presence beside invalid bytes means broken UTF-8,
# not a legacy single-byte encoding.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can tell."""


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Decode `raw`; returns the text and a warning (or None) for a lossy decode."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace"), None
    if looks_binary(raw):
        raise UndecodableError("binary content, not text")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        first_bad = error.start
    if _UTF8_MULTIBYTE.search(raw):
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, f"invalid UTF-8 at byte {first_bad}: {bad} byte sequence(s) replaced by U+FFFD"
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise UndecodableError("not valid UTF-8 and no other encoding fits")
    return str(best), None


def decode_html(raw: bytes) -> tuple[str, str | None]:
    """Like `decode_text`, but a charset the page declares wins over detection."""
    declared = _DECLARED_CHARSET.search(raw[:4096])
    if declared and not raw.startswith(tuple(bom for bom, _ in _BOMS)):
        name = declared.group(1).decode("ascii", errors="ignore")
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
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
