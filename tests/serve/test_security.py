"""Who may use the server and what its pages may do: the token, the bind address, the host
and cross-site checks, and headers that let no inline script run."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from storyline.cli import main
from storyline.serve.security import CONTENT_SECURITY_POLICY, TOKEN_COOKIE, check_binding, is_loopback

from .conftest import PROBE_ID, make_client

TOKEN = "s3cret-token-for-tests"
PAGES = ("/", "/story/story-1", f"/article/{PROBE_ID}", "/articles", "/search?q=diplomacy", "/upload", "/story/nope")


def test_only_loopback_addresses_are_served_without_a_token():
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host)
        check_binding(host, None)
    for host in ("0.0.0.0", "192.168.1.20", "::", "example.org"):
        assert not is_loopback(host)
        with pytest.raises(ValueError, match="give --token"):
            check_binding(host, None)
        check_binding(host, TOKEN)


def test_the_command_refuses_a_public_address_without_a_token_in_one_line(store, capsys):
    assert main(["serve", "--db", str(store), "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("storyline: error: serving on 0.0.0.0") and "--token" in err


@pytest.fixture
def guarded(store):
    with make_client(store, host="0.0.0.0", token=TOKEN) as client:
        yield client


def test_every_request_without_the_token_is_refused(guarded):
    for path in (*PAGES, "/api/stories", "/api/jobs", "/openapi.json", "/static/app.js", "/nothing-here"):
        response = guarded.get(path)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"] == "Bearer"
    assert guarded.post("/api/uploads", files={"files": ("a.txt", b"x")}).status_code == 401
    assert guarded.get("/api/stories", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/?token=wrong").status_code == 401


def test_the_token_opens_every_request(guarded):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    for path in ("/", "/api/stories", "/openapi.json", "/static/app.js"):
        assert guarded.get(path, headers=headers).status_code == 200, path


def test_a_token_in_the_address_becomes_a_cookie_and_leaves_the_address(guarded):
    response = guarded.get(f"/story/story-1?actor=russia&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/story/story-1?actor=russia"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{TOKEN_COOKIE}=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert guarded.get("/story/story-1?actor=russia").status_code == 200  # the client kept the cookie
    assert guarded.get("/api/events").status_code == 200


def test_a_loopback_server_answers_only_loopback_host_names(client):
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    # A page elsewhere reaching 127.0.0.1 by a name of its own (DNS rebinding) is turned away.
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_a_page_of_another_site_cannot_post_to_the_store(client):
    response = client.post("/api/uploads", files={"files": ("a.txt", b"x")}, headers={"origin": "http://attacker.example"})
    assert response.status_code == 403
    response = client.post("/api/uploads", files={"files": ("a.txt", b"x")}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_every_response_forbids_inline_script(client):
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY
    for path in (*PAGES, "/api/stories", "/static/style.css"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert headers["x-content-type-options"] == "nosniff"
        assert re.fullmatch(r"app;dur=[0-9.]+", headers["server-timing"])


class _Scripts(HTMLParser):
    """Inline scripts and inline event handlers in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.found.append("inline <script>")
        self.found += [f"{tag} {name}=" for name in names if name.startswith("on")]
        if any((value or "").strip().lower().startswith("javascript:") for value in names.values()):
            self.found.append(f"{tag} javascript: URL")


def test_no_page_holds_inline_script_or_handlers(client):
    for path in PAGES:
        parser = _Scripts()
        parser.feed(client.get(path).text)
        assert parser.found == [], path


def test_the_token_may_come_from_the_settings_file(store, tmp_path, monkeypatch):
    import storyline.serve.server as server

    seen = []
    monkeypatch.setattr(server, "serve", lambda options: seen.append(options) or 0)
    config = tmp_path / "storyline.toml"
    config.write_text(f'token = "{TOKEN}"\n')
    assert main(["serve", "--db", str(store), "--host", "0.0.0.0", "--config", str(config)]) == 0
    assert seen and seen[0].token == TOKEN
    assert main(["serve", "--db", str(store), "--host", "0.0.0.0", "--config", str(config), "--token", "other"]) == 0
    assert seen[-1].token == "other"  # the flag wins
