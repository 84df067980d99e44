"""Text from inputs made safe to print on one line: control characters and lone surrogates
shown as escapes instead of acting on the terminal or splitting a report line.

A file name is bytes on Linux, and Python hands a name that is not UTF-8 over with each bad
byte as a lone surrogate (U+DC80..U+DCFF), which no UTF-8 writer (SQLite, JSON, the terminal)
accepts. `path_name` shows such a byte as \\xNN, so the name can be stored and printed, and a
user can still tell which file it is.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls (a lone \x9b is a CSI to some terminals) and lone surrogates.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that was not UTF-8, as os.fsdecode hands it over
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character and lone surrogate written as an escape (\\n, \\x1b,
    \\ud800): one line, safe for a terminal and for any UTF-8 writer."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def path_name(path: object) -> str:
    """A file name as storyline shows and stores it: `printable(str(path))`, bytes that are not
    UTF-8 as \\xNN."""
    return printable(str(path))
