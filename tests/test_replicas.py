"""Two replicas behind a round-robin proxy serve exactly what one process serves: nothing is shared between them.

A page is a function of its address and the content, and the free-text form answers
with a redirect to such an address, so a conversation can move between processes at
every request. The test walks one through a proxy that sends each new connection to
the other server, one request per connection, and compares every page with the same
walk on a single process.
"""

from __future__ import annotations

import itertools
import select
import socket
import tempfile
import threading
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup

from tests.test_server import Server

CONTENT = Path(__file__).parent.parent / "content"


class RoundRobin:
    """A TCP proxy on the loopback: each new connection goes to the next server in turn."""

    def __init__(self, ports: list[int]) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.turns = itertools.cycle(ports)
        self.chosen: list[int] = []  # the server's port, per connection
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed at the end of the test
            port = next(self.turns)
            self.chosen.append(port)
            server = socket.create_connection(("127.0.0.1", port), timeout=30)
            threading.Thread(target=relay, args=(client, server), daemon=True).start()

    def close(self) -> None:
        self.listener.close()


def relay(client: socket.socket, server: socket.socket) -> None:
    """Bytes both ways until either side closes."""
    with client, server, suppress(OSError):
        while True:
            readable, _, _ = select.select([client, server], [], [], 60)
            if not readable:
                return
            for source in readable:
                data = source.recv(65536)
                if not data:
                    return
                (server if source is client else client).sendall(data)


@dataclass(frozen=True)
class Page:
    method: str
    path: str
    status: int
    location: str | None
    content_type: str | None
    body: str


class Walker:
    """Walks the dialogue by its own links, one connection per request, recording every page."""

    def __init__(self, base_url: str) -> None:
        # `Connection: close`: every request is a new connection, so the proxy can alternate.
        self.client = httpx.Client(base_url=base_url, headers={"Connection": "close"}, timeout=60)
        self.pages: list[Page] = []

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> BeautifulSoup:
        response = self.client.request(method, path, data=form)
        page = Page(
            method,
            path,
            response.status_code,
            response.headers.get("location"),
            response.headers.get("content-type"),
            response.text,
        )
        self.pages.append(page)
        return BeautifulSoup(response.text, "html.parser")

    def follow(self, soup: BeautifulSoup, selector: str, index: int = 0) -> BeautifulSoup:
        links = soup.select(selector)
        assert len(links) > index, f"no {selector} on {self.pages[-1].path}"
        return self.request("GET", links[index]["href"])

    def ask(self, soup: BeautifulSoup, text: str) -> BeautifulSoup:
        """Send the page's free-text form, then follow the 303 to the reply (on the next connection)."""
        form = soup.select_one("form.ask")
        assert form is not None, f"no free-text form on {self.pages[-1].path}"
        fields = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
        self.request("POST", form["action"], {**fields, "q": text})
        assert self.pages[-1].status == 303, self.pages[-1].body
        return self.request("GET", self.pages[-1].location)

    def walk(self) -> list[Page]:
        """Start, two choices, Back, choices down to a topic, its print page, English, the form, and a reply's link."""
        start = self.request("GET", "/sv/start")
        question = self.follow(self.follow(start, "a.option", 1), "a.option")
        again = self.follow(self.follow(question, "a.back-link"), "a.option")
        topic = self.follow(again, "a.option")
        self.follow(topic, 'a[href$="/skriv-ut"]')
        english = self.follow(topic, 'a.language[hreflang="en"]')
        reply = self.ask(english, "He hits me and I want a contact ban")
        self.follow(reply, 'main a[href^="/en/"]')
        self.client.close()
        return self.pages


@pytest.fixture
def replicas():
    """Two `python -m app serve` processes on the bundled content, each with its own port and nothing else."""
    with ExitStack() as stack:
        servers = []
        for _ in range(2):
            server = Server(CONTENT, stack.enter_context(tempfile.TemporaryFile()))
            stack.callback(server.stop)
            servers.append(server)
        yield servers


def test_a_conversation_moves_between_two_replicas_and_sees_what_one_process_shows(replicas):
    proxy = RoundRobin([server.port for server in replicas])
    try:
        alternating = Walker(f"http://127.0.0.1:{proxy.port}").walk()
    finally:
        proxy.close()
    single = Walker(replicas[0].url).walk()

    assert [page.status for page in alternating] == [200] * 8 + [303, 200, 200]
    assert alternating == single
    ports = [server.port for server in replicas]
    assert proxy.chosen == [ports[turn % 2] for turn in range(len(alternating))]  # one request per connection
