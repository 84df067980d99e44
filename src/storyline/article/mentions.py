"""The mentions stage: people, organisations and places named in one article, with the titles
they carry, joined into the article's own entities.

Within an article, a short form joins the full name it stands for ("Guterres" after "Antonio
Guterres", whatever label the tagger gave it) when one person of the article carries it (of
"Joe Biden" and "Hunter Biden", a lone "Biden" joins neither unless the article's pronouns or
first names say which), each entity's type is checked against what the article says of it
(name_types.py), a title held by a named person becomes a role parsed into title and body
("Russian Foreign Minister Sergei Lavrov" is the Foreign Minister of Russia, "Energy
Secretary" a title; "Vyacheslav Volodin, chairman of ..."; "A and B, the defense ministers of
Belarus and Ukraine" one each), and a title used alone ("the secretary-general", "the Russian
president") is resolved to the person in the article who holds it. Merging across articles is the corpus step's job (entities.py); this stage
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
from storyline.article.name_types import checked_types
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
    is_honorific,
    name_key,
    personal_key,
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
            rf"^\s*,\s*(?:the\s+|a\s+|an\s+)?(?:{premodifier})?(?P<title>{titles})(?![\w-])(?:\s+(?:of|for|at|to)\s+(?:the\s+)?(?P<orgafter>[^,;.]{{2,80}}(?:,\s+the\s+[A-Z][^,;.]{{1,60}})?))?",
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
    sentence_starts = [s.start for s in annotation.sentences] or [0]
    names, groups, members = _typed(text, annotation, sentence_starts, names, groups, members)
    roles = _roles(text, annotation, sentence_starts, names, groups, members)
    entities = [LocalEntity(kind, tuple(dict.fromkeys(forms)), tuple(roles[i])) for i, (kind, forms) in enumerate(groups)]
    found = [
        NameMention(start, end, surface, NAME, group, label) for (start, end, surface, label), group in zip(names, members, strict=True)
    ]
    found += _descriptors(text, entities, names, members)
    unsexed = ArticleEntities(tuple(entities), tuple(sorted(found, key=lambda m: m.start)))
    # Whether the article calls each person "he" or "she", worked out once here for every
    # pronoun the later stages resolve.
    said = genders(text, unsexed, annotation.tokens)
    unsexed, said = _joined_by_text(unsexed, said, _shared_surnames(names), text)
    return replace(unsexed, entities=tuple(replace(e, gender=said.get(i)) for i, e in enumerate(unsexed.entities)))


def _carries(entity: LocalEntity, surname: str) -> bool:
    return any(len(words := personal_key(n).split()) > 1 and words[-1] == surname for n in entity.names)


def _called_by_first_name(entity: LocalEntity, text: str) -> bool:
    """Whether the article calls the person by the first name alone somewhere ("Laci")."""
    for name in entity.names:
        words = name.split()
        while len(words) > 2 and personal_key(" ".join(words[1:])) == personal_key(name):
            words = words[1:]  # "Mr John Smith": the first name is John
        if len(personal_key(name).split()) > 1 and len(words) > 1:
            first = words[0]
            if re.search(rf"(?<![\w'’.-]){re.escape(first)}(?![\w'’-])(?!\s+(?-i:[A-Z]))", text):
                return True
    return False


def _joined_by_text(found: ArticleEntities, said: dict[int, str], shared: set[str], text: str) -> tuple[ArticleEntities, dict[int, str]]:
    """A surname two people carry joins one of them after all when the article says which, in
    one of two ways: by its pronoun (it calls the lone surname "he" and every carrier but one
    "she"), or by the convention of news writing that, of two people who share a surname, the
    others are called by their first name ("Scott Peterson", "Laci Peterson", "Laci's
    disappearance", "Peterson was found guilty": the surname alone is Scott's)."""
    into: dict[int, int] = {}
    for index, entity in enumerate(found.entities):
        keys = {personal_key(n) for n in entity.names}
        surname = keys.pop() if len(keys) == 1 else ""
        if entity.type != "PERSON" or surname not in shared:
            continue
        carriers = [i for i, other in enumerate(found.entities) if other.type == "PERSON" and i != index and _carries(other, surname)]
        fitting = [i for i in carriers if not _called_by_first_name(found.entities[i], text)]
        if index in said:
            fitting = [i for i in fitting if said.get(i) in (None, said[index])]
        if len(fitting) == 1:
            into[index] = fitting[0]
    if not into:
        return found, said
    keep = [i for i in range(len(found.entities)) if i not in into]
    renumber = {old: new for new, old in enumerate(keep)}
    entities = []
    for old in keep:
        merged = [found.entities[old], *(found.entities[i] for i, target in into.items() if target == old)]
        names = tuple(dict.fromkeys(n for e in merged for n in e.names))
        roles = tuple(dict.fromkeys(r for e in merged for r in e.roles))
        entities.append(replace(found.entities[old], names=names, roles=roles))
    mentions = tuple(replace(m, entity=renumber[into.get(m.entity, m.entity)]) if m.entity >= 0 else m for m in found.mentions)
    return ArticleEntities(tuple(entities), mentions), {renumber[i]: g for i, g in said.items() if i in renumber}


def _roles(
    text: str,
    annotation: Annotation,
    sentence_starts: list[int],
    names: list[tuple[int, int, str, str]],
    groups: list[tuple[str, list[str]]],
    members: list[int],
) -> list[list[Role]]:
    """The roles each group holds: an organisation's kind, a person's titles."""
    roles: list[list[Role]] = [[] for _ in groups]
    shared = _plural_roles(text, names, groups, members)
    for index, ((start, end, surface, _label), group) in enumerate(zip(names, members, strict=True)):
        sentence_start = sentence_starts[bisect_right(sentence_starts, start) - 1] if start >= sentence_starts[0] else 0
        if groups[group][0] == "ORG":
            role = _institution_role(text, sentence_start, start, end, surface)
        elif groups[group][0] == "PERSON":
            role = shared.get(index) or _role_before(text[sentence_start:start]) or _role_after(text[end : end + 160], annotation, end)
        else:
            continue
        if role and role not in roles[group]:
            roles[group].append(role)
    return roles


def _plural_roles(
    text: str, names: list[tuple[int, int, str, str]], groups: list[tuple[str, list[str]]], members: list[int]
) -> dict[int, Role]:
    """Name index -> the role a plural apposition gives it: in "Viktor Khrenin and Oleksii
    Reznikov, the defense ministers of Belarus and Ukraine" each holds the singular title, of
    the country in the same place of the list (or of the one body named for all)."""
    found: dict[int, Role] = {}
    for last, (_start, end, _surface, _label) in enumerate(names):
        match = _plural_title().match(text, end)
        if not match or groups[members[last]][0] != "PERSON":
            continue
        people = [last]
        while people[0] > 0 and groups[members[people[0] - 1]][0] == "PERSON":
            between = text[names[people[0] - 1][1] : names[people[0]][0]]
            if not re.fullmatch(r",?\s+and\s+|,\s+", between):
                break
            people.insert(0, people[0] - 1)
        if len(people) < 2:
            continue
        bodies = []
        for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match.group("orgs") or ""):
            if not item[:1].isupper():
                break
            bodies.append(item)
        if len(bodies) not in (1, len(people)):
            bodies = []
        for place, index in enumerate(people):
            found[index] = _role(match.group("title"), bodies[place if len(bodies) > 1 else 0] if bodies else "")
    return found


