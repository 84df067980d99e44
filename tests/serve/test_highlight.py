"""The article's text cut into runs: every character once, in order, each run carrying every
item over it, the linked span anchored, and what cleaning removed put back where it stood."""

from __future__ import annotations

from storyline.model import Article, Entity, Event, PublishedBasis, Quote, Removal, Span, TimeExpression
from storyline.serve.highlight import TARGET, article_runs, item_marks, removals_elsewhere
from storyline.serve.stored import ArticleItems, Mention

TEXT = 'Guterres said on Monday: "Diplomacy must win." Russia denied it.'


def _article(**fields) -> Article:
    return Article("a", "a.txt", None, None, None, PublishedBasis.UNKNOWN, TEXT, "h", **fields)


def _items() -> ArticleItems:
    guterres = Entity("guterres", "António Guterres", "PERSON", (), (), None, (Span("a", 0, 8),))
    russia = Entity("russia", "Russia", "GPE", (), (), "RUS", (Span("a", 47, 53),))
    quote = Quote("q1", "Diplomacy must win.", "guterres", "António Guterres", Span("a", 0, 8), Span("a", 26, 45), "said", None, "direct")
    event = Event("ev1", None, "unknown", "happened", "russia", "denied it", None, "020", None, (Span("a", 47, 63),), actor_name="Russia")
    return ArticleItems((Mention(0, 8, guterres), Mention(47, 53, russia)), (quote,), (event,), ("story-1",))


def test_runs_cover_the_text_once_with_every_item_over_them():
    article = _article(times=(TimeExpression(17, 23, "Monday", "DATE", "2022-02-14"),))
    runs = article_runs(article, item_marks(article, _items()))
    assert "".join(run.text for run in runs) == TEXT
    by_text = {run.text: run for run in runs}
    assert set(by_text["Guterres"].kinds) == {"entity", "speaker"}
    assert by_text["Monday"].kinds == ("time",) and "2022-02-14" in by_text["Monday"].title
    assert by_text["Diplomacy must win."].kinds == ("quote",) and "António Guterres" in by_text["Diplomacy must win."].title
    assert set(by_text["Russia"].kinds) == {"event", "entity"} and by_text[" denied it"].kinds == ("event",)
    assert "ev1" in by_text["Russia"].title and "020" in by_text["Russia"].title


def test_the_linked_span_is_marked_and_anchored_at_its_start():
    article = _article()
    runs = article_runs(article, item_marks(article, _items()), target=(26, 53))
    marked = [run for run in runs if TARGET in run.kinds]
    assert "".join(run.text for run in marked) == TEXT[26:53]
    assert [run.anchor for run in runs if run.anchor] == [TARGET] and marked[0].anchor == TARGET
    assert article_runs(article, [], target=(500, 900)) == article_runs(article, [])  # outside the text: nothing marked


def test_removals_stand_where_they_were_taken_out():
    removed = (Removal("Photo: Reuters", "credit", 47), Removal("Read more", "related-link", None))
    article = _article(removed=removed)
    runs = article_runs(article, [])
    assert [run.text for run in runs] == [TEXT[:47], "Photo: Reuters", TEXT[47:]]
    assert runs[1].removal == removed[0] and runs[1].kinds == ("removed",)
    assert removals_elsewhere(article) == [removed[1]]
