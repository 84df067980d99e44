"""Text from inputs, made safe to print on one line."""

from __future__ import annotations

import os

from storyline.model.printable import path_name, printable


def test_control_characters_and_lone_surrogates_become_escapes():
    assert printable("a\nb\tc\r") == "a\\nb\\tc\\r"
    assert printable("\x1b[31mred\x7f\x9b") == "\\x1b[31mred\\x7f\\x9b"
    assert printable("half \ud800 a pair") == "half \\ud800 a pair"
    assert printable("Zelensky — “Kyiv” 🙂") == "Zelensky — “Kyiv” 🙂"


def test_a_byte_that_is_not_utf8_in_a_file_name_is_shown_as_that_byte():
    name = os.fsdecode(b"caf\xe9.txt")
    assert path_name(name) == "caf\\xe9.txt"
    path_name(name).encode("utf-8")
