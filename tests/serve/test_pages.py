"""The pages in a browser (Debian's chromium, driven by Playwright) against a live server: from
the stories to the sentence a timeline entry came from, the filters, search, and a hostile
article that runs nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import PAYLOAD_IMG, PAYLOAD_SCRIPT, PAYLOAD_TITLE, PROBE_ID, LiveServer, make_client

# Where the story and article screenshots go (a folder to keep them in; tmp_path otherwise).
SHOTS = os.environ.get("STORYLINE_SERVE_SHOTS")


@pytest.fixture
def live(store):
    with LiveServer(store) as server:
        yield server


def _in_view(locator) -> bool:
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }")


def _shot(page, name: str, tmp_path: Path) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name))


def test_a_timeline_entry_leads_to_its_source_sentence_marked_in_the_article(live, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(live.url + "/")
    page.locator("a.story-link").first.click()
    page.wait_for_url("**/story/**")
    story_id = page.url.rsplit("/", 1)[-1]
    assert page.locator("#axis svg a.mark").count() == page.locator("li.entry").count() > 10
    _shot(page, "story.png", tmp_path)

    # An entry of the example corpus (not the hostile article), a few days into the story.
    timeline = page.request.get(f"{live.url}/api/timeline?story={story_id}").json()
    number = next(i for i, entry in enumerate(timeline) if i >= 5 and entry["sources"][0]["article"] != PROBE_ID)
    mark = page.locator(f"#axis svg a.mark[data-entry='{number}']")
    mark.click()
    entry = page.locator(f"#entry-{number}")
    assert page.url.endswith(f"#entry-{number}")
    assert "selected" in entry.get_attribute("class") and "selected" in mark.get_attribute("class")
    assert _in_view(entry)

    source = timeline[number]["sources"][0]
    text = page.request.get(f"{live.url}/api/articles/{source['article']}").json()["text"]
    entry.locator("a.summary").click()
    page.wait_for_url("**/article/**")
    assert f"start={source['start']}&end={source['end']}" in page.url
    target = page.locator("#target")
    assert target.is_visible() and _in_view(target)
    marked = "".join(page.locator("#text .target").all_inner_texts())
    assert marked == text[source["start"] : source["end"]]
    assert page.locator("#text .entity").count() > 0 and page.locator("#text .event").count() > 0
    _shot(page, "article.png", tmp_path)


def test_the_timeline_zooms_and_keeps_gaps_to_scale(live, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(live.url + "/story/story-1")
    marks = page.locator("#axis svg a.mark rect")
    before = [float(marks.nth(i).get_attribute("x")) for i in range(marks.count())]
    labels = page.locator("#axis .ticks text").all_inner_texts()
    page.locator("button[data-zoom=in]").click()
    page.locator("button[data-zoom=in]").click()
    after = page.locator("#axis .ticks text").all_inner_texts()
    assert after != labels
    shown = page.locator("#axis svg a.mark:not(.off) rect")
    assert 0 < shown.count() <= marks.count()
    page.locator("button[data-zoom=reset]").click()
    assert [float(marks.nth(i).get_attribute("x")) for i in range(marks.count())] == pytest.approx(before, abs=0.2)


def test_events_are_filtered_by_actor(live, browser):
    page = browser.new_page()
    page.goto(live.url + "/story/story-1")
    all_rows = page.locator("#events-table tbody tr").count()
    option = page.locator("#actor option").nth(1)
    entity, name = option.get_attribute("value"), option.inner_text().rsplit(" (", 1)[0]
    page.select_option("#actor", entity)  # the select submits itself
    page.wait_for_url(f"**actor={entity}**")
    rows = page.locator("#events-table tbody tr")
    assert 0 < rows.count() < all_rows
    for index in range(rows.count()):
        row = rows.nth(index)
        assert name in row.locator("td.actor").inner_text() + row.locator("td.target").inner_text()
    assert name in page.locator(".filtered").inner_text()


def test_a_word_is_found_and_marked_where_it_stands(live, browser):
    page = browser.new_page()
    page.goto(live.url + "/")
    search = page.locator("header form.search input[name=q]")
    search.fill("diplomacy")
    search.press("Enter")
    page.wait_for_url("**/search?q=diplomacy")
    hits = page.locator("li.hit")
    assert hits.count() >= 3
    assert {text.lower() for text in page.locator("li.hit .snippet mark").all_inner_texts()} == {"diplomacy"}
    hits.first.locator("a.hit-title").click()
    page.wait_for_url("**/article/**")
    assert "".join(page.locator("#text .target").all_inner_texts()).lower() == "diplomacy"


def test_an_uploaded_file_is_built_and_shown(live, browser, tmp_path):
    upload = tmp_path / "kvistholm.txt"
    upload.write_text(
        "UN Secretary-General Antonio Guterres on Thursday met the Kvistholm delegation in Geneva to discuss the crisis in Ukraine, "
        "his spokesman said in a statement.\n\nThe Kvistholm envoys told reporters that the talks with Guterres had been useful "
        "and that they would meet Russian and Ukrainian officials next week.",
        encoding="utf-8",
    )
    page = browser.new_page()
    page.goto(live.url + "/upload")
    page.set_input_files("#files", str(upload))
    page.locator("form#upload button[type=submit]").click()
    status = page.locator("#job-status")
    status.filter(has_text="Done").wait_for(timeout=240_000)
    link = page.locator("a.new-article")
    assert link.count() == 1, page.request.get(live.url + "/api/jobs").json()
    assert link.inner_text() == "kvistholm.txt"
    link.click()
    page.wait_for_url("**/article/kvistholm.txt")
    assert "Kvistholm delegation" in page.locator("#text").inner_text()
    page.goto(live.url + "/search?q=Kvistholm")
    assert page.locator("li.hit a.hit-title").first.get_attribute("href").startswith("/article/kvistholm.txt")
    page.goto(live.url + "/articles")
    assert page.locator("a.article-link", has_text="Kvistholm").count() == 1


@pytest.mark.parametrize("path", [f"/article/{PROBE_ID}", "/", "/articles", "/story/story-1", "/search?q=pwned", "/search?q=probe"])
def test_a_hostile_article_runs_nothing(live, browser, path):
    page = browser.new_page()
    page.goto(live.url + path)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("img").count() == 0
    if path.startswith("/article/"):
        assert page.locator("h1").inner_text() == PAYLOAD_TITLE
        text = page.locator("#text").inner_text()
        assert PAYLOAD_SCRIPT in text and PAYLOAD_IMG in text


def test_the_payload_is_escaped_in_the_markup(store):
    with make_client(store) as client:
        for path in (f"/article/{PROBE_ID}", "/search?q=pwned", "/story/story-1", "/articles"):
            page = client.get(path).text
            assert "<script>window.__pwned" not in page and "<img src=x" not in page
            assert "&lt;script&gt;window.__pwned" in page or "&lt;img src=x" in page
