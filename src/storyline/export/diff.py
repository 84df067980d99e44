"""How two renderings of the same quote differ, word by word: what an analyst reads to see
what one outlet or translation changed."""

from __future__ import annotations


def word_changes(a: str, b: str):
    """(kind, words) runs turning a into b: kind is "same", "removed" or "added"."""
    import difflib

    left, right = a.split(), b.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=left, b=right, autojunk=False).get_opcodes():
        if op == "equal":
            yield "same", left[i1:i2]
            continue
        if i2 > i1:
            yield "removed", left[i1:i2]
        if j2 > j1:
            yield "added", right[j1:j2]


def word_diff(a: str, b: str) -> str:
    """How b renders a, word by word: words only in a as [-...-], words only in b as {+...+}."""
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return " ".join(marks[kind].format(" ".join(words)) for kind, words in word_changes(a, b))
