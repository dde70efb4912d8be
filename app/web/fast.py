"""The fast path: pages that are a function of their address, answered before the whole middleware stack.

It is the outermost layer of the app. For GET and HEAD it looks the exact address
(path, and query if any) up in the current runtime's `KeptPages`; a kept entry is
answered with its header block made once (the security headers included), gzip
where the client accepts it, 304 for a matching `If-None-Match`, and nothing else
runs. Anything else goes through the stack; when the route marked its page as a
function of its address (`cache.KeptResponse`), the fast path takes the marker off,
answers from the new entry the same way, and keeps it when the address asked for
is the page's canonical one. So an address written another way (`?fara=1&till=a`
for `?till=a&fara=1`, an extra query) is still answered by the app, never kept.

Served by `python -m app serve`, a hit is answered sooner still: the server's own
protocol (`wire.KeptOnTheWire`) asks `answer_now` as soon as the headers are read.

Every page that shows a step, kept or not yet, is reported once to the runtime's
`PageObserver`, with its language and step id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .cache import MARK, Entry, Headers, Kept
from .headers import AllowedHosts, accepts_gzip
from .runtime import SCOPE_KEY, Runtime

log = logging.getLogger("vagvisaren")
# Distinct Accept-Encoding values remembered: browsers send a handful; anything past this is parsed each time.
ENCODINGS_REMEMBERED = 64


class FastPath:
    def __init__(
        self, app: ASGIApp, current: Callable[[], Runtime], allowed_hosts: tuple[str, ...], cors: bool = False
    ) -> None:
        self.app = app
        self.current = current
        self.hosts = AllowedHosts(allowed_hosts)
        # With CORS on, a request with an Origin header gets headers of its own: never kept, never a hit.
        self.cors = cors
        self._gzip: dict[bytes, bool] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        current = self.current()
        scope[SCOPE_KEY] = current
        method, headers = scope["method"], scope["headers"]
        accept, condition, keep = self._read(headers)
        path = scope.get("raw_path") or scope["path"].encode()
        query = scope["query_string"]
        key = path + b"?" + query if query else path
        entry = current.kept.get(key) if keep else None
        if entry is not None and self.hosts.allow(headers):
            await self._send(current, entry, method, accept, condition, send)
            return

        answered = False

        async def capture(message: Message) -> None:
            nonlocal answered
            if answered:
                return
            if message["type"] == "http.response.start" and MARK in message:
                kept: Kept = message.pop(MARK)
                made = Entry.of(kept, message["status"], message.get("headers", []), key)
                if keep and kept.address.encode() == key:
                    current.kept.put(key, made)
                answered = True
                await self._send(current, made, method, accept, condition, send)
                return
            await send(message)

        await self.app(scope, receive, capture)

    def answer_now(self, method: str, key: bytes, headers: Headers) -> tuple[int, Headers, bytes] | None:
        """The answer to a GET or HEAD of a kept address (path, and query if any), or None.

        The same answer `__call__` gives, without an ASGI cycle: `wire.KeptOnTheWire`
        writes it straight to the connection.
        """
        current = self.current()
        accept, condition, keep = self._read(headers)
        entry = current.kept.get(key) if keep else None
        if entry is None or not self.hosts.allow(headers):
            return None
        answer = self._variant(current, entry, method, accept, condition)
        self._shown(current, entry, method)
        return answer

    async def _send(
        self, current: Runtime, entry: Entry, method: str, accept: bytes, condition: bytes | None, send: Send
    ) -> None:
        status, headers, body = self._variant(current, entry, method, accept, condition)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        self._shown(current, entry, method)

    def _read(self, headers: Headers) -> tuple[bytes, bytes | None, bool]:
        """(Accept-Encoding, If-None-Match, whether the request may be kept) from the request's headers."""
        accept, condition, origin = b"", None, False
        for name, value in headers:
            if name == b"accept-encoding":
                accept = value
            elif name == b"if-none-match":
                condition = value
            elif name == b"origin":
                origin = True
        return accept, condition, not (origin and self.cors)

    def _variant(
        self, current: Runtime, entry: Entry, method: str, accept: bytes, condition: bytes | None
    ) -> tuple[int, Headers, bytes]:
        """Status, header block and body of the variant the request asks for: gzip or not, 304 or not, HEAD or GET."""
        zipped = self._accepts_gzip(accept) if accept else False
        etag = entry.gzip_etag if zipped else entry.etag
        if entry.status == 200 and condition is not None and (etag in condition or condition.strip() == b"*"):
            return 304, entry.zipped_304 if zipped else entry.plain_304, b""
        headers = entry.zipped if zipped else entry.plain
        if method == "HEAD":
            return entry.status, headers, b""
        return entry.status, headers, entry.gzipped if zipped else current.kept.unpacked(entry)

    @staticmethod
    def _shown(current: Runtime, entry: Entry, method: str) -> None:
        if entry.step is not None and method == "GET":
            try:
                current.observer.step_shown(entry.lang, entry.step)
            except Exception as error:  # counting must never cost a person her page
                log.error("the page observer raised %s", type(error).__name__)

    def _accepts_gzip(self, accept: bytes) -> bool:
        found = self._gzip.get(accept)
        if found is None:
            found = accepts_gzip(accept)
            if len(self._gzip) < ENCODINGS_REMEMBERED:
                self._gzip[accept] = found
        return found
