"""The corpus step for entities: the article-level entities of every article merged into one
canonical entity per real-world person, organisation and place.

Merging is by name key (names.py), so it is a dictionary lookup per entity, never a comparison
of every pair: the same key joins "António Guterres" and "Antonio Guterres", a lone surname
joins the one full name in the corpus that ends with it (and stays apart when two do), and a
title used alone is resolved to the one holder of that role in the corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from storyline.corpus.disjoint import DisjointSets
from storyline.lexicon.actor_codes import actor_code
from storyline.lexicon.names import (
    canonical_alias,
    city_country,
    country_code,
    country_in,
    fold,
    is_country,
    name_key,
    personal_key,
    preferred_spelling,
)
from storyline.lexicon.places import city_not_person
from storyline.lexicon.roles import institution_kinds, resolve_descriptor, role_label, title_synonyms
from storyline.model import DESCRIPTOR, ArticleEntities, Entity, LocalEntity, Role, Span

# A title held by more entities than this cannot be resolved by the corpus alone, nor a
# surname carried by more people than this.
MAX_HOLDERS = 25


def resolve_entities(articles: dict[str, ArticleEntities]) -> tuple[Entity, ...]:
    """One entity per real-world referent, with every mention in every article."""
    union: DisjointSets[tuple[str, int]] = DisjointSets()
    by_key: dict[str, tuple[str, int]] = {}
    locals_: dict[tuple[str, int], LocalEntity] = {}
    for article, found in articles.items():
        for index, local in enumerate(found.entities):
            item = (article, index)
            locals_[item] = local
            union.find(item)
            for name in _joining_names(local):
                key = name_key(name)
                if key in by_key:
                    union.union(item, by_key[key])
                else:
                    by_key[key] = item
    _join_middle_names(locals_, union)
    _join_surnames(locals_, union)
    groups: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for item in locals_:
        groups[union.find(item)].append(item)
    members_of = list(groups.values())
    mentions_of: dict[tuple[str, int], list] = defaultdict(list)
    for article, found in articles.items():
        for mention in found.mentions:
            mentions_of[(article, mention.entity)].append(mention)
    named = _named_countries(locals_)
    entities = [_entity(members, locals_, mentions_of, named) for members in members_of]
    roles = [_roles(members, locals_) for members in members_of]
    entities = _with_descriptors(entities, roles, articles)
    return tuple(sorted(_unique_ids(entities), key=lambda e: (-len(e.mentions), e.name)))


def _joining_names(local: LocalEntity) -> list[str]:
    """The names an article's entity is merged under. A person's lone surname beside the full
    name is not one: "Biden" of an article that names only Hunter Biden would otherwise join
    him to every Joe Biden who is also called "Biden"; a surname alone is joined by
    _join_surnames, and only to the one person in the corpus who carries it."""
    if local.type != "PERSON":
        return list(local.names)
    full = [personal_key(n).split() for n in local.names if len(personal_key(n).split()) > 1]
    parts = {words[-1] for words in full} | {words[0] for words in full}
    return [n for n in local.names if len(personal_key(n).split()) > 1 or personal_key(n) not in parts] or list(local.names)


def _named_countries(locals_: dict[tuple[str, int], LocalEntity]) -> dict[str, set[str]]:
    """Article -> the countries (ISO alpha-3) it names, the context a lone name is read in."""
    named: dict[str, set[str]] = defaultdict(set)
    for (article, _index), local in locals_.items():
        if local.type in ("GPE", "LOC"):
            named[article] |= {code for name in local.names if is_country(name) and (code := country_code(name))}
    return named


def _roles(members: list[tuple[str, int]], locals_: dict[tuple[str, int], LocalEntity]) -> list[Role]:
    held: dict[Role, None] = {}  # in the order first held
    for item in members:
        held.update(dict.fromkeys(locals_[item].roles))
    return list(held)


def _join_middle_names(locals_: dict[tuple[str, int], LocalEntity], union: DisjointSets) -> None:
    """A full name joins the one person in the corpus named with the same words and a middle
    name or initial more ("Dirk Kempthorne", "Dirk A. Kempthorne"; "Ka'loni Flynn", "Ka'Loni
    Marie Flynn"); with two such people ("George W. Bush", "George H. W. Bush") it joins
    neither."""
    longer: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[str, int]]]] = defaultdict(list)
    for item, local in locals_.items():
        if local.type == "PERSON":
            for name in local.names:
                words = tuple(personal_key(name).split())
                if len(words) > 2:
                    longer[(words[0], words[-1])].append((words, union.find(item)))
    for item, local in locals_.items():
        if local.type != "PERSON":
            continue
        for name in local.names:
            words = personal_key(name).split()
            if len(words) < 2 or len(name.split()) != 2:
                continue  # a first name and a surname, no middle of its own ("George W. Bush")
            holders = {union.find(h) for fuller, h in longer.get((words[0], words[-1]), ()) if len(fuller) > len(words) and _within(words, fuller)}
            if len(holders) == 1:
                union.union(item, holders.pop())
                break


def _within(words: list[str], fuller: tuple[str, ...]) -> bool:
    """Whether `words` are `fuller` with words left out, in the same order."""
    rest = iter(fuller)
    return all(word in rest for word in words)


def _join_surnames(locals_: dict[tuple[str, int], LocalEntity], union: DisjointSets) -> None:
    """A name of one word joins the one full name in the corpus that ends with it, or, when no
    full name ends with it, the one that starts with it: Chinese and Korean names put the family
    name first ("Xi" is Xi Jinping), and a first name alone names the one person who has it.
    When several people carry the name, it joins the one its pronoun fits (a "he" never joins
    a person only ever called "she"), else the one whose articles name most of what its own
    article names (another "Bush" than the one of the football reports), and none when that
    does not tell them apart or its own article names two of them."""
    by_last: dict[str, set[tuple[str, int]]] = defaultdict(set)
    by_first: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for item, local in locals_.items():
        if local.type == "PERSON":
            for name in local.names:
                words = personal_key(name).split()
                if len(words) > 1:
                    by_last[words[-1]].add(union.find(item))
                    by_first[words[0]].add(union.find(item))
    context = _Context(locals_, union, by_first)
    for item, local in locals_.items():
        if local.type in ("GPE", "LOC") and any(is_country(n) or city_country(n) for n in local.names):
            continue  # "Washington" the city never joins a person called Washington
        if all(len(personal_key(n).split()) == 1 for n in local.names):
            keys = {personal_key(n) for n in local.names}
            holders = {h for key in keys for h in by_last.get(key, ())}
            if not holders:
                holders = {h for key in keys for h in by_first.get(key, ())}
            if len(holders) > 1:
                holders = context.fitting(item[0], local, holders)
            chosen = holders.pop() if len(holders) == 1 else context.closest(item[0], holders, keys)
            if chosen is not None:
                union.union(item, chosen)


class _Context:
    """What each article names, and in which articles each person already merged appears: the
    context that tells apart two people of one surname."""

    def __init__(self, locals_: dict[tuple[str, int], LocalEntity], union: DisjointSets, by_first: dict[str, set[tuple[str, int]]]) -> None:
        self.keys: dict[str, set[str]] = defaultdict(set)  # article -> name keys
        self.articles_of: dict[tuple[str, int], set[str]] = defaultdict(set)  # root -> articles
        self.genders: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)  # root -> "he", "she"
        self.first_names: dict[tuple[str, int], set[str]] = defaultdict(set)  # root -> first names
        self.named_with: dict[tuple[str, int], set[str]] = {}  # root -> name keys of its articles
        for (article, index), local in locals_.items():
            self.articles_of[union.find((article, index))].add(article)
            if local.gender:
                self.genders[union.find((article, index))][local.gender] += 1
            for name in local.names:
                self.keys[article].add(name_key(name))
        for first, roots in by_first.items():
            for root in roots:
                self.first_names[root].add(first)

    def fitting(self, article: str, local: LocalEntity, holders: set[tuple[str, int]]) -> set[tuple[str, int]]:
        """The holders a lone surname may be: not one its article calls by the first name alone
        ("Laci" beside "Peterson"), not one the corpus mostly calls by the other pronoun."""
        found = {h for h in holders if not self.first_names[h] & self.keys[article]}
        if local.gender:
            found = {h for h in found if self._gender(h) in (None, local.gender)}
        return found or holders

    def _named_with(self, root: tuple[str, int]) -> set[str]:
        """Every name key of the articles a person appears in (worked out once per person)."""
        if root not in self.named_with:
            self.named_with[root] = set().union(*(self.keys[a] for a in self.articles_of[root]))
        return self.named_with[root]

    def _gender(self, root: tuple[str, int]) -> str | None:
        said = self.genders[root].most_common(2)
        return said[0][0] if said and (len(said) == 1 or said[0][1] > said[1][1]) else None

    def closest(self, article: str, holders: set[tuple[str, int]], own: set[str]) -> tuple[str, int] | None:
        if len(holders) > MAX_HOLDERS:
            return None  # a surname of dozens of people: no context tells one of them
        named_here = [h for h in holders if article in self.articles_of[h]]
        if named_here:
            return named_here[0] if len(named_here) == 1 else None
        here = self.keys[article] - own
        shared = [(len(here & self._named_with(holder)), holder) for holder in holders]
        shared.sort(reverse=True)
        if not shared or shared[0][0] == 0 or shared[0][0] == shared[1][0]:
            return None
        return shared[0][1]


def _entity(
    members: list[tuple[str, int]],
    locals_: dict[tuple[str, int], LocalEntity],
    mentions_of: dict[tuple[str, int], list],
    named: dict[str, set[str]],
) -> Entity:
    forms: Counter[str] = Counter()
    types: Counter[str] = Counter()
    held: dict[Role, None] = {}  # in the order first held (a dict: a person may hold a role in thousands of articles)
    spans = []
    for article, index in members:
        local = locals_[(article, index)]
        types[local.type] += len(local.names)
        held.update(dict.fromkeys(local.roles))
        for mention in mentions_of[(article, index)]:
            spans.append(Span(article, mention.start, mention.end))
            if mention.kind != DESCRIPTOR:
                forms[mention.text] += 1
    roles = list(held)
    institutions = institution_kinds()
    # A person's title makes a person; "parliament" is what an organisation is.
    kind = "PERSON" if any(r.title not in institutions for r in roles) else types.most_common(1)[0][0]
    name = _canonical_name(forms)
    aliases = tuple(sorted({f for f in forms if f != name}))
    if not roles and all(len(f.split()) == 1 for f in forms) and _lone_city(kind, name, {c for a, _ in members for c in named[a]}):
        # The tagger calls "Donetsk" a person and "Mariupol" an organisation; a gazetteer knows.
        kind = "GPE"
    country = _country(kind, name, roles)
    labels = tuple(dict.fromkeys(role_label(role) for role in _distinct_roles(roles)))
    spans = tuple(sorted(spans, key=lambda s: (s.article, s.start)))
    return Entity("", name, kind, aliases, labels, country, spans, actor_code(kind, name, roles, country))


def _lone_city(kind: str, name: str, named_countries: set[str]) -> bool:
    """An organisation's lone name is a city when any city has it; a person's only when a large
    city in a country its articles name does: "Obama" never becomes the Japanese town, nor
    takes its country."""
    if kind == "ORG":
        return city_country(name) is not None
    return kind == "PERSON" and city_not_person(name, named_countries)


def _distinct_roles(roles: list[Role]) -> list[Role]:
    """One role per title: "Secretary-General", "Secretary General of United Nations" and
    "Secretary-General of the United Nations" are one role, told with its organisation."""
    best: dict[str, Role] = {}
    for role in roles:
        key = re.sub(r"[\s-]+", " ", fold(role.title))
        held = best.get(key)
        if held is None or (role.org and not held.org) or (role.country and not held.country and role.org == held.org):
            best[key] = role
    return list(best.values())


# The share of the commonest spelling's count a spelling needs to be the name (1 in NAME_SHARE).
NAME_SHARE = 20


def _canonical_name(forms: Counter[str]) -> str:
    """The fullest correct spelling: the longest name; of its spellings, one with the
    diacritics any source used, else the preferred transliteration, else the commonest."""
    alias = next((canonical_alias(f) for f in forms if canonical_alias(f)), None)
    if alias:
        return alias
    # A spelling the sources use often enough to be the entity's name: a form that turns up once
    # among hundreds ("Los Hijos de Trump", joined to Trump through his surname) is not one.
    common = max(forms.values())
    usual = Counter({f: n for f, n in forms.items() if n * NAME_SHARE >= common}) or forms
    longest = max(len(name_key(f).split()) for f in usual)
    candidates = [f for f in usual if len(name_key(f).split()) == longest]

    def rank(form: str) -> tuple:
        accented = form != fold(form).title() and any(ord(c) > 127 for c in form)
        preferred = all(preferred_spelling(w) for w in form.split()) and any(preferred_spelling(w) for w in form.split())
        return (accented, preferred, forms[form], form[:1].isupper(), -len(form))

    return max(candidates, key=rank)


def _country(kind: str, name: str, roles: list[Role]) -> str | None:
    countries = Counter(r.country for r in roles if r.country)
    if kind in ("PERSON", "ORG") and countries:
        return countries.most_common(1)[0][0]
    if kind == "PERSON":
        return None
    if kind == "ORG":
        return country_in(name)
    return country_code(name) or (city_country(name) if kind in ("GPE", "LOC") else None)


def _with_descriptors(entities: list[Entity], roles: list[list[Role]], articles: dict[str, ArticleEntities]) -> list[Entity]:
    """Titles an article could not resolve go to the one entity in the corpus that holds them.
    Holders are looked up by title, so each descriptor is compared with a handful of entities."""
    synonyms = _title_synonyms()
    by_title: dict[str, list[int]] = defaultdict(list)
    for index, held in enumerate(roles):
        for title in {fold(role.title) for role in held}:
            by_title[title].append(index)
    extra: dict[int, list[Span]] = defaultdict(list)
    for article, found in articles.items():
        for mention in found.mentions:
            if mention.kind != DESCRIPTOR or mention.entity != -1 or mention.role is None:
                continue
            titles = {fold(t) for t in synonyms.get(fold(mention.role.title), [])} | {fold(mention.role.title)}
            candidates = sorted({i for t in titles for i in by_title.get(t, ())})
            if len(candidates) > MAX_HOLDERS:
                continue  # "the president" among dozens of presidents names none of them
            holders = [LocalEntity(entities[i].type, (entities[i].name,), tuple(roles[i])) for i in candidates]
            target = resolve_descriptor(mention.role, holders)
            if target >= 0:
                extra[candidates[target]].append(Span(article, mention.start, mention.end))
    result = []
    for index, entity in enumerate(entities):
        if extra[index]:
            spans = tuple(sorted((*entity.mentions, *extra[index]), key=lambda s: (s.article, s.start)))
            entity = replace(entity, mentions=spans)
        result.append(entity)
    return result


def _title_synonyms() -> dict[str, list[str]]:
    return {fold(title): others for title, others in title_synonyms().items()}


def _unique_ids(entities: list[Entity]) -> list[Entity]:
    """Readable ids from the canonical name ("antonio-guterres"), made unique."""
    seen: Counter[str] = Counter()
    result = []
    for entity in sorted(entities, key=lambda e: (e.mentions[0].article, e.mentions[0].start) if e.mentions else ("", 0)):
        slug = re.sub(r"[^a-z0-9]+", "-", fold(entity.name)).strip("-") or "entity"
        seen[slug] += 1
        unique = slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"
        result.append(replace(entity, id=unique))
    return result
