"""Corpus clustering: copies, same-event groups of articles and round-up sections, and stories.

Copies are found with MinHash LSH (datasketch): one query per article. Events are found by
comparing only units that share a rare term or a name (an inverted index with a cap on how
common a key may be), so the work grows with the number of units times their neighbours, not
with the square of the corpus. Within those candidates, average-link merging keeps two events
of the same kind apart (two summits share "summit" but not their people, places and dates).

The result depends only on the set of profiles, not on the order articles were added, so an
incremental build and a full build of the same articles give the same clusters.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from storyline.corpus.disjoint import DisjointSets
from storyline.model import NUM_PERM, SCHEME, ArticleProfile

DUPLICATE_THRESHOLD = 0.8  # estimated Jaccard of word shingles
EVENT_THRESHOLD = 0.12
STORY_THRESHOLD = 0.25
MAX_KEY_SHARE = 0.2  # keys in more units than this share of them (or 50) do not block
KEYS_PER_UNIT = 25  # the rarest keys of a unit are its blocking keys
NAME_WEIGHT = 0.45  # share of the similarity from shared names; the rest from terms
FULL_BELOW = 1000  # units: smaller stores are clustered whole at every load
REGROWTH = 0.5  # new units beyond this share of the placed ones: cluster the store whole again


@dataclass(frozen=True, slots=True)
class _Unit:
    article: str
    index: int
    terms: dict[str, float]  # tf-idf, unit length
    names: dict[str, float]  # name key -> inverse document frequency
    date: dt.date | None


def find_duplicates(profiles: dict[str, ArticleProfile], dates: dict[str, dt.date | None]) -> dict[str, str]:
    """Article id -> the id of the article it copies: of a group of copies, the original is the
    earliest published, then the one with the shortest id ("a.txt", not "a-copy.txt")."""

    def seniority(article: str) -> tuple:
        return (dates.get(article) or dt.date.max, len(article), article)

    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    order = sorted(profiles, key=seniority)
    for article in order:
        hashes[article] = MinHash(num_perm=NUM_PERM, seed=1, hashvalues=list(profiles[article].minhash), scheme=SCHEME)
        lsh.insert(article, hashes[article])
    duplicate_of: dict[str, str] = {}
    for article in order:
        if article in duplicate_of:
            continue
        for other in sorted(lsh.query(hashes[article]), key=seniority):
            if (
                seniority(other) > seniority(article)
                and other not in duplicate_of
                and hashes[article].jaccard(hashes[other]) >= DUPLICATE_THRESHOLD
            ):
                duplicate_of[other] = article
    return duplicate_of


def cluster_events(profiles: dict[str, ArticleProfile], dates: dict[str, dt.date | None], skip: set[str]) -> list[list[tuple[str, int]]]:
    """Groups of (article, unit index) that report the same event."""
    return _cluster_units(_units(profiles, dates, skip))


def _cluster_units(units: list[_Unit]) -> list[list[tuple[str, int]]]:
    if not units:
        return []
    candidates = _candidate_pairs(units)
    scores = {pair: _similarity(units[pair[0]], units[pair[1]]) for pair in candidates}
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    owner = list(range(len(units)))
    for (a, b), score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if score < EVENT_THRESHOLD:
            break
        ca, cb = owner[a], owner[b]
        if ca == cb:
            continue
        if _average_link(members[ca], members[cb], scores) < EVENT_THRESHOLD:
            continue
        for unit in members[cb]:
            owner[unit] = ca
        members[ca] += members.pop(cb)
    groups = [[(units[i].article, units[i].index) for i in sorted(group)] for group in members.values()]
    return sorted(groups)


def assign_events(
    profiles: dict[str, ArticleProfile],
    dates: dict[str, dt.date | None],
    skip: set[str],
    placed: dict[tuple[str, int], int],
) -> tuple[list[list[tuple[str, int]]], dict[tuple[str, int], int], bool]:
    """Event groups when the units in `placed` ((article, unit) -> cluster number) were
    clustered before: each new unit joins the placed cluster it is closest to on average
    (the same average link a full clustering uses) or starts its own. Only the new units'
    blocking neighbours are scored, so a build of a few new articles costs what they do, not
    what the store does. Returns the groups, the cluster of every unit, and whether the whole
    store was clustered afresh (then earlier placements are void)."""
    units = _units(profiles, dates, skip)
    position = {(u.article, u.index): i for i, u in enumerate(units)}
    cluster_of = {position[key]: number for key, number in placed.items() if key in position}
    fresh_count = len(units) - len(cluster_of)
    if len(cluster_of) < FULL_BELOW or fresh_count > REGROWTH * len(cluster_of):
        # A small store is clustered whole (it is quick, and its term weights still move
        # with every article); so is one that has grown by half since it was clustered.
        groups = _cluster_units(units)
        return groups, {unit: number for number, group in enumerate(groups) for unit in group}, True
    members: dict[int, list[int]] = defaultdict(list)
    for index, number in cluster_of.items():
        members[number].append(index)
    next_number = max(members) + 1
    fresh = [i for i in range(len(units)) if i not in cluster_of]
    neighbours = _neighbours(units, fresh)
    for index in fresh:
        scores = {other: _similarity(units[index], units[other]) for other in neighbours[index] if other in cluster_of}
        totals: dict[int, float] = defaultdict(float)
        for other, score in scores.items():
            totals[cluster_of[other]] += score
        best = max(totals, key=lambda n: (totals[n] / len(members[n]), -n), default=None)
        if best is None or totals[best] / len(members[best]) < EVENT_THRESHOLD:
            best, next_number = next_number, next_number + 1
        cluster_of[index] = best
        members[best].append(index)
    groups = [[(units[i].article, units[i].index) for i in sorted(group)] for group in members.values() if group]
    return sorted(groups), {(units[i].article, units[i].index): number for i, number in cluster_of.items()}, False


def _neighbours(units: list[_Unit], wanted: list[int]) -> dict[int, set[int]]:
    """The units that share a blocking key with each unit in `wanted`."""
    keys_of = _blocking_keys(units)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, keys in enumerate(keys_of):
        for key in keys:
            postings[key].append(index)
    return {i: {j for key in keys_of[i] for j in postings[key] if units[j].article != units[i].article} for i in wanted}


def _blocking_keys(units: list[_Unit]) -> list[list[str]]:
    """The rarest keys of each unit that occur in at least two units and in not too many."""
    frequency: Counter[str] = Counter()
    keys_of = []
    for unit in units:
        keys = {f"t:{t}" for t in unit.terms} | {f"n:{n}" for n in unit.names}
        frequency.update(keys)
        keys_of.append(keys)
    cap = max(3, min(50, int(MAX_KEY_SHARE * len(units))))
    # A key of one unit pairs nothing; a key of very many pairs everything.
    return [sorted((k for k in keys if 2 <= frequency[k] <= cap), key=lambda k: (frequency[k], k))[:KEYS_PER_UNIT] for keys in keys_of]


def _units(profiles: dict[str, ArticleProfile], dates: dict[str, dt.date | None], skip: set[str]) -> list[_Unit]:
    raw = [
        (article, index, dict(unit.terms), frozenset(unit.names))
        for article in sorted(profiles)
        if article not in skip
        for index, unit in enumerate(profiles[article].units)
    ]
    document_frequency: Counter[str] = Counter()
    for _, _, terms, names in raw:
        document_frequency.update(terms)
        document_frequency.update(f"n:{n}" for n in names)
    total = len(raw)

    def idf(key: str) -> float:
        return math.log((1 + total) / (1 + document_frequency[key])) + 0.1

    units = []
    for article, index, terms, names in raw:
        weights = {t: (1 + math.log(c)) * idf(t) for t, c in terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        units.append(
            _Unit(article, index, {t: w / norm for t, w in weights.items()}, {n: idf(f"n:{n}") for n in names}, dates.get(article))
        )
    return units


def _candidate_pairs(units: list[_Unit]) -> set[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for index, keys in enumerate(_blocking_keys(units)):
        for key in keys:
            postings[key].append(index)
    pairs = set()
    for indices in postings.values():
        for i, a in enumerate(indices):
            for b in indices[i + 1 :]:
                if units[a].article != units[b].article:
                    pairs.add((a, b) if a < b else (b, a))
    return pairs


def _similarity(a: _Unit, b: _Unit) -> float:
    small, large = (a.terms, b.terms) if len(a.terms) <= len(b.terms) else (b.terms, a.terms)
    cosine = sum(w * large.get(t, 0.0) for t, w in small.items())
    # Shared names weighed by how rare they are: "Ukraine" in every report says little.
    # fsum: names come from sets, whose order changes with Python's string hashing from one run
    # to the next; a plain sum would then differ in its last bit and could flip a close call.
    shared = math.fsum(w for n, w in a.names.items() if n in b.names)
    union = math.fsum(a.names.values()) + math.fsum(w for n, w in b.names.items() if n not in a.names)
    names = shared / union if union else 0.0
    score = (1 - NAME_WEIGHT) * cosine + NAME_WEIGHT * names
    if a.date and b.date:
        gap = abs((a.date - b.date).days)
        # Reports of one event are days apart; weeks apart, the same words mean another event.
        score *= 1.0 if gap <= 3 else 0.8 if gap <= 7 else 0.3
    return score


def _average_link(one: list[int], other: list[int], scores: dict[tuple[int, int], float]) -> float:
    """Mean similarity over all cross pairs; pairs never blocked together count as 0."""
    total = sum(scores.get((a, b) if a < b else (b, a), 0.0) for a in one for b in other)
    return total / (len(one) * len(other))


def story_groups(events: list[list[tuple[str, int]]], profiles: dict[str, ArticleProfile]) -> list[list[int]]:
    """Event clusters linked by the people and places they share, as lists of event indices."""
    salient = []
    for group in events:
        names: Counter[str] = Counter()
        for article, index in group:
            names.update(profiles[article].units[index].names)
        salient.append({n for n, _ in names.most_common(6)})
    postings: dict[str, list[int]] = defaultdict(list)
    for index, names in enumerate(salient):
        for name in names:
            postings[name].append(index)
    stories = DisjointSets(range(len(events)))
    for indices in postings.values():
        if len(indices) > 200:
            continue  # a name in every story ("Ukraine") links nothing in particular
        for i, a in enumerate(indices):
            for b in indices[i + 1 :]:
                shared = len(salient[a] & salient[b]) / len(salient[a] | salient[b])
                if shared >= STORY_THRESHOLD:
                    stories.union(a, b)
    return [members for members in stories.groups() if len(members) > 1]


def label_of(units: list[tuple[str, int]], profiles: dict[str, ArticleProfile], names: dict[str, str]) -> str:
    """The most shared names, then the most shared terms: "António Guterres, Russia: diplomacy, tension"."""
    name_counts: Counter[str] = Counter()
    term_counts: Counter[str] = Counter()
    for article, index in units:
        unit = profiles[article].units[index]
        # Names come most mentioned first: weigh them by rank within their unit.
        name_counts.update({name: 1 + 1 / (rank + 1) for rank, name in enumerate(unit.names)})
        term_counts.update({t: c for t, c in unit.terms})
    shown = [names.get(key, key.title()) for key, _ in name_counts.most_common(3)]
    terms = [t for t, _ in term_counts.most_common(8) if not any(t in re.findall(r"\w+", n.lower()) for n in shown)][:3]
    return ", ".join(shown) + (": " + ", ".join(terms) if terms else "")
