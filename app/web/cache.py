"""Kept pages: what a route marks as a function of its address, and the bounded memory that holds them.

A route whose page depends on nothing but its address (and the loaded runtime)
answers with `KeptResponse`: the page's bytes, and a marker (`Kept`) on the
response's start message saying which address the page belongs to (written with
`urls.Urls`, so in its one canonical form), its language and the step it shows.
The marker travels inside the ASGI message, never as a header, and the fast path
(`fast.FastPath`) takes it off before anything is sent.

The fast path turns a marked response into an `Entry`: the complete header block
of each variant (plain, gzip, 304 for either), the security headers included,
built once, and keeps it in `KeptPages`, a least-recently-used memory bounded by
bytes. Conversation addresses carry a path and have no end in number, so only a
bounded memory can keep them. An entry holds the gzipped page only (a third of
its size): every browser asks for gzip. The rare client that does not gets it
unpacked, from a small memory of its own for the pages such clients ask for again.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from dataclasses import dataclass

from fastapi.responses import HTMLResponse
from starlette.types import Message, Receive, Scope, Send

from .templating import Page

# The key of the marker in the response's start message.
MARK = "vagvisaren.kept"
# What the memory of one runtime may hold, gzipped pages and the rest of each entry (about 6 KB
# for a step): every page of the real guide in both languages and modes (948, 5.6 MB) fits.
BUDGET_BYTES = 6 * 2**20
# Unpacked pages for clients that take no gzip (scripts, some crawlers): a few dozen steps.
UNPACKED_BUDGET_BYTES = 2**20
# Per entry, above its gzipped page and its key: the entry, its header lists and their new
# tuples, the memory's own link (2.3 KB measured with tracemalloc in `python -m benchmarks.run`).
ENTRY_OVERHEAD = 2304
# Headers the fast path writes itself; any the app sent are dropped from the kept block.
OWN = {b"content-length", b"content-encoding", b"etag", b"vary"}
# Representation headers a 304 leaves out (RFC 9110, 15.4.5).
NOT_IN_304 = OWN | {b"content-type"}
VARY = (b"vary", b"Accept-Encoding")

Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True)
class Kept:
    """What a route says about its page: the page, its canonical address, its language, the step it shows."""

    page: Page
    address: str
    lang: str
    step: str | None = None


class KeptResponse(HTMLResponse):
    """An HTML page that is a function of its address, marked so the fast path may keep it."""

    def __init__(self, kept: Kept, status_code: int = 200, headers: dict[str, str] | None = None) -> None:
        super().__init__(kept.page.body, status_code=status_code, headers=headers)
        self.kept = kept

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, MARK: self.kept}
            await send(message)

        await super().__call__(scope, receive, marked)


@dataclass(frozen=True, slots=True)
class Entry:
    """A kept response: the bodies and each variant's full header block, made once."""

    status: int
    lang: str
    step: str | None
    gzipped: bytes
    etag: bytes
    gzip_etag: bytes
    plain: Headers
    zipped: Headers
    plain_304: Headers
    zipped_304: Headers
    size: int

    @classmethod
    def of(cls, kept: Kept, status: int, headers: Headers, key: bytes) -> Entry:
        """The entry for a marked response, from the headers the whole stack gave it."""
        page = kept.page
        etag, gzip_etag = page.etag, page.etag[:-1] + b'-gzip"'
        own = [(name, value) for name, value in headers if name.lower() not in OWN]
        short = [(name, value) for name, value in headers if name.lower() not in NOT_IN_304]
        # An error page carries no ETag: conditions apply to a 2xx answer only (RFC 9110, 13.2.1).
        tagged = status == 200
        plain = [*own, *([(b"etag", etag)] if tagged else []), VARY, (b"content-length", b"%d" % len(page.body))]
        zipped = [
            *own,
            *([(b"etag", gzip_etag)] if tagged else []),
            VARY,
            (b"content-encoding", b"gzip"),
            (b"content-length", b"%d" % len(page.gzipped)),
        ]
        blocks = (plain, zipped, [*short, (b"etag", etag), VARY], [*short, (b"etag", gzip_etag), VARY])
        size = len(page.gzipped) + len(key) + ENTRY_OVERHEAD
        return cls(status, kept.lang, kept.step, page.gzipped, etag, gzip_etag, *blocks, size)

    def body(self) -> bytes:
        """The page unpacked, for a client that does not take gzip."""
        return zlib.decompress(self.gzipped, wbits=31)


class KeptPages:
    """Entries by exact address (path, and query if any), least recently used dropped first past the budget.

    Used from the event loop only, so it needs no lock. Each runtime has its own, so
    a reload starts from an empty memory and never serves a page of the old content.
    """

    def __init__(self, budget: int = BUDGET_BYTES, unpacked_budget: int = UNPACKED_BUDGET_BYTES) -> None:
        self.budget = budget
        self.bytes = 0
        self._entries: OrderedDict[bytes, Entry] = OrderedDict()
        self.unpacked_budget = unpacked_budget
        self.unpacked_bytes = 0
        self._unpacked: OrderedDict[bytes, bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: bytes) -> Entry | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: bytes, entry: Entry) -> None:
        if entry.size > self.budget:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old.size
        self._entries[key] = entry
        self.bytes += entry.size
        while self.bytes > self.budget:
            _, dropped = self._entries.popitem(last=False)
            self.bytes -= dropped.size

    def unpacked(self, entry: Entry) -> bytes:
        """The entry's page unpacked, kept by its ETag (a hash of the page), least recently used dropped first."""
        body = self._unpacked.get(entry.etag)
        if body is not None:
            self._unpacked.move_to_end(entry.etag)
            return body
        body = entry.body()
        if len(body) <= self.unpacked_budget:
            self._unpacked[entry.etag] = body
            self.unpacked_bytes += len(body)
            while self.unpacked_bytes > self.unpacked_budget:
                _, dropped = self._unpacked.popitem(last=False)
                self.unpacked_bytes -= len(dropped)
        return body
