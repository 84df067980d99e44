"""Every article's language is detected; one the English model cannot read is stored with its
text and language, reported on one line, counted, and left out of the English analysis."""

from __future__ import annotations

import storyline
from storyline.article.language import guess_language

GERMAN = (
    "Der Bundeskanzler hat am Montag in Berlin leider nicht mit dem ukrainischen Präsidenten gesprochen, "
    "wie ein Regierungssprecher mitteilte. Die Gespräche sollen in der kommenden Woche fortgesetzt werden."
)
FRENCH = (
    "Le président de la République a déclaré lundi à Paris que la France continuerait de soutenir l'Ukraine "
    "face à la Russie. Il a également annoncé une nouvelle aide humanitaire pour les réfugiés."
)
ENGLISH = (
    "UN Secretary-General Antonio Guterres on Monday called for diplomacy to defuse the heightened tensions "
    "between Russia and Ukraine, his spokesman Stephane Dujarric told reporters in New York."
)


def test_languages_are_told_apart_and_short_text_is_read_as_english():
    assert (guess_language(GERMAN).code, guess_language(GERMAN).analysed) == ("de", False)
    assert (guess_language(FRENCH).code, guess_language(FRENCH).analysed) == ("fr", False)
    assert (guess_language(ENGLISH).code, guess_language(ENGLISH).analysed) == ("en", True)
    assert guess_language("Kyiv, Monday").analysed


def test_other_languages_are_stored_reported_and_not_analysed(tmp_path, capsys):
    for name, text in (("de.txt", GERMAN), ("fr.txt", FRENCH), ("en.txt", ENGLISH)):
        (tmp_path / name).write_text("2022-02-14\n\n" + text, encoding="utf-8")
    story = storyline.build(tmp_path, workers=1)
    languages = {article.id: article.language for article in story.articles}
    assert languages == {"de.txt": "de", "fr.txt": "fr", "en.txt": "en"}
    read = {mention.article for entity in story.entities for mention in entity.mentions}
    assert read == {"en.txt"}  # no "leider nicht" as an entity
    lines = [p for p in story.problems if "not analysed" in p.reason]
    assert sorted(p.source.rsplit("/", 1)[-1] for p in lines) == ["de.txt", "fr.txt"]
    assert {p.reason.split(" text")[0] for p in lines} == {"German", "French"}
