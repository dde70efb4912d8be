"""Kept pages served straight from memory: the hot path of the guide.

Every step, the all-topics page and the helplines page are pure functions of
(site, mode, language, name), rendered once by `render.Site` and kept with a strong
ETag and a gzipped copy. This middleware answers GET and HEAD for them before the
framework's router, with 304 for a matching `If-None-Match` and gzip where the client
accepts it. Everything else (forms, errors, the API) goes on to the app.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from ..urls import KEPT, kept_address
from .headers import accepts_gzip
from .render import Site
from .runtime import PageObserver


class KeptPages:
    """Serves kept pages; a step page served (GET, 200 or 304) is told to the runtime's observer."""

    def __init__(
        self, app: ASGIApp, sites: Callable[[str | None], Site | None], observer: Callable[[], PageObserver]
    ) -> None:
        self.app = app
        self.sites = sites
        self.observer = observer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        address = kept_address(scope["path"]) if scope["type"] == "http" else None
        if address is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        site = self.sites(address.slug)
        page = site.page(address.lang, address.name, address.embed) if site is not None else None
        if page is None:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "GET" and address.name not in KEPT:
            self.observer().step_shown(address.lang, address.name)
        headers = dict(scope["headers"])
        zipped = accepts_gzip(headers.get(b"accept-encoding", b""))
        etag = page.etag[:-1] + b'-gzip"' if zipped else page.etag
        out = [(b"etag", etag), (b"vary", b"Accept-Encoding"), (b"content-type", b"text/html; charset=utf-8")]
        if etag in headers.get(b"if-none-match", b"") or headers.get(b"if-none-match") == b"*":
            await send({"type": "http.response.start", "status": 304, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        body = page.gzipped if zipped else page.body
        if zipped:
            out.append((b"content-encoding", b"gzip"))
        out.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
