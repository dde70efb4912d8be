"""Kept pages answered on the wire (`wire.KeptOnTheWire`): the same bytes as through ASGI, without a task.

The protocol is fed raw requests through a transport that only records what is
written. An answer that is there as soon as `data_received` returns was written
on the wire; one that needs the event loop to run went through the app.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gzip

import pytest
import uvicorn
from uvicorn.server import ServerState

from app.settings import Settings
from app.web.app import create_app
from app.web.runtime import runtime_of
from app.web.wire import KeptOnTheWire

from .test_fast import ANSWER, Counter, client_of

DATE = (b"date", b"Thu, 03 Dec 2026 12:00:00 GMT")
GZIP = {"accept-encoding": "gzip"}
IDENTITY = {"accept-encoding": "identity"}


class Recorded(asyncio.Transport):
    """A transport that keeps what is written and whether it was closed."""

    def __init__(self) -> None:
        super().__init__()
        self.written = bytearray()
        self.closed = False

    def write(self, data) -> None:
        self.written += data

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_extra_info(self, name, default=None):
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 40000)}.get(name, default)

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


def connect(app) -> tuple[KeptOnTheWire, Recorded]:
    config = uvicorn.Config(
        app, server_header=False, proxy_headers=False, access_log=False, http=KeptOnTheWire, lifespan="off"
    )
    state = ServerState()
    state.default_headers = [DATE]
    protocol = KeptOnTheWire(config, state, {}, asyncio.get_running_loop())
    transport = Recorded()
    protocol.connection_made(transport)
    return protocol, transport


def request(path: str, headers: dict[str, str], method: str = "GET", version: str = "1.1") -> bytes:
    lines = [f"{method} {path} HTTP/{version}", "host: testserver", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def split(raw: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers (lower-case names, the date left out) and body of one written answer."""
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = [(name.lower(), value) for name, _, value in (line.partition(": ") for line in lines)]
    return int(status_line.split()[1]), [(k, v) for k, v in headers if k != "date"], body


async def until_written(transport: Recorded, answers: int = 1) -> None:
    for _ in range(500):
        if transport.written.count(b"HTTP/1.1 ") >= answers:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("nothing was written")


@pytest.fixture
async def primed(bundled_app):
    """The bundled app with the step page, the answer page and an error page kept, and the ASGI answers."""
    answers = {}
    async with client_of(bundled_app) as c:
        for path in ("/sv/kontaktforbud", ANSWER, "/en/nowhere"):
            await c.get(path)
            for name, headers in (("gzip", GZIP), ("identity", IDENTITY)):
                answers[path, name] = await c.get(path, headers=headers)
                answers[path, name, "HEAD"] = await c.head(path, headers=headers)
    return bundled_app, answers


