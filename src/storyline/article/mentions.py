"""The mentions stage: people, organisations and places named in one article, with the titles
they carry, joined into the article's own entities.

Within an article, a short form joins the full name it stands for ("Guterres" after "Antonio
Guterres", whatever label the tagger gave it), a title held by a named person becomes a role
("Russian Foreign Minister Sergei Lavrov", "Vyacheslav Volodin, chairman of ..."), and a title
used alone ("the secretary-general", "the Russian president") is resolved to the person in the
article who holds it. Merging across articles is the corpus step's job (entities.py); this stage
sees one article only.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from storyline.article.gender import genders
from storyline.article.tokens import parsed, token_range
from storyline.lexicon import load_table
from storyline.lexicon.names import (
    canonical_alias,
    city_country,
    country_code,
    country_in,
    country_name,
    fold,
    is_country,
    name_key,
    strip_possessive,
)
from storyline.lexicon.places import city_not_person
from storyline.lexicon.positions import Coverage
from storyline.lexicon.roles import TitleHolders, resolve_descriptor, title_synonyms
from storyline.model import DESCRIPTOR, NAME, NAMED_TYPES, Annotation, ArticleEntities, CleanText, Document, LocalEntity, NameMention, Role
from storyline.settings import Settings
from storyline.stages import register_stage


@dataclass(frozen=True)
class _Patterns:
    title_before: re.Pattern
    title_for_before: re.Pattern
    title_after: re.Pattern
    descriptor: re.Pattern
    institution_nouns: dict[str, str]  # "lower house" -> "parliament"
    institution: re.Pattern  # "the parliament", "the Russian government"
    kind_anywhere: re.Pattern  # "Ministry of Defense of Belarus"
    kind_at_end: re.Pattern  # "... lower house of parliament" (before ", the State Duma")
    kind_after: re.Pattern  # ", the lower house of the Parliament,"


@cache
def _patterns() -> _Patterns:
    table = load_table("entities")
    titles = "|".join(re.escape(t) for t in sorted(table["titles"], key=len, reverse=True))
    all_titles = titles + "|" + "|".join(re.escape(t) for t in title_synonyms())
    nouns = {fold(noun): kind for kind, listed in table["institutions"].items() for noun in listed}
    kinds = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(nouns, key=len, reverse=True))
    premodifier = r"(?P<org>(?:(?-i:[A-Z])[\w.'’-]*(?:\s+|$)){1,3}?)"
    return _Patterns(
        # "Russian Foreign Minister ", "UN Secretary-General ", "Kremlin spokesman "
        title_before=re.compile(rf"(?:{premodifier})?(?P<title>{titles})\s*,?\s*$", re.I),
        # "Spokesman for the Secretary-General of the United Nations, "
        title_for_before=re.compile(rf"(?P<title>{titles})\s+(?:for|of|at)\s+(?:the\s+)?(?P<org>[^,;]{{2,80}}),\s*$", re.I),
        # ", chairman of Russia's lower house of parliament, the State Duma"
        title_after=re.compile(
            rf"^\s*,\s*(?:the\s+|a\s+|an\s+)?(?:{premodifier})?(?P<title>{titles})(?:\s+(?:of|for|at|to)\s+(?:the\s+)?(?P<orgafter>[^,;.]{{2,80}}(?:,\s+the\s+[A-Z][^,;.]{{1,60}})?))?",
            re.I,
        ),
        descriptor=re.compile(
            rf"\b(?:the|The)\s+(?:(?P<org>(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*)?)\s+)?(?P<title>{all_titles})\b(?!\s+(?-i:[A-Z]))",
            re.I,
        ),
        institution_nouns=nouns,
        institution=re.compile(rf"\b(?:the|its)\s+(?:(?P<org>(?-i:[A-Z])[\w.'’-]*)\s+)?(?P<kind>{kinds})\b(?!\s+(?-i:[A-Z]))", re.I),
        kind_anywhere=re.compile(rf"\b(?P<kind>{kinds})\b", re.I),
        kind_at_end=re.compile(rf"\b(?P<kind>{kinds})(?:\s+of\s+(?:the\s+)?[\w'’-]+)?\s*$", re.I),
        kind_after=re.compile(
            rf"^\s*,\s*(?:the|its|a|an)\s+(?P<words>[^,;.()]{{0,60}}?)\b(?P<kind>{kinds})(?:\s+of\s+(?:the\s+)?[\w'’-]+)?\s*(?:[,.;)]|$)",
            re.I,
        ),
    )


@register_stage("mentions", result_type=ArticleEntities, needs=("clean", "annotate"))
def mentions(document: Document, upstream: Mapping[str, object], settings: Settings) -> ArticleEntities:
    cleaned = upstream["clean"]
    annotation = upstream["annotate"]
    assert isinstance(cleaned, CleanText) and isinstance(annotation, Annotation)
    return find_entities(cleaned.text, annotation)


def find_entities(text: str, annotation: Annotation) -> ArticleEntities:
    annotation = replace(annotation, tokens=parsed(annotation.tokens))
    names = _name_mentions(text, annotation)
    names = sorted(names + _repeated_names(text, names))
    groups, members = _group(names)
    roles: list[list[Role]] = [[] for _ in groups]
    sentence_starts = [s.start for s in annotation.sentences] or [0]
    for (start, end, surface, _label), group in zip(names, members, strict=True):
        sentence_start = sentence_starts[bisect_right(sentence_starts, start) - 1] if start >= sentence_starts[0] else 0
        if groups[group][0] == "ORG":
            role = _institution_role(text, sentence_start, start, end, surface)
        elif groups[group][0] == "PERSON":
            role = _role_before(text[sentence_start:start]) or _role_after(text[end : end + 160], annotation, end)
        else:
            continue
        if role and role not in roles[group]:
            roles[group].append(role)
    entities = [LocalEntity(kind, tuple(dict.fromkeys(forms)), tuple(roles[i])) for i, (kind, forms) in enumerate(groups)]
    found = [
        NameMention(start, end, surface, NAME, group, label) for (start, end, surface, label), group in zip(names, members, strict=True)
    ]
    found += _descriptors(text, entities, names, members)
    unsexed = ArticleEntities(tuple(entities), tuple(sorted(found, key=lambda m: m.start)))
    # Whether the article calls each person "he" or "she", worked out once here for every
    # pronoun the later stages resolve.
    said = genders(text, unsexed, annotation.tokens)
    return replace(unsexed, entities=tuple(replace(e, gender=said.get(i)) for i, e in enumerate(unsexed.entities)))


def _name_mentions(text: str, annotation: Annotation) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, label) of every name, "the" and possessive endings left out."""
    found = []
    for mention in annotation.mentions:
        if mention.label not in NAMED_TYPES or (mention.label == "NORP" and _modifier(annotation.tokens, mention.start, mention.end)):
            continue  # "European leaders": a kind of leader, not a group named
        start, end = mention.start, mention.end
        surface = text[start:end]
        if surface[:4].lower() == "the ":
            start, surface = start + 4, surface[4:]
        bare = strip_possessive(surface)
        end = start + len(bare)
        if not bare.strip() or (country_code(bare) and fold(bare) in load_table("entities")["demonyms"]):
            continue
        if fold(bare) in load_table("entities")["generic_names"]:
            continue  # "Embassy", "State": a capitalised common noun, not a name
        found.append((start, end, bare, mention.label))
    found += _untagged_people(text, annotation, found)
    found += _untagged_actors(text, annotation, found)
    return sorted(found)


