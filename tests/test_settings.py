from __future__ import annotations

import pytest

from storyline.settings import Settings, load_settings


def test_defaults_then_file_then_flags(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings() == Settings()
    (tmp_path / "storyline.toml").write_text('db = "from-file.db"\nworkers = 3\n')
    assert (load_settings().db, load_settings().workers) == ("from-file.db", 3)
    flagged = load_settings(db="flag.db", workers=None)
    assert (flagged.db, flagged.workers) == ("flag.db", 3)


def test_section_form_and_explicit_file(tmp_path):
    path = tmp_path / "custom.toml"
    path.write_text("[storyline]\nbatch_size = 7\n")
    assert load_settings(path).batch_size == 7


@pytest.mark.parametrize(
    ("content", "message"),
    [("colour = 1\n", "unknown setting"), ('workers = "two"\n', "whole number"), ("workers = [\n", "not valid TOML")],
)
def test_bad_config_is_named(tmp_path, content, message):
    path = tmp_path / "storyline.toml"
    path.write_text(content)
    with pytest.raises(ValueError, match=message) as error:
        load_settings(path)
    assert str(path) in str(error.value)


def test_missing_explicit_config(tmp_path):
    with pytest.raises(ValueError, match="config file not found"):
        load_settings(tmp_path / "none.toml")


@pytest.mark.parametrize(("name", "value"), [("batch_size", 0), ("batch_size", -1), ("workers", -2), ("max_document_bytes", 0)])
def test_out_of_range_numbers_are_refused(name, value):
    with pytest.raises(ValueError, match=f"setting {name} must be at least"):
        load_settings(None, **{name: value})
