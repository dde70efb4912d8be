"""`serve --workers 2`: `python -m app reload` reaches every worker, and broken content is kept out of all of them.

Which worker answered is read from the kernel, not from the service: the test finds
its connection's server end in /proc/net/tcp and the worker holding that socket, so
the service needs no header or page that names its processes.
"""

from __future__ import annotations

import http.client
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.test_server import free_port

ROOT = Path(__file__).parent.parent
OLD, NEW = "Vad gäller det?", "Vad gäller saken?"
START = 120  # seconds: two workers loading the real content on a busy 2-core machine

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads connections' owners from /proc")


class Workers:
    """`python -m app serve --workers 2` on a free port, everything it writes captured."""

    def __init__(self, content: Path, output) -> None:
        self.port = free_port()
        self.output = output
        env = {"PATH": "/usr/bin:/bin", "VAGVISAREN_CONTENT_DIR": str(content)}
        # Idle connections stay open long enough to look up which worker holds them.
        command = [sys.executable, "-m", "app", "serve", "--port", str(self.port), "--workers", "2"]
        command += ["--timeout-keep-alive", "60"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            until(lambda: len(self.workers()) == 2 and self.written().count("Application startup complete") >= 2)
        except BaseException:
            self.stop()
            print(self.written())
            raise

    def workers(self) -> set[int]:
        """The supervisor's children that serve: uvicorn's spawned workers, not multiprocessing's tracker."""
        children = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                command = (stat.parent / "cmdline").read_bytes()
            except OSError:
                continue  # gone meanwhile
            if int(fields[1]) == self.process.pid and b"multiprocessing.spawn" in command:
                children.add(int(stat.parent.name))
        return children

    def written(self) -> str:
        self.output.seek(0)
        return self.output.read().decode("utf-8", "replace")

    def answers(self, path: str, connections: int = 8) -> list[tuple[int, str]]:
        """Ask on several connections at once, so both workers take some; each answer with its worker's pid."""
        opened = [http.client.HTTPConnection("127.0.0.1", self.port, timeout=60) for _ in range(connections)]
        try:
            for connection in opened:
                connection.request("GET", path)
            answers = []
            for connection in opened:
                response = connection.getresponse()
                body = response.read().decode()
                assert response.status == 200, body
                answers.append((self.worker_of(connection), body))
            return answers
        finally:
            for connection in opened:
                connection.close()

    def worker_of(self, connection: http.client.HTTPConnection) -> int:
        """The worker that accepted this (still open) connection: whose descriptors hold its server end."""
        assert connection.sock is not None
        client_port = connection.sock.getsockname()[1]
        inode = next(
            fields[9]
            for fields in (line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:])
            if fields[1].endswith(f":{self.port:04X}") and fields[2].endswith(f":{client_port:04X}")
        )
        for pid in self.workers():
            for descriptor in Path(f"/proc/{pid}/fd").iterdir():
                try:
                    if descriptor.readlink().name == f"socket:[{inode}]":
                        return pid
                except OSError:
                    continue
        raise AssertionError(f"no worker holds the connection from port {client_port}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


@pytest.fixture
def two_workers(bundled_copy):
    with tempfile.TemporaryFile() as output:
        running = Workers(bundled_copy, output)
        yield running
        running.stop()


def test_reload_reaches_both_workers_and_broken_content_reaches_neither(two_workers, bundled_copy):
    workers = two_workers.workers()
    assert all(OLD in body for _, body in every_worker_answers(two_workers, "/sv/start", workers))

    start = bundled_copy / "sv" / "start.md"
    start.write_text(start.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    reload = subprocess.run(
        [sys.executable, "-m", "app", "reload", str(two_workers.process.pid), "--content", str(bundled_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=START,
    )
    assert reload.returncode == 0, reload.stdout
    until(lambda: two_workers.written().count("content reloaded") == 2)
    answers = every_worker_answers(two_workers, "/sv/start", workers)
    assert all(NEW in body and OLD not in body for _, body in answers)
    assert two_workers.workers() == workers  # reloaded in place, not replaced by new processes

    (bundled_copy / "en" / "kontaktforbud.md").unlink()
    two_workers.process.send_signal(signal.SIGHUP)  # as if the check were skipped: the workers must refuse too
    until(lambda: two_workers.written().count("content NOT reloaded") == 2)
    assert "has no twin in en/" in two_workers.written()
    assert all(NEW in body for _, body in every_worker_answers(two_workers, "/sv/start", workers))
    assert every_worker_answers(two_workers, "/en/kontaktforbud", workers)  # each answers 200
    assert two_workers.workers() == workers and two_workers.process.poll() is None


def every_worker_answers(server: Workers, path: str, workers: set[int]) -> list[tuple[int, str]]:
    """Ask until each worker has answered at least once; every answer collected on the way."""
    answers: list[tuple[int, str]] = []
    deadline = time.monotonic() + START
    while not workers <= {pid for pid, _ in answers}:
        assert time.monotonic() < deadline, f"only workers {sorted({pid for pid, _ in answers})} answered"
        answers += server.answers(path)
    return answers


def until(condition, seconds: float = START) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail("condition not met in time")


def test_a_worker_still_starting_is_not_signalled(monkeypatch):
    """It reads the content from disk anyway, and a SIGHUP before its handler is set would end it."""
    from app import supervisor

    class Worker:
        def __init__(self, pid: int, started: bool) -> None:
            self.pid, self.started = pid, started

        def is_ready(self) -> bool:
            return self.started

    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(supervisor.os, "kill", lambda pid, signal_number: sent.append((pid, signal_number)))
    hub = supervisor.HangupToWorkers.__new__(supervisor.HangupToWorkers)
    hub.processes = [Worker(101, True), Worker(102, False), Worker(103, True)]
    hub.handle_hup()
    assert sent == [(101, signal.SIGHUP), (103, signal.SIGHUP)]