def _modifier(tokens, start: int, end: int) -> bool:
    inside = token_range(tokens, start, end)
    return not len(inside) or tokens.pos[inside[-1]] == "ADJ" or tokens.dep[inside[-1]] in ("amod", "compound", "nmod", "poss")


def _untagged_people(text: str, annotation: Annotation, tagged: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Two or three capitalised proper nouns the tagger missed, standing where a person's name
    stands: after a title or after a country's possessive ("Ukraine's Dmitro Kuleba")."""
    tokens = annotation.tokens
    covered = Coverage(len(text), ((s, e) for s, e, _, _ in tagged))
    found = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens.pos[j] == "PROPN" and text[tokens.start[j]].isupper() and j - i < 3:
            j += 1
        if j - i >= 2:
            start, end = tokens.start[i], tokens.end[j - 1]
            before = text[max(0, start - 80) : start]
            cue = (_may_end_in_title(before) and _patterns().title_before.search(before)) or (
                before.rstrip().endswith(("'s", "’s")) and re.search(r"[A-Z][\w]+['’]s\s+$", before)
            )
            if cue and not covered.overlaps(start, end):
                found.append((start, end, text[start:end], "PERSON"))
        i = max(j, i + 1)
    return found


_CALENDAR = frozenset(name.lower() for name in (*calendar.day_name, *calendar.month_name) if name)
_ACTOR_ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos")


@cache
def _title_words() -> frozenset[str]:
    table = load_table("entities")
    words = {w for title in table["titles"] for w in fold(title).replace("-", " ").split()}
    return frozenset(words | {fold(w) for w in table["generic_names"]})


def _untagged_actors(text: str, annotation: Annotation, tagged: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Proper nouns the tagger missed where an actor or a target stands ("Arnor is about to
    restore ties", "met Gondor's envoy"): the small model misses many names it has not seen,
    and an event needs its actor named."""
    tokens = annotation.tokens
    covered = Coverage(len(text), [(s, e) for s, e, _, _ in tagged] + [(m.start, m.end) for m in annotation.mentions])
    found = []
    for i in range(len(tokens)):
        if tokens.pos[i] != "PROPN" or tokens.dep[i] not in _ACTOR_ROLES or not text[tokens.start[i]].isupper():
            continue
        first = i
        while first > 0 and i - first < 2 and tokens.pos[first - 1] == "PROPN" and tokens.dep[first - 1] in ("compound", "flat"):
            first -= 1
        start, end = tokens.start[first], tokens.end[i]
        words = text[start:end]
        if covered.overlaps(start, end) or fold(words) in _CALENDAR or not words.replace(" ", "").isalpha():
            continue
        if tokens.tag[i] != "NNP" or all(fold(w) in _title_words() for w in words.split()):
            continue  # "Purposes", "Secretary General": capitalised words, not names
        found.append((start, end, words, "ORG"))
        covered.add(start, end)
    return found


def _repeated_names(text: str, names: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Names the tagger found once but missed elsewhere in the same article (it often misses a
    surname that opens a sentence): every other occurrence of a person's full name or surname."""
    covered = Coverage(len(text), ((s, e) for s, e, _, _ in names))
    forms: dict[str, str] = {}
    for _start, _end, surface, label in names:
        if label == "PERSON" and len(surface.split()) > 1:
            forms[surface] = label
            surname = surface.split()[-1]
            if len(surname) > 3:
                forms.setdefault(surname, label)
    found = []
    at = _whole_word_occurrences(text, list(forms))
    for form, label in sorted(forms.items(), key=lambda item: -len(item[0])):
        for start in at[form]:
            if not covered.overlaps(start, start + len(form)):
                found.append((start, start + len(form), form, label))
                covered.add(start, start + len(form))
    return found


_WORD = re.compile(r"\w+")
_WORDISH = re.compile(r"[\w-]")


def _whole_word_occurrences(text: str, forms: list[str]) -> dict[str, list[int]]:
    """Form -> where it stands in the text as whole words (no word character or hyphen right
    before or after), in text order. The text is read once for the words forms start with, not
    once for each form: an article's names grow with its length."""
    firsts = {form: found.group() for form in forms if (found := _WORD.match(form))}
    runs: dict[str, list[int]] = {word: [] for word in firsts.values()}
    for match in _WORD.finditer(text):
        if match.group() in runs:
            runs[match.group()].append(match.start())
    at = {}
    for form in forms:
        if form not in firsts:
            at[form] = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)]
            continue
        end = len(form)
        at[form] = [
            start
            for start in runs[firsts[form]]
            if text.startswith(form, start)
            and (start == 0 or text[start - 1] != "-")
            and (start + end == len(text) or not _WORDISH.match(text, start + end))
        ]
    return at


def _group(names: list[tuple[int, int, str, str]]) -> tuple[list[tuple[str, list[str]]], list[int]]:
    """Join the mentions of one article into entities: by name key, and a single word to the
    full name whose surname it is (the nearest one before it when several share it)."""
    groups: list[tuple[str, list[str]]] = []
    by_key: dict[str, int] = {}
    surnames: dict[str, list[int]] = {}
    members = []
    for _start, _end, surface, label in names:
        key = name_key(surface)
        words = key.split()
        if key in by_key:
            group = by_key[key]
        elif len(words) == 1 and surnames.get(words[0]):
            group = surnames[words[0]][-1]
        else:
            group = len(groups)
            groups.append((label, []))
            by_key[key] = group
        if len(words) > 1 and groups[group][0] == "PERSON":
            surnames.setdefault(words[-1], []).append(group)
        groups[group][1].append(surface)
        members.append(group)
    # A single word seen before its full name ("Zelensky" in a headline) joins it afterwards.
    for index, (_start, _end, surface, _label) in enumerate(names):
        words = name_key(surface).split()
        if len(words) == 1 and len(groups[members[index]][1]) == 1 and len(surnames.get(words[0], [])) == 1:
            target = surnames[words[0]][0]
            if target != members[index]:
                groups[target][1].append(surface)
                groups[members[index]][1].clear()
                members[index] = target
    return _relabelled(groups, members, names)


def _relabelled(
    groups: list[tuple[str, list[str]]], members: list[int], names: list[tuple[int, int, str, str]]
) -> tuple[list[tuple[str, list[str]]], list[int]]:
    """Drop emptied groups and give each the label most of its mentions carry (full names
    count double: the tagger often calls a lone surname an organisation), or a person's when
    they are a person's full name and its surname."""
    keep = [i for i, (_, forms) in enumerate(groups) if forms]
    renumber = {old: new for new, old in enumerate(keep)}
    votes: list[dict[str, int]] = [{} for _ in keep]
    labelled: list[list[tuple[str, str]]] = [[] for _ in keep]
    for (_s, _e, surface, label), group in zip(names, members, strict=True):
        weight = 2 if len(surface.split()) > 1 else 1
        votes[renumber[group]][label] = votes[renumber[group]].get(label, 0) + weight
        labelled[renumber[group]].append((surface, label))
    named = {code for _label, forms in groups for form in forms if is_country(form) and (code := country_code(form))}
    relabelled = []
    for vote, old, mentions in zip(votes, keep, labelled, strict=True):
        label = "PERSON" if _surnames_of_a_person(mentions) else max(vote, key=lambda k: (vote[k], k == "PERSON"))
        forms = groups[old][1]
        if all(len(f.split()) == 1 for f in forms) and _lone_city(label, forms[0], named):
            label = "GPE"  # "Kyiv" tagged as a person: a gazetteer knows better
        relabelled.append((label, forms))
    return relabelled, [renumber[m] for m in members]


def _lone_city(label: str, name: str, named_countries: set[str]) -> bool:
    """A lone name the tagger called an organisation is a city when any city has it; one it
    called a person only when a large city in a country the article names does ("Donetsk" in a
    report on Ukraine), so that "Obama" and "Bush" never become the towns that share them."""
    if label == "ORG":
        return city_country(name) is not None
    return label == "PERSON" and city_not_person(name, named_countries)


def _surnames_of_a_person(mentions: list[tuple[str, str]]) -> bool:
    """A full name tagged as a person, and nothing else but its surname: a person, however many
    times the tagger called the lone surname an organisation ("Loretta E. Lynch" once, then
    "Lynch" tagged ORG ten times)."""
    full = {name_key(surface) for surface, label in mentions if label == "PERSON" and len(name_key(surface).split()) > 1}
    surnames = {key.split()[-1] for key in full}
    return bool(full) and all(name_key(surface) in full or name_key(surface) in surnames for surface, _ in mentions)


@cache
def _title_endings() -> tuple[str, ...]:
    return tuple(sorted({title.split(" ")[-1].lower() for title in load_table("entities")["titles"]}))


def _may_end_in_title(before: str) -> bool:
    """Whether `before` may end in a title (and a comma and spaces at most), as `title_before`
    asks: a cheap test that spares most names that pattern, which tries every position of the
    text for every title."""
    tail = before.rstrip()
    if tail.endswith(","):
        tail = tail[:-1].rstrip()
    return tail.lower().endswith(_title_endings())


def _role_before(before: str) -> Role | None:
    patterns = _patterns()
    match = (before.rstrip().endswith(",") and patterns.title_for_before.search(before)) or (
        _may_end_in_title(before) and patterns.title_before.search(before)
    )
    if not match:
        return None
    org_text = (match.groupdict().get("org") or "").strip()
    return _role(match.group("title"), org_text)


def _role_after(after: str, annotation: Annotation, offset: int) -> Role | None:
    match = _patterns().title_after.match(after)
    if not match:
        return None
    org_text = (match.group("orgafter") or match.group("org") or "").strip()
    # Of the words after "of", a named organisation is the one meant: "of Russia's lower
    # house of parliament, the State Duma" is the State Duma.
    span_end = offset + match.end()
    named = [m for m in annotation.mentions if offset <= m.start < span_end and m.label in ("ORG", "FAC")]
    if named:
        org_text = named[-1].text
    return _role(match.group("title"), org_text, after=match.group("orgafter") or "")


def _role(title: str, org_text: str, after: str = "") -> Role:
    words = [w for w in re.split(r"\s+", org_text) if w]
    # Premodifiers such as "visiting" or "his" are not organisations.
    modifiers = set(load_table("entities")["title_modifiers"])
    while words and (not (words[0][:1].isupper() or words[0].lower() in ("u.s.", "u.n.")) or fold(words[0]) in modifiers):
        words = words[1:]
    org_text = " ".join(words)
    org = None
    country = None
    if org_text:
        bare = re.sub(r"^the\s+", "", strip_possessive(org_text), flags=re.I)
        country = country_code(bare)
        alias = canonical_alias(bare) or _alias_inside(bare)
        if alias:
            org = alias
            country = country or country_code(alias)
        elif country and fold(bare) in load_table("entities")["demonyms"]:
            org = country_name(country)
        else:
            org = bare
    if country is None and after:
        possessive = re.match(r"\s*([A-Z][\w.]+)['’]s\b", after)
        if possessive:
            country = country_code(possessive.group(1))
    return Role(title, org, country)


def _institution_role(text: str, sentence_start: int, start: int, end: int, surface: str) -> Role | None:
    """What an organisation is, from its own name ("the Defence Ministry") or a phrase in
    apposition to it ("Russia's lower house of parliament, the State Duma"; "the State Duma,
    the lower house of the Parliament,"). An apposition is only read when the name stands
    alone between commas: in "the head of the army, the Kremlin said" the army is not the
    Kremlin."""
    patterns = _patterns()
    own = list(patterns.kind_anywhere.finditer(surface))
    phrase = surface if own else None
    kind = _kind_of(own[-1]) if own else None
    if kind is None:
        before = text[sentence_start:start]
        opening = re.search(r",\s*(?:the\s+)?$", before)
        closes = re.match(r"\s*(?:[,.;)]|$)", text[end : end + 2])
        if opening and closes:
            chunk = re.split(r"[,;(]", before[: opening.start()])[-1]
            found = patterns.kind_at_end.search(chunk)
            if found:
                phrase, kind = chunk, _kind_of(found)
    if kind is None:
        found = patterns.kind_after.match(text[end : end + 120])
        if found:
            phrase, kind = found.group(0), _kind_of(found)
    if kind is None:
        return None
    possessive = re.search(r"\b([A-Z][\w.]+)['’]s\b", phrase or "")
    country = (country_code(possessive.group(1)) if possessive else None) or country_in(surface)
    if country is None and phrase and phrase != surface:
        country = next((c for word in re.findall(r"\b[A-Z][\w.]+", phrase) if (c := country_code(word))), None)
    return Role(kind, None, country)


def _kind_of(match: re.Match) -> str:
    """The institution kind a matched noun names ("lower  house" -> "parliament")."""
    return _patterns().institution_nouns[fold(" ".join(match.group("kind").split()))]


def _alias_inside(text: str) -> str | None:
    """The known organisation named inside a longer phrase: "the Secretary-General of the
    United Nations" -> "United Nations" (the last one named, the most general)."""
    words = text.split()
    for length in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - length, -1, -1):
            alias = canonical_alias(" ".join(words[start : start + length]))
            if alias:
                return alias
    return None


