"""Where a grammar rule can match: the first letters of its matches, worked out from the
compiled rule itself, so that a text is scanned for word starts once and each rule is tried
only at the word starts its first letters allow.

Each of the thirty-odd rules scanning every character of every text was most of the `times`
stage. A rule's regular expression begins with a look-behind, which keeps Python's engine
from skipping ahead to the characters a match can begin with; it tries every position. Here
a rule is tried with `match` at its candidate positions, in order, each tried only past the
end of the rule's last match: the same matches `finditer` finds, as long as the candidates
hold every position a match can start at. They do: the prefixes are a superset worked out
from the parse of the pattern (a part the analysis does not know ends a prefix early, which
only admits more positions), and a stretch of text that is not plain ASCII, where case-blind
matching has exceptions, is a candidate for every rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from re import _constants as sre  # the parse tree's opcodes
from re import _parser as sre_parse

DEPTH = 4  # characters of a match's start that decide which rules are tried there
_MOST_PREFIXES = 4096  # past this many, a rule's prefixes are cut short where they are
_WIDEST_CLASS = 12  # a character class matching more ASCII characters ends a prefix
_MOST_KEYS = 1 << 16  # answers remembered per grammar

Prefix = tuple[str, bool]  # lower-cased characters; True when what follows them is not known


class _Unknown(Exception):
    """A part of a pattern the analysis does not read: the prefix ends before it."""


class RuleStarts:
    """The rules of a grammar, each with the prefixes one of which begins every match."""

    def __init__(self, patterns: tuple[re.Pattern, ...], boundary: str) -> None:
        """`boundary` is the look-behind that begins a rule tried only at word starts; a rule
        that does not begin with it is scanned everywhere, as `finditer` does."""
        self.patterns = patterns
        self.prefixes = tuple(_prefixes(p) if p.pattern.startswith(boundary) else None for p in patterns)
        first = {prefix[0] for found in self.prefixes if found is not None for prefix in found if prefix}
        if any(found is not None and "" in found for found in self.prefixes):
            ahead = "."
        else:
            ahead = "[" + "".join(re.escape(c) for c in sorted(first)) + "]|[^\\x00-\\x7f]"
        # The positions any rule's match can start at.
        self.word_start = re.compile(f"{boundary}(?={ahead})", re.I | re.S)
        self._rules: dict[str, tuple[int, ...]] = {}
        self._everywhere = tuple(i for i, found in enumerate(self.prefixes) if found is not None)
        self._by_prefix: dict[str, list[int]] = {}
        for rule, found in enumerate(self.prefixes):
            for prefix in found or ():
                self._by_prefix.setdefault(prefix, []).append(rule)

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match]]:
        """(rule index, match) of every rule, rule by rule, as each rule's `finditer` gives them."""
        candidates: list[list[int]] = [[] for _ in self.patterns]
        for found in self.word_start.finditer(text):
            position = found.start()
            key = text[position : position + DEPTH]
            rules = self._rules.get(key)
            if rules is None:
                rules = self._rules_at(key)
            for rule in rules:
                candidates[rule].append(position)
        for rule, pattern in enumerate(self.patterns):
            if self.prefixes[rule] is None:
                for match in pattern.finditer(text):
                    yield rule, match
                continue
            reached = 0
            for position in candidates[rule]:
                if position < reached:
                    continue
                match = pattern.match(text, position)
                if match is not None:
                    reached = match.end()
                    yield rule, match

    def _rules_at(self, key: str) -> tuple[int, ...]:
        """The rules worth trying where a text goes on with `key`."""
        if not key.isascii():
            rules = self._everywhere
        else:
            lowered = key.lower()
            found: set[int] = set()
            for length in range(len(lowered) + 1):
                found.update(self._by_prefix.get(lowered[:length], ()))
            rules = tuple(sorted(found))
        if len(self._rules) < _MOST_KEYS:
            self._rules[key] = rules
        return rules


def _prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-cased strings of at most DEPTH characters, one of which every match of `pattern`
    begins with (case-blind for ASCII text); None when a match may be empty."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    if tree.getwidth()[0] == 0:
        return None
    return frozenset(text for text, _ in _sequence(list(tree), DEPTH))


