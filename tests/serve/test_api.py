"""The JSON API: every response validates against its model in /openapi.json, and the records
are the export's own, field for field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from storyline.export.json import export_stored_json
from storyline.store.database import Store
from storyline.store.story import RECORD_TYPES

from .conftest import PROBE_ID

EXPORT_SCHEMA = Path(__file__).resolve().parents[2] / "src" / "storyline" / "export" / "storyline-export.schema.json"


@pytest.fixture
def openapi(client) -> dict:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def _validator(openapi: dict, path: str, method: str = "get", status: str = "200") -> Draft202012Validator:
    """A validator of the response the schema promises for one route (its $refs resolved
    against the schema's components)."""
    schema = openapi["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": openapi["components"]})


def test_every_api_route_is_in_the_schema(openapi):
    paths = set(openapi["paths"])
    assert {f"/api/{kind}" for kind in RECORD_TYPES} <= paths
    assert {
        "/api/articles/{article_id}",
        "/api/stories/{story_id}",
        "/api/search",
        "/api/uploads",
        "/api/jobs",
        "/api/jobs/{job_id}",
    } <= paths
    assert not any(path.startswith("/story") or path == "/" for path in paths)  # pages are not API


def test_each_list_validates_against_its_response_model(client, openapi):
    for kind in RECORD_TYPES:
        response = client.get(f"/api/{kind}", params={"limit": 10_000})
        assert response.status_code == 200
        records = response.json()
        assert records, kind
        validator = _validator(openapi, f"/api/{kind}")
        errors = list(validator.iter_errors(records))
        assert errors == [], f"{kind}: {errors[0].message}"
        assert list(validator.iter_errors([{"no such field": 1}])), f"{kind}: the model requires nothing"


def test_the_records_are_the_exports_field_for_field(client, store):
    with Store.for_reading(store) as opened:
        export = json.loads(export_stored_json(opened))
    contract = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    for kind in RECORD_TYPES:
        records = client.get(f"/api/{kind}", params={"limit": 10_000}).json()
        assert records == export[kind], kind
        item_schema = {**contract["properties"][kind]["items"], "$defs": contract["$defs"]}
        assert list(Draft202012Validator(item_schema).iter_errors(records[0])) == [], kind


def test_single_records_and_search_validate(client, openapi):
    article = client.get(f"/api/articles/{PROBE_ID}")
    assert article.status_code == 200 and article.json()["id"] == PROBE_ID
    assert not list(_validator(openapi, "/api/articles/{article_id}").iter_errors(article.json()))
    story = client.get("/api/stories/story-1")
    assert not list(_validator(openapi, "/api/stories/{story_id}").iter_errors(story.json()))
    found = client.get("/api/search", params={"q": "diplomacy"})
    assert not list(_validator(openapi, "/api/search").iter_errors(found.json()))
    hit = found.json()["hits"][0]
    text = client.get(f"/api/articles/{hit['article']}").json()["text"]
    assert text[hit["start"] : hit["end"]].lower() == "diplomacy"
    jobs = client.get("/api/jobs")
    assert jobs.json() == [] and not list(_validator(openapi, "/api/jobs").iter_errors(jobs.json()))


def test_lists_come_in_pages_and_by_story(client):
    everything = client.get("/api/events", params={"limit": 10_000}).json()
    first = client.get("/api/events", params={"limit": 10})
    assert first.json() == everything[:10]
    assert first.headers["x-total-count"] == str(len(everything))
    assert 'rel="next"' in first.headers["link"] and "offset=10" in first.headers["link"]
    assert client.get("/api/events", params={"offset": 10, "limit": 10}).json() == everything[10:20]
    story = client.get("/api/events", params={"story": "story-1", "limit": 10_000}).json()
    assert story and all(event["story"] == "story-1" for event in story)
    mentioned = client.get("/api/entities", params={"story": "story-1", "limit": 10_000}).json()
    assert mentioned and len(mentioned) <= len(client.get("/api/entities", params={"limit": 10_000}).json())


def test_unknown_ids_are_404_with_a_reason(client):
    for path in ("/api/articles/nope", "/api/stories/nope", "/api/jobs/nope", "/api/events?story=nope"):
        response = client.get(path)
        assert response.status_code == 404 and "nope" in response.json()["detail"]
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
