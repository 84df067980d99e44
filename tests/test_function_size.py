"""No function of the package is longer than a screen: a longer one is several steps that want
names of their own (ruff's C901 in pyproject.toml holds the limit on branches)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"
MOST_LINES = 60


def _long_functions(path: Path, root: Path = PACKAGE) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(root)}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MOST_LINES
    ]


def test_no_function_is_longer_than_sixty_lines():
    assert [line for path in sorted(PACKAGE.rglob("*.py")) for line in _long_functions(path)] == []


def test_the_check_sees_a_long_function_and_a_long_method(tmp_path):
    body = "".join(f"    x{n} = {n}\n" for n in range(MOST_LINES))
    source = tmp_path / "long.py"
    source.write_text(
        f"def short():\n    return 1\n\n\ndef long():\n{body}\n\nclass Holder:\n    def method(self):\n    {body.replace(chr(10), chr(10) + '    ')}\n"
    )
    found = _long_functions(source, tmp_path)
    assert [line.split(" ")[1].rstrip(":") for line in found] == ["long", "method"]