def _sequence(items: list, room: int) -> set[Prefix]:
    current: set[Prefix] = {("", False)}
    for op, av in items:
        if all(closed for _, closed in current):
            break
        current = _then(current, lambda left, op=op, av=av: _item(op, av, left), room)
    return current


def _then(current: set[Prefix], following, room: int) -> set[Prefix]:
    """Each open prefix of `current` followed by each prefix `following(room left)` gives."""
    result = {prefix for prefix in current if prefix[1]}
    for text, closed in current:
        if closed:
            continue
        for more, more_closed in following(room - len(text)):
            joined = text + more
            result.add((joined, more_closed or len(joined) >= room))
    if len(result) > _MOST_PREFIXES:
        return {(text, True) for text, _ in current}
    return result


def _item(op, av, room: int) -> set[Prefix]:
    if room <= 0:
        return {("", True)}
    try:
        return _known_item(op, av, room)
    except _Unknown:
        return {("", True)}


def _known_item(op, av, room: int) -> set[Prefix]:
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {("", False)}  # takes no characters; what it rules out is only admitted
    if op is sre.SUBPATTERN:
        return _sequence(list(av[3]), room)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av), room)
    if op is sre.BRANCH:
        return set().union(*(_sequence(list(branch), room) for branch in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _repeat(av[0], av[1], list(av[2]), room)
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        characters = _ascii_matches(op, av)
        if len(characters) > _WIDEST_CLASS:
            raise _Unknown
        return {(c, False) for c in characters}
    raise _Unknown


def _repeat(least: int, most: int, body: list, room: int) -> set[Prefix]:
    result: set[Prefix] = set()
    current: set[Prefix] = {("", False)}
    count = 0
    while True:
        if count >= least:
            result |= current
        if count == most or all(closed for _, closed in current):
            return result
        if count >= least + room:
            # Each further repetition only lengthens what is already DEPTH long, or repeats
            # an empty match: what follows is left unknown.
            return result | {(text, True) for text, _ in current}
        current = _then(current, lambda left: _sequence(body, left), room)
        count += 1


_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _ascii_matches(op, av) -> set[str]:
    """The ASCII characters one character of the pattern matches, ignoring case, lower-cased."""
    if op is sre.ANY:
        raise _Unknown  # any character
    if op is sre.NOT_LITERAL:
        raise _Unknown  # all but one character
    if op is sre.LITERAL:
        if av > 127:
            raise _Unknown  # a non-ASCII letter may match an ASCII one, ignoring case
        return {chr(av).lower()}
    matched = _class_of(_frozen(av))
    if matched is None:
        raise _Unknown
    return set(matched)


def _frozen(value):
    """A pattern item as nested tuples, so that its analysis can be cached by value."""
    return tuple(_frozen(v) for v in value) if isinstance(value, (list, tuple)) else value


@cache
def _class_of(items: tuple) -> frozenset[str] | None:
    """The ASCII characters a character class matches, worked out once per class (None when
    it cannot be told)."""
    try:
        return frozenset(_class_matches(list(items)))
    except _Unknown:
        return None


def _class_matches(items: list) -> set[str]:
    negated = bool(items) and items[0][0] is sre.NEGATE
    if negated:
        items = items[1:]
    found = set()
    for code in range(128):
        character = chr(code)
        if _any_matches(items, character) != negated:
            found.add(character.lower())
    return found


def _any_matches(items: list, character: str) -> bool:
    forms = {character, character.lower(), character.upper()}
    for op, av in items:
        if op is sre.LITERAL:
            if av > 127:
                raise _Unknown  # a non-ASCII letter may match an ASCII one, ignoring case
            if chr(av) in forms or chr(av).lower() in forms:
                return True
        elif op is sre.RANGE:
            if av[1] > 127:
                raise _Unknown
            if any(av[0] <= ord(form) <= av[1] for form in forms):
                return True
        elif op is sre.CATEGORY and av in _CATEGORIES:
            if re.match(_CATEGORIES[av], character):
                return True
        else:
            raise _Unknown
    return False
