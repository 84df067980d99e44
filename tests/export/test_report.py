"""Reports: what they contain, that article text is escaped, and that a browser shows them."""

from __future__ import annotations

import json
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


HOSTILE_QUOTE = '"We will not accept <script>alert(1)</script> or [this](javascript:alert(1)) | ![t](http://tracker.example/p.png) at all," Guterres said on Monday.'
LEDE = "UN Secretary-General Antonio Guterres on Monday called for diplomacy to defuse the tensions between Russia and Ukraine, telling reporters in New York that the price of a war would be too high."


@pytest.fixture(scope="module")
def hostile_story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    records = [
        {
            "id": "evil|id<img src=x onerror=alert(1)>",
            "title": "Title\n\n# injected heading <script>x</script>",
            "source": "Outlet | [x](javascript:alert(1)) ![](http://tracker.example/pixel.gif)",
            "published": "2022-02-14",
            "text": f"{LEDE}\n\n{HOSTILE_QUOTE}",
        },
        {
            "id": "b",
            "title": "Normal",
            "source": "Other",
            "published": "2022-02-14",
            "text": f"{LEDE}\n\n{HOSTILE_QUOTE.replace('at all', 'at all ever')}",
        },
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return storyline.build(folder, workers=1)


def test_markdown_report_renders_article_text_inert(hostile_story):
    from markdown_it import MarkdownIt

    text = report_markdown(hostile_story)
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    for live in ("<script", "<img", 'javascript:alert(1)"', 'href="javascript', 'src="http://tracker'):
        assert live not in rendered, live
    assert "&lt;script&gt;" in rendered and "[this](javascript:alert(1))" in rendered  # shown, as text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert not [h for h in headings if "injected" in h]
    for table in rendered.split("<table>")[1:]:
        body = table.split("</table>")[0]
        widths = {row.count("<td") for row in body.split("<tr>") if "<td" in row}
        assert len(widths) == 1, widths  # no | broke a row into more cells


def test_markdown_report_keeps_each_piece_on_its_line(hostile_story):
    sources = report_markdown(hostile_story).split("## Sources", 1)[1].strip().splitlines()
    assert len(sources) == 2 and sources[1].startswith("- evil\\|id&lt;img") and "Title \\# injected heading" in sources[1]
