"""`python -m app links`, against a server of our own on 127.0.0.1, never the internet."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from app import links
from app.__main__ import main
from app.content.validate import load_guide

SLOW_SECONDS = 2.0
TIMEOUT = 0.5


class Answers(BaseHTTPRequestHandler):
    """Each path answers one way a real site might."""

    seen_agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        Answers.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        status, location = {
            "/ok": (200, None),
            "/moved": (301, "/new-place"),
            "/gone": (404, None),
            "/error": (500, None),
            "/slow": (200, None),
        }[self.path]
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        """Quiet: the test reads results, not the server's log."""


@pytest.fixture
def local_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


async def test_each_answer_is_sorted_into_ok_moved_or_broken(local_site):
    urls = [f"{local_site}{path}" for path in ("/ok", "/moved", "/gone", "/error", "/slow")]
    progress = io.StringIO()
    results = {r.url: r for r in await links.check_urls(urls, concurrency=2, timeout=TIMEOUT, progress=progress)}
    assert results[f"{local_site}/ok"].verdict == "ok"
    assert results[f"{local_site}/moved"].verdict == "moved"
    assert results[f"{local_site}/moved"].detail == f"301 → {local_site}/new-place"
    assert (results[f"{local_site}/gone"].verdict, results[f"{local_site}/gone"].detail) == ("broken", "404")
    assert (results[f"{local_site}/error"].verdict, results[f"{local_site}/error"].detail) == ("broken", "500")
    assert (results[f"{local_site}/slow"].verdict, results[f"{local_site}/slow"].detail) == (
        "broken",
        "no answer in time",
    )
    assert "checked 5/5" in progress.getvalue()
    assert Answers.seen_agents and all(agent == links.USER_AGENT for agent in Answers.seen_agents)


async def test_a_refused_connection_is_broken_not_a_crash():
    results = await links.check_urls(["http://127.0.0.1:9/"], timeout=TIMEOUT)
    assert results[0].verdict == "broken"
    assert results[0].detail.startswith("ConnectError")


def test_every_source_and_service_address_is_collected_with_the_files_citing_it(minimal):
    guide = load_guide(minimal).guide
    cited = links.cited_urls(guide)
    expected = {s.url for tree in guide.trees.values() for step in tree.steps.values() for s in step.sources}
    expected |= {s.url for service in guide.services.values() for s in service.sources}
    expected |= {service.url for service in guide.services.values() if service.url}
    assert set(cited) == expected
    step = next(step for step in guide.tree("sv").steps.values() if step.sources)
    assert step.path in cited[step.sources[0].url]


def test_the_report_lists_broken_and_moved_addresses_by_the_file_that_cites_them():
    cited = {
        "https://a.example/": ["content/sv/x.md", "content/en/x.md"],
        "https://b.example/": ["content/services/y.yaml"],
    }
    results = [
        links.Result("https://a.example/", "broken", "404"),
        links.Result("https://b.example/", "ok", "200"),
    ]
    text = links.report(cited, results)
    assert text.splitlines() == [
        "content/en/x.md",
        "  broken  https://a.example/  404",
        "content/sv/x.md",
        "  broken  https://a.example/  404",
        "2 addresses: 1 ok, 0 moved, 1 broken",
    ]


def test_the_command_exits_non_zero_when_an_address_is_broken(minimal, monkeypatch, capsys, local_site):
    """The whole command, with the client sent to the local server whatever address it asks for."""
    answers = iter(["/ok", "/gone"] * 50)

    def to_local_site(timeout: float) -> httpx.AsyncClient:
        async def handler(request: httpx.Request) -> httpx.Response:
            async with httpx.AsyncClient() as client:
                return await client.get(local_site + next(answers))

        return httpx.AsyncClient(transport=httpx.MockTransport(handler), timeout=timeout)

    monkeypatch.setattr(links, "make_client", to_local_site)
    assert main(["links", "--content", str(minimal), "--timeout", "5"]) == 1
    captured = capsys.readouterr()
    assert "broken" in captured.out and "addresses:" in captured.out.splitlines()[-1]
    assert "checked" in captured.err
