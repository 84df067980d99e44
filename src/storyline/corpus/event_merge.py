"""The corpus step for events: actors as corpus entities, dates anchored, status set, and the
same real-world event told in several sentences and outlets merged into one.

Merging looks only at events with the same actor and the same date (a dictionary key), and
joins those whose codes agree (the same CAMEO root, or both verbal: a statement and an appeal
at one press encounter are one event), so it never compares every pair. The number of outlets
is kept apart from the number of articles: two articles from one outlet are one source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from storyline.corpus.disjoint import DisjointSets
from storyline.corpus.sentence_dates import article_news_day, calendar_date, last_day
from storyline.lexicon import load_table
from storyline.lexicon.calendar import anchor
from storyline.lexicon.names import capital_of, country_name
from storyline.lexicon.positions import sentence_at
from storyline.model import FUTURE, Article, ArticleEvents, Event, EventFinding, Span, TimeTagging

_VERBAL = {"01", "02"}


@dataclass(frozen=True, slots=True)
class _Told:
    """One telling of an event, resolved against the corpus."""

    article: str
    finding: EventFinding
    actor: str | None
    target: str | None
    reporter: str | None
    location: str | None
    date: str | None
    date_basis: str
    status: str


def build_events(
    found: dict[str, ArticleEvents],
    taggings: dict[str, TimeTagging],
    articles: dict[str, Article],
    lookup,
    names: dict[str, str],
    countries: dict[str, str],
    codes: dict[str, str] | None = None,
) -> tuple[Event, ...]:
    """`countries`: ISO alpha-3 -> the corpus entity of that state, for actors named by an
    adjective ("the Russian invasion") or by their capital ("Moscow could follow up");
    `codes`: entity -> its actor code."""
    capitals = _capital_entities(names)
    told = []
    for article_id in sorted(found):
        article = articles[article_id]
        for finding in found[article_id].events:
            actor = (
                lookup(article_id, finding.actor_span, finding.actor)
                if finding.actor_country is None
                else countries.get(finding.actor_country)
            )
            actor = _government(actor, capitals, countries)
            if actor is None and finding.actor_country is None and finding.actor_span is None and finding.target < 0:
                # an action with no one doing it and no one it is done to is not an event row;
                # "Peterson was convicted" is one, its doer left blank as GDELT leaves Actor1
                continue
            date, basis = _date(finding, taggings[article_id], article)
            told.append(
                _Told(
                    article_id,
                    finding,
                    actor,
                    lookup(article_id, None, finding.target) if finding.target >= 0 else None,
                    lookup(article_id, None, finding.reporter) if finding.reporter >= 0 else None,
                    lookup(article_id, None, finding.location) if finding.location >= 0 else None,
                    date,
                    basis,
                    _status(finding, date, article.published),
                )
            )
    merged = _merge(told)
    return tuple(_event(number, group, articles, names, codes or {}) for number, group in enumerate(merged, 1))


def _dateline_place(article: Article) -> str | None:
    """The place of the article's dateline ("KYIV, Feb 14 (Reuters) -"), as written."""
    for removal in article.removed:
        if removal.kind == "dateline" and not removal.text.lower().startswith(("date", "published", "updated", "posted", "first", "last")):
            if "/" in removal.text:
                return None  # "UNITED NATIONS/KYIV/MOSCOW": a round-up's places, no one event's
            place = re.split(r"[,(]|\s[-–—]", removal.text)[0].strip()
            return (place.title() if place.isupper() else place) or None
    return None


def _capital_entities(names: dict[str, str]) -> dict[str, str]:
    return {entity: code for entity, name in names.items() if (code := capital_of(name))}


def _government(actor: str | None, capitals: dict[str, str], countries: dict[str, str]) -> str | None:
    """A capital acting is its state's government ("Moscow has called them peacekeepers"), as
    event coding conventionally reads it."""
    if actor in capitals and capitals[actor] in countries:
        return countries[capitals[actor]]
    return actor


def _date(finding: EventFinding, tagging: TimeTagging, article: Article) -> tuple[str | None, str]:
    reference = dt.date.fromisoformat(article.published) if article.published and len(article.published) == 10 else None
    if finding.time >= 0:
        mention = tagging.mentions[finding.time]
        if mention.form.kind == "narrative":
            value = calendar_date(article.times[finding.time].value)  # counted from the text around it
        else:
            value = calendar_date(anchor(mention.form, reference, finding.tense if finding.tense != "none" else mention.tense))
        if value:
            return value, f"explicit: {mention.text!r}"
    sentence = sentence_at(article.sentences, finding.start)
    if sentence is not None:
        if finding.code.startswith("01") and (
            # A date outside the statement's own clause is that of what was said about; a
            # statement relayed by someone else may be the one it dates ("a position he
            # expressed last month").
            (sentence.date_basis == "explicit" and finding.reporter < 0)
            or _long_before(sentence.date, article.published)
            or _after(sentence.date, article.published)
        ):
            # What someone says now about the past or the future: "said that they proclaimed
            # independence in 2014", "told the agency he will arrive on April 26" were said
            # when reported: on the day the lede reports, or else on the day of publication.
            day = article_news_day(article.sentences, article.published)
            if day:
                return day, "news day (the sentence's date is what was said about)"
            return article.published, "publication date (the sentence's date is what was said about)"
        return sentence.date, f"sentence ({sentence.date_basis})"
    return article.published, "publication date"


