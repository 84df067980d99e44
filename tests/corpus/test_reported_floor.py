"""An article dated from its clues is never dated before the event it reports, as another
report of the same event dates it (issue 23: article 002 of the example corpus)."""

from __future__ import annotations

import json

import storyline

UNDATED = """Guterres asks to meet Putin in Moscow and Zelensky in Kyiv

United Nations Secretary-General António Guterres has asked to meet Russian President Vladimir Putin in Moscow and Ukrainian President Volodymyr Zelensky in Kyiv to discuss urgent steps to end the war, in letters delivered to the Russian and Ukrainian missions to the United Nations.

Austrian Chancellor Karl Nehammer, the last Western leader to meet Putin, told NBC on Sunday, April 17, 2022, that the Russian president believes he is winning the war.
"""

DATED = {
    "id": "dated",
    "published": "2022-04-21",
    "title": "Guterres writes to Putin and Zelensky",
    "text": "Guterres writes to Putin and Zelensky\n\nUnited Nations Secretary-General António Guterres sent letters on Tuesday to "
    "Russian President Vladimir Putin and Ukrainian President Volodymyr Zelensky asking to meet them in Moscow and Kyiv to discuss "
    "urgent steps to end the war, his spokesman announced on Wednesday.\n\nThe letters were delivered to the Russian and Ukrainian "
    "missions to the United Nations.",
}


def test_a_background_clue_does_not_date_an_article_before_the_event_it_reports(tmp_path):
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "dated.json").write_text(json.dumps(DATED), encoding="utf-8")
    story = storyline.build(tmp_path, workers=1)
    undated = next(a for a in story.articles if a.id == "undated.txt")
    # Sunday 17 April is background; the letters it reports were sent on Tuesday 19 April
    assert undated.published == "2022-04-19"
    assert "not before 2022-04-19" in undated.published_evidence


def test_an_inferred_date_after_the_event_stays(tmp_path):
    (tmp_path / "undated.txt").write_text(UNDATED.replace("Sunday, April 17", "Wednesday, April 20"), encoding="utf-8")
    (tmp_path / "dated.json").write_text(json.dumps(DATED), encoding="utf-8")
    story = storyline.build(tmp_path, workers=1)
    undated = next(a for a in story.articles if a.id == "undated.txt")
    assert undated.published >= "2022-04-20" and "not before" not in (undated.published_evidence or "")