@cache
def _plural_title() -> re.Pattern:
    """ ", the defense ministers of Belarus and Ukraine": a title in the plural after names."""
    titles = "|".join(re.escape(t) for t in sorted(load_table("entities")["titles"], key=len, reverse=True))
    return re.compile(rf"\s*,\s*(?:the\s+)?(?P<title>{titles})e?s(?![\w-])(?:\s+(?:of|for|at)\s+(?:the\s+)?(?P<orgs>[^;.]{{2,160}}))?", re.I)


def _typed(
    text: str,
    annotation: Annotation,
    sentence_starts: list[int],
    names: list[tuple[int, int, str, str]],
    groups: list[tuple[str, list[str]]],
    members: list[int],
) -> tuple[list[tuple[int, int, str, str]], list[tuple[str, list[str]]], list[int]]:
    """Each group typed by what the article says of it (name_types.py); a group the article
    says is no person, organisation or place (a bacterium) is left out with its names."""

    def titled(index: int) -> bool:
        start, end = names[index][0], names[index][1]
        sentence_start = sentence_starts[bisect_right(sentence_starts, start) - 1] if start >= sentence_starts[0] else 0
        return bool(_role_before(text[sentence_start:start]) or _role_after(text[end : end + 160], annotation, end))

    kinds = checked_types(text, annotation, names, members, groups, titled)
    keep = [group for group, kind in enumerate(kinds) if kind is not None]
    renumber = {old: new for new, old in enumerate(keep)}
    kept = [(name, renumber[group]) for name, group in zip(names, members, strict=True) if kinds[group] is not None]
    typed = [(kind, groups[group][1]) for group in keep if (kind := kinds[group])]
    return [name for name, _ in kept], typed, [group for _, group in kept]


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
        if all(fold(word) in _portfolios() for word in bare.split()) and _title_next().match(text, end):
            continue  # "Energy" of "Energy Secretary": a word of the title, not a body
        if mention.label == "PERSON":
            start = _first_name_before(text, annotation.tokens, start, end)
        found.append((start, end, text[start:end], mention.label))
    found += _untagged_people(text, annotation, found)
    found += _untagged_actors(text, annotation, found)
    return sorted(found)