@pytest.mark.parametrize("path", ["/sv/kontaktforbud", ANSWER, "/en/nowhere"])
@pytest.mark.parametrize("encoding", ["gzip", "identity"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
async def test_a_kept_page_is_written_at_once_with_the_bytes_asgi_sends(primed, path, encoding, method):
    app, answers = primed
    protocol, transport = connect(app)
    protocol.data_received(request(path, {"accept-encoding": encoding}, method))
    assert transport.written, "not answered on the wire"
    status, headers, body = split(bytes(transport.written))
    expected = answers[path, encoding] if method == "GET" else answers[path, encoding, "HEAD"]
    assert status == expected.status_code
    assert headers == [(k, v) for k, v in expected.headers.multi_items() if k != "date"]
    unpacked = gzip.decompress(body) if body and encoding == "gzip" else body
    assert unpacked == (b"" if method == "HEAD" else expected.content)
    assert transport.written.startswith(b"HTTP/1.1 ") and b"date: Thu, 03 Dec 2026" in transport.written
    assert not transport.closed and protocol.timeout_keep_alive_task is not None  # kept alive, timer armed
    protocol.connection_lost(None)


async def test_a_304_is_written_at_once_for_a_matching_etag(primed):
    app, answers = primed
    etag = answers["/sv/kontaktforbud", "gzip"].headers["etag"]
    protocol, transport = connect(app)
    protocol.data_received(request("/sv/kontaktforbud", {**GZIP, "if-none-match": etag}))
    status, headers, body = split(bytes(transport.written))
    assert status == 304 and body == b"" and ("etag", etag) in headers
    assert "content-length" not in dict(headers)


async def test_a_miss_goes_through_the_app_and_is_then_kept_for_the_wire():
    protocol, transport = connect(create_app(Settings()))  # its own app: nothing kept yet
    protocol.data_received(request("/sv/skyddat-boende", GZIP))
    assert not transport.written, "a page not kept yet was answered without the app"
    await until_written(transport)
    first = split(bytes(transport.written))
    assert first[0] == 200
    transport.written.clear()
    protocol.data_received(request("/sv/skyddat-boende", GZIP))
    assert split(bytes(transport.written)) == first


async def test_pipelined_requests_are_answered_in_order(primed):
    app, _ = primed
    protocol, transport = connect(app)
    # The first is not kept (a query written another way), the second is: it must wait its turn.
    protocol.data_received(request("/sv/kontaktforbud?x=1", IDENTITY) + request("/en/nowhere", IDENTITY))
    assert not transport.written
    await until_written(transport, answers=2)
    first, _, second = bytes(transport.written).partition(b"HTTP/1.1 404")
    assert first.startswith(b"HTTP/1.1 200") and b"/sv/kontaktforbud" in first
    assert b'lang="en"' in second


async def test_a_client_that_does_not_read_is_not_written_more(primed):
    app, _ = primed
    protocol, transport = connect(app)
    protocol.pause_writing()  # the transport's buffer is full
    protocol.data_received(request("/sv/kontaktforbud", IDENTITY))
    assert not transport.written
    await asyncio.sleep(0.05)
    assert not transport.written  # uvicorn waits for the buffer to drain
    protocol.resume_writing()
    await until_written(transport)
    assert transport.written.startswith(b"HTTP/1.1 200")


async def test_http_1_0_is_answered_and_closed(primed):
    app, answers = primed
    protocol, transport = connect(app)
    protocol.data_received(request("/sv/kontaktforbud", IDENTITY, version="1.0"))
    status, headers, body = split(bytes(transport.written))
    assert status == 200 and ("connection", "close") in headers and transport.closed
    assert body == answers["/sv/kontaktforbud", "identity"].content


async def test_another_host_or_method_is_left_to_the_app(minimal):
    app = create_app(Settings(content_dir=minimal, allowed_hosts=("vagvisaren.exempel.se",)))
    async with client_of(app) as c:
        await c.get("/sv/hjalp", headers={"host": "vagvisaren.exempel.se"})
    assert runtime_of(app).kept.get(b"/sv/hjalp") is not None
    protocol, transport = connect(app)
    protocol.data_received(request("/sv/hjalp", {}))  # host: testserver, not allowed
    assert not transport.written
    await until_written(transport)
    assert transport.written.startswith(b"HTTP/1.1 400")
    protocol, transport = connect(app)
    protocol.data_received(b"OPTIONS /sv/hjalp HTTP/1.1\r\nhost: vagvisaren.exempel.se\r\n\r\n")
    assert not transport.written


async def test_a_step_answered_on_the_wire_is_told_to_the_observer(minimal):
    app = create_app(Settings(content_dir=minimal))
    counter = Counter()
    app.state.runtime = dataclasses.replace(runtime_of(app), observer=counter)
    async with client_of(app) as c:
        await c.get("/sv/hjalp")
    protocol, transport = connect(app)
    protocol.data_received(request("/sv/hjalp", GZIP) + request("/sv/hjalp", GZIP, method="HEAD"))
    assert transport.written.count(b"HTTP/1.1 200") == 2
    assert counter.shown == [("sv", "hjalp"), ("sv", "hjalp")]  # rendered, then on the wire; HEAD shows nothing


async def test_any_other_app_is_served_as_uvicorn_serves_it():
    async def plain(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    protocol, transport = connect(plain)
    protocol.data_received(request("/", {}))
    assert not transport.written
    await until_written(transport)
    assert transport.written.endswith(b"\r\n\r\nok")
