"""The joints of the package, read from its source with ast: no import cycles (imports inside
functions included, since a cycle hidden in a function is still a cycle), the arrows between the
folders point down (model <- lexicon <- {article, corpus} <- store <- pipeline <- export <- cli),
nothing imports the command line, and no module takes another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import in the file, resolving
    `from storyline import x` to the submodule x where there is one."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names if alias.name.startswith("storyline")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("storyline"):
            names = [alias.name for alias in node.names]
            submodules = [f"{node.module}.{name}" for name in names if f"{node.module}.{name}" in modules]
            found += [(module, []) for module in submodules]
            others = [name for name in names if f"{node.module}.{name}" not in modules]
            if others:
                found.append((node.module, others))
    return found


def _graph() -> tuple[dict[str, set[str]], dict[str, list[tuple[str, list[str]]]]]:
    files = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    imports = {name: _imports(path, set(files)) for name, path in files.items()}
    edges = {name: {module for module, _ in found if module in files and module != name} for name, found in imports.items()}
    return edges, imports


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles():
    edges, _ = _graph()
    assert _cycle(edges) is None, " -> ".join(_cycle(edges))


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# What each folder must not import. The map (article/) and the reduce (corpus/) are pure
# functions of what they are given: neither sees the other, the store or the build.
FORBIDDEN = {
    "model": {"lexicon", "ingest", "article", "corpus", "store", "pipeline", "export", "stages", "settings"},
    "lexicon": {"ingest", "article", "corpus", "store", "pipeline", "export", "stages", "settings"},
    "article": {"corpus", "store", "pipeline", "export"},
    "corpus": {"article", "store", "pipeline", "export"},
    "store": {"article", "corpus", "pipeline", "export"},
}


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _wrong_way(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{name} -> {target}"
        for name, targets in edges.items()
        for target in targets
        if _folder(target) in FORBIDDEN.get(_folder(name), set()) and _folder(target) != _folder(name)
    )


def test_the_arrows_between_the_folders_point_down():
    edges, _ = _graph()
    assert _wrong_way(edges) == []


def test_the_layout_check_sees_an_arrow_up():
    edges = {
        "storyline.article.quotes": {"storyline.corpus.quote_groups", "storyline.model"},
        "storyline.corpus.brief": {"storyline.model"},
    }
    assert _wrong_way(edges) == ["storyline.article.quotes -> storyline.corpus.quote_groups"]


def test_nothing_imports_the_command_line():
    edges, _ = _graph()
    assert [name for name, targets in edges.items() if "storyline.cli" in targets] == ["storyline.__main__"]


def test_no_module_takes_another_modules_private_names():
    _, imports = _graph()
    taken = [
        (name, module, imported)
        for name, found in imports.items()
        for module, names in found
        for imported in names
        if imported.startswith("_") and not imported.startswith("__")
    ]
    assert taken == []
