"""Per-article stages are pure functions of one article: no stage keeps what it saw of one
article in module-level state that the next article (in the same worker process) could meet."""

from __future__ import annotations

import ast
from pathlib import Path

ARTICLE = Path(__file__).resolve().parents[2] / "src" / "storyline" / "article"
MUTATING = {"append", "extend", "insert", "pop", "popitem", "remove", "clear", "update", "add", "discard", "setdefault"}


def _module_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _changed_in_functions(source: str) -> list[str]:
    """Module-level names that a function changes: by a mutating method, an item or attribute
    assignment, `del`, or `global`."""
    tree = ast.parse(source)
    shared = _module_names(tree)
    found = []
    for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                found += node.names
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATING:
                owner = node.func.value
                if isinstance(owner, ast.Name) and owner.id in shared:
                    found.append(owner.id)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
                for target in targets:
                    if (
                        isinstance(target, (ast.Subscript, ast.Attribute))
                        and isinstance(target.value, ast.Name)
                        and target.value.id in shared
                    ):
                        found.append(target.value.id)
    return sorted(set(found))


def test_no_stage_changes_module_level_state():
    changed = {
        str(path.relative_to(ARTICLE)): names
        for path in sorted(ARTICLE.rglob("*.py"))
        if (names := _changed_in_functions(path.read_text()))
    }
    assert changed == {}


def test_the_check_sees_a_cache_kept_between_articles():
    source = "_RECENT = []\nSEEN = {}\n\ndef stage(article):\n    _RECENT.insert(0, article)\n    del _RECENT[4:]\n    SEEN[article] = 1\n    local = []\n    local.append(1)\n"
    assert _changed_in_functions(source) == ["SEEN", "_RECENT"]