def _after(date: str | None, published: str | None) -> bool:
    return bool(date and published and len(date) == 10 and len(published) == 10 and date > published)


def _long_before(date: str | None, published: str | None) -> bool:
    if not date or not published or len(published) != 10:
        return False
    return (dt.date.fromisoformat(published) - last_day(date)).days > 60


def _status(finding: EventFinding, date: str | None, published: str | None) -> str:
    """What the text commits to: a refusal or a denial is `denied`, a plan `scheduled`, a
    condition, a counterfactual or a "could" `hypothetical`, someone's claim `reported` (with
    its `reported_by`), and only the writer's own telling `happened`."""
    if finding.negated:
        return "denied"  # "Russia will not invade": said not to happen
    if finding.tense == FUTURE:
        return "scheduled"
    if finding.modal:
        return "hypothetical"
    if finding.reporter >= 0:
        return "reported"  # "we are searching," said Saleh: his own account is still his claim
    if date and published and len(date) == 10 and len(published) == 10 and date > published:
        return "scheduled"
    return "happened"


def _kind(finding: EventFinding) -> tuple[str, ...]:
    """One event told twice has the same kind: the same CAMEO root (or both words), or, with
    no code, the same verb. Being the same is an equivalence, so tellings are grouped by kind
    instead of compared two by two, which was quadratic in the tellings of one actor on one day."""
    if not finding.code:
        return ("verb", *finding.action.split()[:1])
    root = finding.code[:2]
    return ("words",) if root in _VERBAL else ("root", root)


def _merge(told: list[_Told]) -> list[list[_Told]]:
    blocks: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
    for index, item in enumerate(told):
        # A state named only by an adjective ("Russian police") with no entity of its own in
        # the corpus acts as that state.
        blocks[(item.actor or f"state:{item.finding.actor_country}", item.date)].append(index)
    same = DisjointSets(range(len(told)))
    for members in blocks.values():
        first: dict[tuple, int] = {}
        for a in members:
            b = first.setdefault((told[a].status, *_kind(told[a].finding)), a)
            if b != a:
                same.union(a, b)
    groups = [[told[i] for i in group] for group in same.groups()]
    return sorted(groups, key=lambda g: (g[0].date or "9999", g[0].article, g[0].finding.start))


def _event(number: int, group: list[_Told], articles: dict[str, Article], names: dict[str, str], codes: dict[str, str]) -> Event:
    first = group[0]
    code = Counter(t.finding.code for t in group).most_common(1)[0][0]
    root = code[:2]
    cameo = load_table("cameo")
    sources = tuple(
        sorted({Span(t.article, t.finding.sentence.start, t.finding.sentence.end) for t in group}, key=lambda s: (s.article, s.start))
    )
    outlets = {articles[t.article].outlet or t.article for t in group}
    target = next((t.target for t in group if t.target and t.target != first.actor), None)
    location = next((t.location for t in group if t.location), None) or _dateline_place(articles[first.article])
    reporter = next((t.reporter for t in group if t.reporter and t.reporter != first.actor), None)
    return Event(
        id=f"ev{number}",
        date=first.date,
        date_basis=first.date_basis,
        status=first.status,
        actor=first.actor,
        action=first.finding.action,
        target=target,
        code=code or None,
        location=names.get(location, location),
        sources=sources,
        actor_name=_actor_name(first, names, articles),
        target_name=names.get(target) if target else None,
        goldstein=cameo["goldstein"].get(root) if code else None,
        quad_class=_quad_class(root) if code else None,
        articles=len({t.article for t in group}),
        outlets=len(outlets),
        reported_by=reporter,
        actor_code=_actor_code(first, codes),
        target_code=codes.get(target) if target else None,
    )


def _actor_name(told: _Told, names: dict[str, str], articles: dict[str, Article]) -> str | None:
    """The actor's corpus name; a state named by its adjective; else the words that name it in
    the text ("officials", "he"), when no entity stands behind them."""
    if told.actor:
        return names.get(told.actor)
    if told.finding.actor_country:
        return country_name(told.finding.actor_country)
    span = told.finding.actor_span
    return " ".join(articles[told.article].text[span.start : span.end].split()) if span else None


def _actor_code(told: _Told, codes: dict[str, str]) -> str | None:
    """The actor's own code, refined by the sector its words name: an entity coded only by its
    state ("Russia") acting as "Russian police" is RUSCOP."""
    code = codes.get(told.actor) if told.actor else told.finding.actor_country
    sector = told.finding.actor_sector
    if code and sector and len(code) == 3:
        return code + sector
    return code


def _quad_class(root: str) -> int:
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4
