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

Every page that shows a step, kept or not yet, is reported once to the runtime's
`PageObserver`, with its language and step id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .cache import MARK, Entry, Kept
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
        accept, condition, origin = b"", None, False
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accept = value
            elif name == b"if-none-match":
                condition = value
            elif name == b"origin":
                origin = True
        keep = not (origin and self.cors)
        path = scope.get("raw_path") or scope["path"].encode()
        query = scope["query_string"]
        key = path + b"?" + query if query else path
        entry = current.kept.get(key) if keep else None
        if entry is not None and self.hosts.allow(scope["headers"]):
            await self._answer(current, entry, scope["method"], accept, condition, send)
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
                await self._answer(current, made, scope["method"], accept, condition, send)
                return
            await send(message)

        await self.app(scope, receive, capture)

    async def _answer(
        self, current: Runtime, entry: Entry, method: str, accept: bytes, condition: bytes | None, send: Send
    ) -> None:
        zipped = self._accepts_gzip(accept) if accept else False
        etag = entry.gzip_etag if zipped else entry.etag
        if entry.status == 200 and condition is not None and (etag in condition or condition.strip() == b"*"):
            status, headers, body = 304, entry.zipped_304 if zipped else entry.plain_304, b""
        else:
            status, headers = entry.status, entry.zipped if zipped else entry.plain
            if method == "HEAD":
                body = b""
            elif zipped:
                body = entry.gzipped
            else:
                body = entry.body()
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
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
