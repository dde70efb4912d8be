"""The production front: deploy/nginx.conf before `python -m app serve`, started as documented.

Tests that need nginx skip where it is not installed, and fail under CI=true, where
.ci/run installs it.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.serving import OncePerMinute, raise_file_limit

from .test_server import ROOT, free_port

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
CONF = ROOT / "deploy" / "nginx.conf"


def wait_until_up(url: str, process: subprocess.Popen, output: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/healthz", timeout=1)
            return
        except httpx.TransportError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"{url} did not start:\n" + output.read_text(errors="replace"))


def start(command: list[str], output: Path, url: str, **options) -> subprocess.Popen:
    with output.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **options)
    wait_until_up(url, process, output)
    return process


def few_descriptors() -> None:
    """The review's setting: 256 descriptors, where 300 idle sockets took uvicorn alone down."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))


@pytest.fixture
def front(tmp_path, bundled_copy):
    """The service with 256 descriptors on a loopback port, and nginx before it, as deploy/ says."""
    if NGINX is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing; .ci/run installs it")
        pytest.skip("nginx is not installed (Debian: apt-get install nginx)")
    app_port, front_port = free_port(), free_port()
    env = {"PATH": "/usr/bin:/bin", "VAGVISAREN_CONTENT_DIR": str(bundled_copy)}
    app = start(
        [sys.executable, "-m", "app", "serve", "--port", str(app_port)],
        tmp_path / "app.log",
        f"http://127.0.0.1:{app_port}",
        cwd=ROOT,
        env=env,
        preexec_fn=few_descriptors,
    )
    state = tmp_path / "nginx"
    state.mkdir()
    state.chmod(0o777)  # nginx's workers may run as another user than its master
    conf = CONF.read_text(encoding="utf-8")
    for old, new in (("127.0.0.1:8001", f"127.0.0.1:{app_port}"), ("listen 8080;", f"listen 127.0.0.1:{front_port};")):
        assert old in conf
        conf = conf.replace(old, new)
    if os.geteuid() == 0:  # workers as root too: pytest's temporary folders are closed to nobody
        conf = "user root;\n" + conf
    (tmp_path / "nginx.conf").write_text(conf.replace("/tmp/nginx", str(state)), encoding="utf-8")
    exit_url = "https://neutral.example/"
    written = subprocess.run(
        [sys.executable, "-m", "app", "front-pages", str(state / "_front")],
        cwd=ROOT,
        env={**env, "VAGVISAREN_EXIT_URL": exit_url},
        capture_output=True,
        text=True,
    )
    assert written.returncode == 0, written.stderr
    nginx = start(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
        tmp_path / "nginx.log",
        f"http://127.0.0.1:{front_port}",
    )
    yield Front(front_port, tmp_path / "app.log", app, exit_url)
    for process in (nginx, app):
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Front:
    port: int
    app_log: Path
    app: subprocess.Popen
    exit_url: str


def test_three_hundred_idle_sockets_do_not_stop_a_normal_request(front):
    port, app_log = front.port, front.app_log
    idle = []
    try:
        for _ in range(300):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        for conn in idle[:100]:
            conn.sendall(b"GET /sv/start HTTP/1.1\r\nHost: x\r\n")  # half a request, never finished
        started = time.monotonic()
        response = httpx.get(f"http://127.0.0.1:{port}/sv/kontaktforbud", timeout=10)
        assert response.status_code == 200
        print(f"a normal request beside 300 idle sockets: {time.monotonic() - started:.3f} s")
    finally:
        for conn in idle:
            conn.close()
    assert "out of system resource" not in app_log.read_text(errors="replace")  # nginx held them, not uvicorn


def test_the_front_refuses_smuggling_and_sends_hsts(front):
    port = front.port
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            b"POST /api/v1/sv/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        )
        assert conn.recv(100).startswith(b"HTTP/1.1 400")
    response = httpx.get(f"http://127.0.0.1:{port}/sv/start", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["content-encoding"] == "gzip"
    assert "server" not in response.headers or "nginx/" not in response.headers["server"]
    too_much = httpx.post(f"http://127.0.0.1:{port}/sv/skriv", data={"q": "x" * 20_000})
    assert too_much.status_code == 413  # the guide's own calm page, not nginx's
    assert too_much.headers["content-security-policy"] and 'href="/exit"' in too_much.text


def test_out_of_resources_is_logged_once_a_minute():
    now = [0.0]
    once = OncePerMinute(clock=lambda: now[0])

    def record(message: str) -> logging.LogRecord:
        try:
            raise OSError(24, "Too many open files")
        except OSError:
            return logging.LogRecord("asyncio", logging.ERROR, "", 0, message, (), sys.exc_info())

    first = record("socket.accept() out of system resource")
    assert once.filter(first) and first.exc_info is None
    assert not any(once.filter(record("socket.accept() out of system resource")) for _ in range(500))
    assert once.filter(record("something else"))
    retry = record("Exception in callback BaseSelectorEventLoop._start_serving(<function …>)\nhandle: …")
    assert once.filter(retry) and retry.exc_info is None and "\n" not in retry.getMessage()
    assert not once.filter(record("Exception in callback BaseSelectorEventLoop._start_serving(<function …>)"))
    now[0] = 61
    later = record("socket.accept() out of system resource")
    assert once.filter(later) and "500 more like it held back" in later.getMessage()


def test_serve_raises_its_open_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))
        assert raise_file_limit() == (hard if hard != resource.RLIM_INFINITY else 65536)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def _calm(response: httpx.Response, front: Front, lang: str) -> str:
    """The guide's own page, in the person's language, with 112, the exit straight to the neutral site, and headers."""
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["strict-transport-security"].startswith("max-age=")
    text = response.text
    assert f'<html lang="{lang}"' in text and "nginx" not in text.lower()
    assert f'class="exit" href="{front.exit_url}"' in text and "112" in text
    return text


def test_nginx_own_errors_are_the_guides_calm_pages(front):
    port = front.port
    huge = httpx.post(f"http://127.0.0.1:{port}/sv/skriv", content=b"q=" + b"x" * 100_000)
    assert huge.status_code == 413
    assert "Det var för mycket text" in _calm(huge, front, "sv")
    front.app.terminate()
    front.app.wait(timeout=10)
    for path, lang, heading in (
        ("/sv/kontaktforbud", "sv", "Vägvisaren kan inte visas just nu"),
        ("/k/exempelkommun/embed/en/start", "en", "The guide cannot be shown just now"),
    ):
        down = httpx.get(f"http://127.0.0.1:{port}{path}")
        assert down.status_code == 502
        assert heading in _calm(down, front, lang)
