"""300 idle sockets against the service with 256 file descriptors: uvicorn alone, then behind nginx.

`python -m benchmarks.idle_sockets` (needs nginx: `apt-get install nginx`) prints, for
each setup, whether a normal request beside the idle sockets was answered, how long it
took, and how many bytes the service logged. Loopback only, bounded in time.
"""

from __future__ import annotations

import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
IDLE = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/healthz", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not start")


def measure(name: str, front: bool, folder: Path) -> None:
    app_port, front_port = free_port(), free_port()
    log = folder / f"{name}.log"
    app = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(app_port)],
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256)),
    )
    processes = [app]
    port = app_port
    up(f"http://127.0.0.1:{app_port}")
    if front:
        state = folder / "nginx"
        state.mkdir(exist_ok=True)
        state.chmod(0o777)
        conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
        conf = conf.replace("127.0.0.1:8001", f"127.0.0.1:{app_port}").replace("listen 8080;", f"listen {front_port};")
        (folder / "nginx.conf").write_text(conf.replace("/tmp/nginx", str(state)), encoding="utf-8")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        command = [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
        processes.append(subprocess.Popen(command, stderr=subprocess.DEVNULL))
        port = front_port
        up(f"http://127.0.0.1:{port}")
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(IDLE)]
    started = time.monotonic()
    try:
        status = str(httpx.get(f"http://127.0.0.1:{port}/sv/kontaktforbud", timeout=10).status_code)
    except httpx.HTTPError as error:
        status = type(error).__name__
    took = time.monotonic() - started
    for conn in idle:
        conn.close()
    for process in reversed(processes):
        process.terminate()
        process.wait(timeout=10)
    print(f"{name:<16} {status:>12} {took:8.3f} s {log.stat().st_size:>10,} bytes of log")


if __name__ == "__main__":
    print(f"{IDLE} idle sockets, service limited to 256 file descriptors")
    print(f"{'setup':<16} {'answer':>12} {'time':>10} {'log':>16}")
    with tempfile.TemporaryDirectory() as folder:
        measure("uvicorn alone", False, Path(folder))
        measure("behind nginx", True, Path(folder))
