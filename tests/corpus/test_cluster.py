"""Clusters: copies collapse, reports of one event meet, same-kind events stay apart, and the
result does not depend on the order articles arrived in."""

from __future__ import annotations

import json

import pytest

import storyline

QUAKE_A = [
    "A magnitude 6.1 earthquake struck the Turkish province of Malatya on Monday, killing at least 12 people, Turkey's disaster agency AFAD said.",
    "Rescuers in Malatya pulled survivors from collapsed apartment blocks in the town of Yesilyurt through the night, AFAD said.",
    "Interior Minister Suleyman Soylu said 40 aftershocks had been recorded and schools in Malatya would stay closed.",
]
QUAKE_A_OTHER_OUTLET = [
    "At least 12 people died when a strong earthquake hit Malatya province in eastern Turkey on Monday, officials said.",
    "Survivors were pulled from the rubble of apartment blocks in Yesilyurt, Interior Minister Suleyman Soylu told reporters.",
    "AFAD said dozens of aftershocks followed the quake, and schools in Malatya were closed.",
]
QUAKE_B = [
    "A magnitude 6.4 earthquake struck the Peruvian region of Loreto on Friday, damaging churches and roads, Peru's civil defence institute said.",
    "In the jungle town of Yurimaguas, residents slept outside after the quake cracked walls, Prime Minister Anibal Torres said.",
    "Torres said no deaths had been reported and the army was flying supplies to Loreto.",
]


def write(folder, name, paragraphs, date=None):
    folder.mkdir(exist_ok=True)
    head = f"Published: {date}\n" if date else ""
    (folder / name).write_text(head + "\n\n".join(paragraphs))


def event_groups(story):
    return sorted(sorted(c.articles) for c in story.clusters if c.level == "event")


@pytest.fixture(scope="module")
def quakes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quakes")
    write(folder, "a1.txt", QUAKE_A, "14 February 2022")
    write(folder, "a2.txt", QUAKE_A_OTHER_OUTLET)
    write(folder, "b1.txt", QUAKE_B, "18 March 2022")
    # A copy of a1 under another name, with a share line added.
    write(folder, "a1-copy.txt", [*QUAKE_A, "Share this article"], "14 February 2022")
    return folder


def test_copies_collapse_and_same_kind_events_stay_apart(quakes):
    story = storyline.build(quakes, workers=1)
    by_id = {a.id: a for a in story.articles}
    assert by_id["a1-copy.txt"].duplicate_of == "a1.txt"
    assert [sorted(c.articles) for c in story.clusters if c.level == "duplicate"] == [["a1-copy.txt", "a1.txt"]]
    assert event_groups(story) == [["a1-copy.txt", "a1.txt", "a2.txt"], ["b1.txt"]]


def test_undated_report_takes_the_date_of_its_event(quakes):
    story = storyline.build(quakes, workers=1)
    a2 = next(a for a in story.articles if a.id == "a2.txt")
    assert (a2.published, a2.published_basis.value) == ("2022-02-14", "inferred")
    assert "event cluster" in a2.published_evidence


def test_incremental_build_gives_the_clusters_of_a_full_build(quakes, tmp_path):
    full = storyline.build(quakes, db=tmp_path / "full.db", workers=1)
    db = tmp_path / "step.db"
    for name in ("b1.txt", "a2.txt", "a1.txt", "a1-copy.txt"):
        step = storyline.build(quakes / name, db=db, workers=1)
    assert step.clusters == full.clusters


def test_a_build_of_new_files_places_them_without_clustering_the_store_again(quakes, tmp_path, monkeypatch):
    from storyline.corpus import cluster
    from storyline.store.database import Store

    db = tmp_path / "placed.db"
    storyline.build([quakes / "a1.txt", quakes / "b1.txt"], db=db, workers=1)
    with Store(db) as store:
        before = placements(store)

    def no_full_clustering(*args, **kwargs):
        raise AssertionError("the store was clustered again")

    # The quake store is small and grows by half: lift the limits under which it is clustered whole.
    monkeypatch.setattr(cluster, "FULL_BELOW", 0)
    monkeypatch.setattr(cluster, "REGROWTH", 10.0)
    monkeypatch.setattr(cluster, "_cluster_units", no_full_clustering)
    story = storyline.build(quakes / "a2.txt", db=db, workers=1)
    with Store(db) as store:
        after = placements(store)
        assert "event_clusters incremental (1 new sections placed)" in [step.line() for step in story_steps(store)]
    assert {key: value for key, value in after.items() if key in before} == before  # nothing moved
    placed = {after[key][1] for key in after if key[0] == "a2.txt"}
    assert placed == {after[("a1.txt", 0)][1]}  # the other outlet's report joined its event
    assert event_groups(story) == [["a1.txt", "a2.txt"], ["b1.txt"]]


def placements(store):
    """(article, unit) -> (content hash, cluster) as the event clustering stored them."""
    return {(a, u): (h, c) for a, u, h, c in store.corpus_value("event_clusters")["placements"]}


def story_steps(store):
    from storyline.pipeline.reduce import StepRun

    (summary,) = store._db.execute("SELECT summary FROM builds ORDER BY id DESC LIMIT 1").fetchone()
    return [StepRun(line.split()[0], line.split()[1], 0.0, line.partition("(")[2].rstrip(")")) for line in json.loads(summary)["corpus"]]


def test_example_corpus_clusters_alike_whichever_order_it_arrives_in(tmp_path):
    from pathlib import Path

    corpus = sorted((Path(__file__).parents[2] / "examples" / "un-ukraine-2022").glob("0*.txt"))
    full = storyline.build(corpus, db=tmp_path / "full.db", workers=1)

    def sections(story):
        return sorted(sorted(c.sections) for c in story.clusters if c.level == "event")

    for name, order in (("forward", corpus), ("backward", corpus[::-1])):
        for path in order:
            step = storyline.build(path, db=tmp_path / f"{name}.db", workers=1)
        assert sections(step) == sections(full), name


def test_round_up_sections_join_the_events_they_report(quakes, tmp_path):
    folder = tmp_path / "roundup"
    write(
        folder,
        "roundup.txt",
        ["World news in brief.", "Quake in Turkey", *QUAKE_A_OTHER_OUTLET, "Quake in Peru", *QUAKE_B],
    )  # undated: no one date lies within days of both quakes, five weeks apart
    for name in ("a1.txt", "b1.txt"):
        (folder / name).write_text((quakes / name).read_text())
    story = storyline.build(folder, workers=1)
    events = {c.id: c for c in story.clusters if c.level == "event"}
    with_a1 = next(c for c in events.values() if "a1.txt" in c.articles)
    with_b1 = next(c for c in events.values() if "b1.txt" in c.articles)
    assert "roundup.txt" in with_a1.articles and "roundup.txt" in with_b1.articles
    assert with_a1.id != with_b1.id
