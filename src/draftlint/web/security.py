"""Who may use the server, and the headers every answer carries.

* With a token (``--token`` or ``DRAFTLINT_SERVE_TOKEN``) every request needs it: in the
  header ``Authorization: Bearer …`` or ``X-Draftlint-Token``, or in the cookie the page sets
  after ``/?token=…`` (a value derived from the token, not the token). Compared in constant time.
* A POST with a browser's marks (``Origin``, ``Sec-Fetch-Site``) must come from this server's
  own page; a POST authenticated by the cookie alone must carry them (no cross-site forms).
* Bound to a loopback address without a token, only requests addressed to that address are
  answered (``Host``), so a web page elsewhere cannot reach the server by DNS rebinding.
* Every answer: a Content-Security-Policy without inline scripts or styles, nosniff, no
  referrer, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from typing import Iterable

COOKIE = "draftlint_session"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)
_HEADER_NAMES = frozenset(k for k, _ in HEADERS)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def session_value(token: str) -> str:
    """What the cookie holds: derived from the token, so the cookie never carries it."""
    return hmac.new(token.encode("utf-8"), b"draftlint serve session", hashlib.sha256).hexdigest()


def same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


class Guard:
    """Pure ASGI middleware in front of the application."""

    def __init__(self, app, token: str | None, allowed_hosts: Iterable[str] | None):
        self.app = app
        self.token = token
        self.session = session_value(token) if token else None
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in _HEADER_NAMES]
                message = {**message, "headers": headers + list(HEADERS)}
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "").lower()
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return await _plain(send_with_headers, 403, "forbidden: this server answers only to the address it listens on (Host)")
        method = scope["method"]
        browser_ok = _same_origin(headers, host)
        if method not in ("GET", "HEAD") and browser_ok is False:
            return await _plain(send_with_headers, 403, "forbidden: a request from another site (Origin / Sec-Fetch-Site)")
        scope.setdefault("state", {})
        if self.token:
            by_header = self._header_token(headers)
            by_cookie = same(_cookie(headers.get("cookie", ""), COOKIE), self.session)
            if not by_header and not by_cookie:
                if method in ("GET", "HEAD") and scope["path"] == "/":
                    scope["state"]["authorized"] = False
                    return await self.app(scope, receive, send_with_headers)  # the page asks for the token
                return await _plain(send_with_headers, 401, "unauthorized: this server needs its token "
                                    "(header Authorization: Bearer TOKEN or X-Draftlint-Token, or open /?token=TOKEN)")
            if method not in ("GET", "HEAD") and not by_header and browser_ok is not True:
                return await _plain(send_with_headers, 403, "forbidden: a POST with the cookie alone must come from this server's page")
        scope["state"]["authorized"] = True
        return await self.app(scope, receive, send_with_headers)

    def _header_token(self, headers: dict[str, str]) -> bool:
        given = headers.get("x-draftlint-token")
        auth = headers.get("authorization", "")
        if given is None and auth[:7].lower() == "bearer ":
            given = auth[7:].strip()
        return same(given, self.token)


def _same_origin(headers: dict[str, str], host: str) -> bool | None:
    """True: a browser says the request comes from this server's page; False: from elsewhere;
    None: nothing says (a program such as curl, which no other site can make send a request).

    ``Sec-Fetch-Site`` first: browsers set it themselves (no page can forge or drop it), and it
    stays right behind a reverse proxy that serves the page over HTTPS. Older browsers send only
    ``Origin``, compared with the address the request was sent to (``Host``)."""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is not None:
        from urllib.parse import urlsplit

        return origin != "null" and urlsplit(origin).netloc.lower() == host
    return None


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


async def _plain(send, status: int, text: str) -> None:
    import json

    body = json.dumps({"error": text}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def cookie_header(token: str) -> str:
    return f"{COOKIE}={session_value(token)}; Path=/; HttpOnly; SameSite=Strict"
