"""A store of one example article, for the command-line tests that only need a store."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from storyline.cli import main


@pytest.fixture(scope="session")
def one_article_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "s.db"
    assert main(["build", str(EXAMPLES / "000_ed6f6d6639c51f57.txt"), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    return db
