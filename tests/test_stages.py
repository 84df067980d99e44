"""The stage registry: versions from data, an order worked out from what stages need, and
each stage given only the results it declared."""

from __future__ import annotations

from dataclasses import replace

import pytest

import storyline.stages as stages
from storyline.pipeline.build import STAGE_ORDER


def test_the_order_puts_every_stage_after_what_it_needs():
    for position, name in enumerate(STAGE_ORDER):
        assert all(STAGE_ORDER.index(need) < position for need in stages.get_stage(name).needs), name
    # Ties go in the order stages.toml lists the stages, so the cache fingerprints stay put.
    assert STAGE_ORDER == ("extract", "clean", "language", "annotate", "times", "mentions", "profile", "quotes", "events")


def test_a_stage_listed_before_what_it_needs_still_runs_after_it(monkeypatch):
    versions = stages.stage_versions()
    article = {"events": versions["article"]["events"], **versions["article"]}  # events listed first
    monkeypatch.setattr(stages, "stage_versions", lambda: {**versions, "article": article})
    order = stages.stage_order()
    assert order.index("events") > max(order.index(need) for need in stages.get_stage("events").needs)


def test_a_missing_or_circular_need_is_a_clear_error(monkeypatch):
    clean = stages.get_stage("clean")
    monkeypatch.setitem(stages._REGISTRY, "clean", replace(clean, needs=("extract", "translate")))
    with pytest.raises(ValueError, match=r"'clean' needs \['translate'\]"):
        stages.stage_order()
    monkeypatch.setitem(stages._REGISTRY, "clean", replace(clean, needs=("annotate",)))
    with pytest.raises(ValueError, match="need each other"):
        stages.stage_order()


def test_a_stage_is_given_only_the_results_it_declared(tmp_path, monkeypatch):
    from storyline.pipeline.build import run_build
    from storyline.settings import Settings
    from storyline.store.database import Store

    profile = stages.get_stage("profile")
    seen = []

    def reading(document, upstream, settings):
        seen.append(sorted(upstream))
        return profile.run(document, upstream, settings)

    monkeypatch.setitem(stages._REGISTRY, "profile", replace(profile, run=reading))
    (tmp_path / "a.txt").write_text("Guterres spoke in New York on Monday about the talks.")
    with Store() as store:
        run_build([str(tmp_path / "a.txt")], store, Settings(workers=1))
    assert seen == [sorted(profile.needs)]
