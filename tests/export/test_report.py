"""Reports: what they contain, that article text is escaped, and that a browser shows them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import storyline
from conftest import EXAMPLES
from storyline.export.report import report_html, report_markdown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def story():
    return storyline.build(EXAMPLES, workers=1)


def test_markdown_report_has_every_part(story):
    text = report_markdown(story)
    for heading in ("## Brief", "## Timeline", "## Events per day", "## Quotes by speaker", "## Actors", "## Sources"):
        assert heading in text
    assert "[-catastrophic-] {+disastrous+}" in text  # how the other outlet rendered the quote
    assert "Secretary-General of the United Nations" in text


def test_article_text_is_escaped_in_html(tmp_path):
    (tmp_path / "a.txt").write_text(
        "UN Secretary-General Antonio Guterres on Monday called for diplomacy <script>alert('x')</script> to defuse tensions, he said."
        " Guterres spoke to reporters in New York on Monday about the crisis in Ukraine and the talks in Geneva."
    )
    page = report_html(storyline.build(tmp_path, workers=1))
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_timeline_and_chart_are_visible_in_a_browser(story, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "report.html"
    page_file.write_text(report_html(story), encoding="utf-8")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        )
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            assert page.locator("section.story .timeline table").first.is_visible()
            assert page.locator("section.story .timeline tr").count() > 10
            assert page.locator(".chart svg rect").first.is_visible()
            assert page.locator(".chart svg rect").count() >= 5
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()


def test_the_timeline_says_who_reported_each_entry(story):
    text = report_markdown(story)
    assert "| date | what happened | reported by | outlets | sources |" in text
    relayed = [line for line in text.splitlines() if line.startswith("|") and "remains convinced that Russia will not invade" in line]
    assert relayed and "| Stéphane Dujarric |" in relayed[0]
    assert "<th>reported by</th>" in report_html(story) and "Stéphane Dujarric</td>" in report_html(story)
