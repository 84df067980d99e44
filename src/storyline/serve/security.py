"""Who may use the server, and what its pages may do.

The articles shown are other people's pages, and the server can add to the store. On the
loopback interface only this machine reaches it; on any other address a token is required, and
checked on every request, static files and the API schema included. The pages run only the
server's own script files: the Content-Security-Policy allows no inline script and no inline
handler, so a `<script>` or an `onerror=` that came in with an article could not run even where
escaping was missed.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.responses import PlainTextResponse, RedirectResponse, Response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "storyline_token"
TOKEN_PARAMETER = "token"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
# Names a browser on this machine uses for the loopback interface.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """Refuse, in one line, to open the store to other machines without a token."""
    if not is_loopback(host) and not token:
        raise ValueError(
            f"serving on {host} lets other machines reach the store; give --token T as well (every request must then carry it)"
        )


class Guard:
    """ASGI middleware in front of every route: the token, the host, cross-site writes, and the
    headers every response carries (the security headers, and Server-Timing: how long the
    handler took, which bench/serve.py reads)."""

    def __init__(self, app: ASGIApp, token: str | None = None, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.token = token
        # When the server is bound to the loopback interface without a token, a page elsewhere
        # could still reach it by a DNS name that resolves to 127.0.0.1: only loopback names pass.
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    if name not in headers:
                        headers[name] = value
                headers.append("Server-Timing", f"app;dur={(time.perf_counter() - started) * 1000:.2f}")
            await send(message)

        refusal = self.refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def refusal(self, scope: Scope) -> Response | None:
        """The response that turns the request away, or None to let it through."""
        headers = Headers(scope=scope)
        if self.hosts is not None and _host_name(headers.get("host", "")) not in self.hosts:
            return PlainTextResponse("storyline: unknown host name; use the address the server printed\n", status_code=400)
        if scope["method"] not in SAFE_METHODS and _cross_site(headers):
            return PlainTextResponse("storyline: a page of another site may not change this store\n", status_code=403)
        if self.token is None:
            return None
        return self._token_refusal(scope, headers)

    def _token_refusal(self, scope: Scope, headers: Headers) -> Response | None:
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [value for name, value in query if name == TOKEN_PARAMETER]
        if given:
            if not self._matches(given[-1]):
                return _unauthorised()
            # The token moves from the address to a cookie, so it is not left in the history.
            rest = urlencode([(name, value) for name, value in query if name != TOKEN_PARAMETER])
            response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), status_code=303)
            response.set_cookie(TOKEN_COOKIE, given[-1], httponly=True, samesite="strict", path="/")
            return response
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer ") and self._matches(authorization[7:].strip()):
            return None
        cookie = cookie_parser(headers.get("cookie", "")).get(TOKEN_COOKIE)
        if cookie is not None and self._matches(cookie):
            return None
        return _unauthorised()

    def _matches(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), (self.token or "").encode())


def _unauthorised() -> Response:
    return PlainTextResponse(
        "storyline: this server needs its token: send `Authorization: Bearer T`, or open any page once with ?token=T\n",
        status_code=401,
        headers={"WWW-Authenticate": "Bearer"},
    )


def _host_name(host: str) -> str:
    """The host of a Host header, without its port: "127.0.0.1:8000" -> "127.0.0.1", "[::1]:80" -> "::1"."""
    return (urlsplit(f"//{host}").hostname or "").lower()


def _cross_site(headers: Headers) -> bool:
    """True for a write sent by a page of another origin (a form posted from elsewhere)."""
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != headers.get("host", "").lower()
