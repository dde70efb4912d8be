"""What one pod of deploy/kubernetes/ holds in memory, for its requests and limits: `python -m benchmarks.pod_memory`.

Runs the container's two processes as `deploy/start` does (the service, one worker, on
the bundled content; nginx with deploy/nginx.conf in front, ports and paths moved to a
temporary folder, its per-client limits off: every request here comes from one
address), asks for every page of every language and mode once through nginx, then
walks conversations until the kept pages are past their budget, loads the step page
with wrk, and reloads the content (SIGHUP: for a moment two versions are held). Prints the
resident memory of each process at each stage, the service's peak (VmHWM), and what
the writable folder (the pod's `emptyDir` at /tmp) holds.
Needs `nginx` and `wrk`; loopback only, every run bounded in time.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import httpx
from bs4 import BeautifulSoup

from benchmarks.run import GZIP, PAGE, ROOT, every_page, free_port, wrk

CONVERSATIONS = 3000  # addresses walked: past the 6 MB the kept pages may take (about 900 pages)


def memory_mb(pid: int, field: str) -> float:
    """A `/proc/PID/status` figure (VmRSS now, VmHWM the peak) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def family(pid: int) -> list[int]:
    """The process and its children: nginx's master and its workers."""
    children = [
        int(stat.parent.name)
        for stat in Path("/proc").glob("[0-9]*/stat")
        if stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[1] == str(pid)
    ]
    return [pid, *children]


def wait_for(url: str) -> None:
    """Until the service answers through nginx."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with suppress(httpx.TransportError):
            if httpx.get(url, timeout=5).status_code == 200:
                return
        time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def report(stage: str, app: subprocess.Popen, nginx: subprocess.Popen) -> None:
    front = family(nginx.pid)
    print(
        f"{stage}: service worker {memory_mb(app.pid, 'VmRSS'):.0f} MB (peak {memory_mb(app.pid, 'VmHWM'):.0f}); "
        f"nginx {len(front)} processes {sum(memory_mb(pid, 'VmRSS') for pid in front):.0f} MB"
    )


def conversations(base: str, limit: int) -> int:
    """Walk the dialogue breadth-first by its own links, in every language, until `limit` addresses."""
    seen: set[str] = set()
    queue = [f"/{lang}/start" for lang in ("sv", "lattlast", "en")]
    with httpx.Client(base_url=base, headers=GZIP, timeout=30) as client:
        while queue and len(seen) < limit:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            response.raise_for_status()
            page = BeautifulSoup(response.text, "html.parser")
            queue += [link["href"] for link in page.select("a.option")]
    return len(seen)


def main() -> None:
    nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
    app_port, front_port = free_port(), free_port()
    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder) / "nginx"
        state.mkdir()
        state.chmod(0o777)
        conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
        conf = conf.replace("127.0.0.1:8001", f"127.0.0.1:{app_port}").replace("listen 8080;", f"listen {front_port};")
        # Every request here comes from one address: nginx's per-client limits would answer most with 429.
        per_client = ("limit_conn per_client", "limit_req zone=")
        conf = "\n".join(line for line in conf.splitlines() if not line.strip().startswith(per_client))
        if os.geteuid() == 0:
            conf = "user root;\n" + conf
        (Path(folder) / "nginx.conf").write_text(conf.replace("/tmp/nginx", str(state)), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "app", "front-pages", str(state / "_front")], cwd=ROOT, check=True)
        log = Path(folder) / "app.log"
        app = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--port", str(app_port)],
            cwd=ROOT,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        nginx = subprocess.Popen(
            [nginx_binary, "-p", folder, "-c", f"{folder}/nginx.conf", "-g", "daemon off;"],
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{front_port}"
            wait_for(base + "/healthz")
            report("started", app, nginx)
            count = every_page(base)
            report(f"after every page ({count}) once", app, nginx)
            walked = conversations(base, CONVERSATIONS)
            report(f"after {walked} conversation addresses", app, nginx)
            load = wrk(base + PAGE, 20, headers=GZIP)
            report(f"after 20 s of wrk at 64 connections ({load['rate']:.0f} req/s)", app, nginx)
            app.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 120
            while "content reloaded" not in log.read_text(errors="replace") and time.monotonic() < deadline:
                time.sleep(0.1)
            report("after a reload", app, nginx)
            held = sum(path.stat().st_size for path in state.rglob("*") if path.is_file())
            print(f"writable folder (/tmp/nginx in the pod): {held / 1024:.0f} KB")
        finally:
            for process in (nginx, app):
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
