"""The real server (`python -m app serve`): what it writes, slow clients, and reloading content."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).parent.parent
MARKER = "zqx7marker"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m app serve` on a free port, with everything it writes captured."""

    def __init__(self, content: Path, output) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.output = output
        env = {"PATH": "/usr/bin:/bin", "VAGVISAREN_CONTENT_DIR": str(content)}
        command = [sys.executable, "-m", "app", "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/healthz", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("the server did not start:\n" + self.written())

    def written(self) -> str:
        self.output.seek(0)
        return self.output.read().decode("utf-8", "replace")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def server(bundled_copy):
    with tempfile.TemporaryFile() as output:
        running = Server(bundled_copy, output)
        yield running
        running.stop()


def test_nothing_a_visitor_sends_is_written_anywhere(server):
    headers = {
        "X-Forwarded-For": f"203.0.113.7, {MARKER}",
        "User-Agent": f"Mozilla/5.0 {MARKER}",
        "Referer": f"https://example.org/{MARKER}",
    }
    with httpx.Client(base_url=server.url, headers=headers, timeout=10) as client:
        assert client.get(f"/sv/start?{MARKER}=1").status_code == 200
        assert client.get(f"/sv/{MARKER}").status_code == 404
        assert client.post("/sv/skriv", data={"q": f"{MARKER} han har en kniv"}).status_code == 303
        assert client.post("/sv/skriv", data={"q": " "}).status_code == 400
        assert client.post("/api/v1/en/ask", json={"q": f"{MARKER} contact ban"}).status_code == 200
        assert (
            client.post(
                "/api/v1/en/ask", content=f"{{{MARKER}".encode(), headers={"content-type": "application/json"}
            ).status_code
            == 400
        )
    server.stop()
    written = server.written()
    assert MARKER not in written
    assert "203.0.113.7" not in written
    assert "GET /" not in written and "POST /" not in written
    assert "Uvicorn running on" in written  # the capture works: uvicorn's own start line is there


def test_a_slow_client_does_not_block_others(server):
    slow = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(20)]
    try:
        for conn in slow:
            conn.sendall(b"POST /sv/skriv HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n")  # never finished
        started = time.monotonic()
        response = httpx.get(server.url + "/sv/kontaktforbud", timeout=10)
        assert response.status_code == 200
        assert time.monotonic() - started < 5
    finally:
        for conn in slow:
            conn.close()


def test_sighup_reloads_good_content_and_keeps_serving_on_broken_content(server, bundled_copy):
    title = "Vad gäller det?"
    assert title in httpx.get(server.url + "/sv/start").text

    start = bundled_copy / "sv" / "start.md"
    start.write_text(start.read_text(encoding="utf-8").replace(title, "Vad gäller saken?"), encoding="utf-8")
    server.process.send_signal(signal.SIGHUP)
    wait_for(lambda: "Vad gäller saken?" in httpx.get(server.url + "/sv/start").text)

    (bundled_copy / "en" / "kontaktforbud.md").unlink()
    server.process.send_signal(signal.SIGHUP)
    wait_for(lambda: "content NOT reloaded" in server.written())
    assert "has no twin in en/" in server.written()
    assert httpx.get(server.url + "/en/kontaktforbud").status_code == 200
    assert "Vad gäller saken?" in httpx.get(server.url + "/sv/start").text
    assert server.process.poll() is None


def test_the_reload_command_refuses_broken_content(bundled_copy):
    shutil.rmtree(bundled_copy / "en")
    result = subprocess.run(
        [sys.executable, "-m", "app", "reload", "999999", "--content", str(bundled_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "not reloaded" in result.stdout


def wait_for(condition, seconds: float = 60) -> None:
    """Until `condition` holds: a deadline for a hung server, not a speed limit (a loaded machine reloads slowly)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail("condition not met in time")
