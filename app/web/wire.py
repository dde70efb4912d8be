"""Kept pages answered on the wire: uvicorn's HTTP protocol, with the fast path's hits written straight out.

Through ASGI, even a page kept in memory costs a task, a scope, an event and a
round of messages per request, and that is most of what a request costs. For a GET
or HEAD of a kept address, `KeptOnTheWire` asks the fast path (`FastPath.answer_now`)
as soon as the request's headers are read, and writes the answer it gets with
uvicorn's own status line and default headers (the date): the same bytes the ASGI
path sends. Everything else goes on to the app as before: a miss, another method,
an upgrade, a request that arrives while the one before it on the connection is
still being answered (pipelined answers keep their order), a client that is not
reading what it is sent (uvicorn then waits for it, rather than our buffering
answer after answer), and any server whose app is not ours.
"""

from __future__ import annotations

import asyncio

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from .fast import FastPath


class Answered:
    """Stands in for the request-response cycle of a request answered on the wire: complete, nobody waiting."""

    response_complete = True
    disconnected = False
    message_event = asyncio.Event()


ANSWERED = Answered()


class KeptOnTheWire(HttpToolsProtocol):
    def on_headers_complete(self) -> None:
        if not self._answered_on_the_wire():
            super().on_headers_complete()

    def _answered_on_the_wire(self) -> bool:
        fast = fast_path_of(self.app)
        if fast is None or self.flow.write_paused or (self.cycle is not None and not self.cycle.response_complete):
            return False
        method = self.parser.get_method()
        if method not in (b"GET", b"HEAD") or self.parser.should_upgrade() or self.transport.is_closing():
            return False
        try:
            url = httptools.parse_url(self.url)
        except httptools.HttpParserError:  # uvicorn's own path answers it as it always has
            return False
        path = self.root_path.encode("ascii") + url.path
        key = path + b"?" + url.query if url.query else path
        answer = fast.answer_now(method.decode(), key, self.headers)
        if answer is None:
            return False
        status, headers, body = answer
        keep_alive = self.parser.get_http_version() != "1.0" and self.parser.should_keep_alive()
        out = [STATUS_LINE[status]]
        for name, value in (*self.server_state.default_headers, *headers):
            out += (name, b": ", value, b"\r\n")
        out.append(b"\r\n" if keep_alive else b"connection: close\r\n\r\n")
        out.append(body)
        self.transport.write(b"".join(out))
        self.cycle = ANSWERED  # type: ignore[assignment]
        if not keep_alive:
            self.transport.close()
        self.on_response_complete()
        return True


def fast_path_of(app: object) -> FastPath | None:
    """The fast path in front of our app, once its stack is built; None for any other app."""
    state = getattr(app, "state", None)
    fast = getattr(state, "fast_path", None)
    return fast if isinstance(fast, FastPath) else None
