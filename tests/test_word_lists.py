"""Word lists are data (lexicon/words.toml and the other tables), not code: the package's source,
read with ast, holds no list, tuple or set of more than ten words, and no regular expression
that is a list of more than ten alternative words."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"
MOST = 10
# The CSV export's columns are its schema, in order, and a package's `__all__` lists its names:
# neither is a list of words to look words up in.
SCHEMAS = {("export/csv.py", "CSV_COLUMNS")}
NAME_LISTS = {"__all__"}
_ALTERNATIVES = re.compile(rf"^[\w'’ -]+(?:\|[\w'’ -]+){{{MOST},}}$")


def _word_lists(path: Path, root: Path = PACKAGE) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = set()
    for node in ast.walk(tree):
        names = [getattr(target, "id", "") for target in node.targets] if isinstance(node, ast.Assign) else []
        if any((path.relative_to(root).as_posix(), name) in SCHEMAS or name in NAME_LISTS for name in names):
            exempt.add(id(node.value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and id(node) not in exempt:
            strings = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(strings) > MOST:
                found.append(f"{path.relative_to(root)}:{node.lineno}: {len(strings)} words")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _ALTERNATIVES.match(node.value):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value.count('|') + 1} alternatives")
    return found


def test_no_word_list_in_the_code():
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in _word_lists(path)]
    assert found == []


def test_the_finder_sees_a_list_and_an_alternation(tmp_path):
    source = tmp_path / "rules.py"
    words = [f"word{n}" for n in range(MOST + 1)]
    source.write_text(f"VERBS = frozenset({words!r})\nTITLES = r'{'|'.join(words)}'\nFEW = {words[:MOST]!r}\n")
    found = _word_lists(source, tmp_path)
    assert sorted(line.split(": ", 1)[1] for line in found) == [f"{MOST + 1} alternatives", f"{MOST + 1} words"]