def _first_name_before(text: str, tokens, start: int, end: int) -> int:
    """Where a person's name starts when the tagger took its surname alone: "Oleksii" of
    "Oleksii Reznikov", a capitalised proper noun compounded to it that no tag, title,
    portfolio or honorific claims. (Before a name of two words the word is as often a
    capitalised "Coach" or "Englishman" as a first name: left alone.)"""
    inside = token_range(tokens, start, end)
    if len(inside) != 1 or inside[0] == 0:
        return start
    before = inside[0] - 1
    word = text[tokens.start[before] : tokens.end[before]]
    if (
        tokens.pos[before] != "PROPN"
        or tokens.dep[before] not in ("compound", "flat")
        or tokens.head[before] != inside[0]
        or tokens.ent_type[before]
        or text[tokens.end[before] : start] != " "
        or not re.sub(r"['’-]", "", word).isalpha()
        or _sentence_initial(text, tokens.start[before])
        or is_honorific(word)
        or not word[:1].isupper()
        or word.isupper()
        or fold(word) in _title_words()
        or fold(word) in _portfolios()
    ):
        return start
    return tokens.start[before]


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, where a capital says nothing ("Pollster")."""
    return start == 0 or re.search(r"[.!?:\n][\"'“‘”’]?\s*$", text[max(0, start - 4) : start]) is not None


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
        if tokens.tag[i] != "NNP" or all(fold(w) in _title_words() or fold(w) in _portfolios() for w in words.split()):
            continue  # "Purposes", "Secretary General", "Energy": capitalised words, not names
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
    full name whose surname it is when one person of the article carries it (the nearest of
    that person's names when several are hers: "Joseph R. Biden", "Joseph Biden")."""
    groups: list[tuple[str, list[str]]] = []
    by_key: dict[str, int] = {}
    surnames: dict[str, list[int]] = {}
    members = []
    shared = _shared_surnames(names)
    for _start, _end, surface, label in names:
        key = personal_key(surface)
        words = key.split()
        if key in by_key:
            group = by_key[key]
        elif len(words) == 1 and surnames.get(words[0]) and words[0] not in shared:
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
        words = personal_key(surface).split()
        if len(words) == 1 and len(groups[members[index]][1]) == 1 and len(surnames.get(words[0], [])) == 1 and words[0] not in shared:
            target = surnames[words[0]][0]
            if target != members[index]:
                groups[target][1].append(surface)
                groups[members[index]][1].clear()
                members[index] = target
    return _relabelled(groups, members, names)


def _shared_surnames(names: list[tuple[int, int, str, str]]) -> set[str]:
    """Surnames that two people of the article carry ("Joe Biden", "Hunter Biden"): a lone
    "Biden" could be either, so it joins neither. A person is told by first name and surname,
    so "Joseph R. Biden" and "Joseph Biden" are one."""
    carriers: dict[str, set[str]] = {}
    for _start, _end, surface, label in names:
        words = [w for w in personal_key(surface).split() if w not in _title_words()]
        if label == "PERSON" and len(words) > 1:
            carriers.setdefault(words[-1], set()).add(words[0])
    return {surname for surname, first in carriers.items() if len(first) > 1}


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
    title, org_text = match.group("title"), (match.groupdict().get("org") or "").strip()
    if match.re is patterns.title_before:
        title, org_text = _with_portfolio(title, org_text)
    return _role(title, org_text)


def _role_after(after: str, annotation: Annotation, offset: int) -> Role | None:
    match = _patterns().title_after.match(after)
    if not match:
        return None
    title, premodifier = _with_portfolio(match.group("title"), (match.group("org") or "").strip())
    org_text = (match.group("orgafter") or premodifier).strip()
    # Of the words after "of", a named organisation is the one meant: "of Russia's lower
    # house of parliament, the State Duma" is the State Duma.
    span_end = offset + match.end()
    named = [m for m in annotation.mentions if offset <= m.start < span_end and m.label in ("ORG", "FAC")]
    if named:
        org_text = named[-1].text
    return _role(title, org_text, after=match.group("orgafter") or "")


def _with_portfolio(title: str, premodifier: str) -> tuple[str, str]:
    """The words before a title that name its portfolio or rank belong to it, the rest name
    the body it is held in: "Energy Secretary", "Vice President"; "Russian Foreign Minister"
    is the Foreign Minister of Russia."""
    words = premodifier.split()
    while words and fold(words[-1]) in _portfolios():
        title = f"{words.pop()} {title}"
    return title, " ".join(words)


@cache
def _title_next() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in sorted(load_table("entities")["titles"], key=len, reverse=True))
    return re.compile(rf"\s+(?:{titles})(?![\w-])", re.I)


@cache
def _portfolios() -> frozenset[str]:
    return frozenset(fold(word) for word in load_table("entities")["portfolios"])


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
        role = _role(*_with_portfolio(match.group("title"), match.group("org") or ""))
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