def _descriptors(text: str, entities: list[LocalEntity], names: list[tuple[int, int, str, str]], members: list[int]) -> list[NameMention]:
    """ "the secretary-general", "the Russian president": titles used in place of a name,
    resolved to the person in the article who holds them, the last one named if several do
    (or left to the corpus step)."""
    patterns = _patterns()
    # A title may contain an organisation's name ("the UN Secretary-General"), never a person's.
    named = Coverage(len(text), ((s, e) for (s, e, _, _), group in zip(names, members, strict=True) if entities[group].type == "PERSON"))
    holders = TitleHolders(entities)
    found = []
    recency = _Recency(names, members)
    for match in patterns.descriptor.finditer(text):
        start, end = match.start(), match.end()
        if named.overlaps(start, end):
            continue
        role = _role(match.group("title"), match.group("org") or "")
        entity = resolve_descriptor(role, holders, title_synonyms(), recency.before(start))
        found.append(NameMention(start, end, text[start:end], DESCRIPTOR, entity, match.group("title"), role))
    every_name = Coverage(len(text), ((s, e) for s, e, _, _ in names))
    recency = _Recency(names, members)
    for match in patterns.institution.finditer(text):
        start, end = match.start(), match.end()
        if every_name.overlaps(start, end):
            continue  # "the Russian Defence Ministry" is a name, not a noun standing for one
        kind = _kind_of(match)
        modifier = match.group("org")
        role = Role(kind, None, country_code(modifier) if modifier else None)
        entity = resolve_descriptor(role, holders, title_synonyms(), recency.before(start))
        # Only the article says which parliament "the parliament" is: never left to the corpus.
        if entity >= 0:
            found.append(NameMention(start, end, text[start:end], DESCRIPTOR, entity, kind, role))
    return found


class _Recency:
    """Entity index -> offset of its last name before a position, for positions asked in text
    order: kept up to date by reading the (sorted) names once, not all of them at each title."""

    def __init__(self, names: list[tuple[int, int, str, str]], members: list[int]) -> None:
        self._names = names
        self._members = members
        self._next = 0
        self._last: dict[int, int] = {}

    def before(self, position: int) -> dict[int, int]:
        while self._next < len(self._names) and self._names[self._next][0] < position:
            self._last[self._members[self._next]] = self._names[self._next][0]
            self._next += 1
        return self._last
