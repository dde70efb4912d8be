"""Speed and memory of the service, measured side by side: `python -m benchmarks.run`.

Prints figures, asserts nothing (the machines are noisy; compare within one run):

- page weight: every page with the stylesheet, gzipped, against the 14 KB of a first round trip,
  and what brotli would save (when `brotli` is installed);
- start-up: loading and validating the real content, and from a snapshot of it (and, unless `--skip-large`, 10,000 and
  5,000 generated steps per language);
- throughput per page kind (step, print, numbers, answer, embed, municipality, all topics, error,
  and a step for a client that takes no gzip): our server, Debian's nginx (one worker) serving the
  same bytes with the same headers from files, and a bare FastAPI endpoint returning them, each on
  one process, measured in turn with wrk on loopback, `--rounds` times; with `--compare-loops` also
  ours on uvicorn's pure-Python event loop and parser (h11, asyncio), and ours on uvicorn's own
  httptools protocol (every request through ASGI, no answers on the wire), for the step page; with
  `--compare-granian` (when granian is installed: `pip install granian`) also ours on granian for
  every kind (docs/decisions/0013-granian-measured.md);
- memory: resident memory of the worker after the throughput runs, and after every page of every
  language, mode and site was asked for once; what the kept pages take, counted and traced;
- soak: `--soak` seconds at 64 connections, errors and memory at start and end.

Needs `wrk` and `nginx` (`apt-get install wrk nginx`). Loopback only, every run bounded in time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/sv/kontaktforbud"
FIRST_ROUND_TRIP = 14 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command: list[str], port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"{command} did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wrk(url: str, seconds: int, connections: int = 64, headers: dict[str, str] | None = None) -> dict[str, float]:
    sent = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *sent, url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return {"rate": rate, "p99_ms": float(p99.group(1)) * scale, "errors": errors}


def page_weight(base: str) -> None:
    from app.settings import Settings
    from app.web.app import load_sites

    site, _ = load_sites(Settings())
    stylesheet = httpx.get(base + "/static/style.css").content
    css = len(gzip.compress(stylesheet, 9))
    pages = {}
    for lang, tree in site.guide.trees.items():
        for step_id in tree.steps:
            pages[f"/{lang}/{step_id}"] = httpx.get(f"{base}/{lang}/{step_id}").content
    sizes = sorted((len(gzip.compress(body, 9)), path) for path, body in pages.items())
    worst, path = sizes[-1]
    print(f"page weight: {len(sizes)} pages; stylesheet {css} B gzipped; largest page {path} {worst} B gzipped;")
    print(f"  largest page with stylesheet {worst + css} B of {FIRST_ROUND_TRIP} B; JavaScript 0; fonts 0")
    brotli_saving(list(pages.values()) + [stylesheet])


def brotli_saving(bodies: list[bytes]) -> None:
    """What brotli would save over gzip: the figure behind docs/decisions/0005."""
    try:
        import brotli
    except ImportError:
        print("brotli: not installed (pip install brotli), skipped")
        return
    gzipped = sum(len(gzip.compress(body, 9)) for body in bodies)
    brotlied = sum(len(brotli.compress(body, quality=11)) for body in bodies)
    print(
        f"brotli: {len(bodies) - 1} pages and the stylesheet, {gzipped} B gzipped, {brotlied} B with brotli: "
        f"{100 * (gzipped - brotlied) / gzipped:.0f} % less"
    )


def start_up(skip_large: bool) -> None:
    """Start-up as a server does it (`create_app`), and the part of it that reads and checks the content."""
    code = (
        "import sys, time; from pathlib import Path; t = time.perf_counter(); "
        "from app.web.app import create_app; from app.settings import Settings; "
        "from app.content.validate import load_guide; i = time.perf_counter(); "
        "content = Path(sys.argv[1]); "
        "snapshots = Path(sys.argv[3]) if len(sys.argv) > 3 else None; "
        "load_guide(content) if sys.argv[2] == 'load' else create_app(Settings(content_dir=content, "
        "snapshot_dir=snapshots)); "
        "print(i - t, time.perf_counter() - i)"
    )

    def measure(content: Path, what: str, runs: int, *more: str) -> tuple[float, float]:
        results = []
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", code, str(content), what, *more],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results.append(tuple(map(float, out.split())))
        return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)

    imports, real = measure(ROOT / "content", "app", 5)
    print(f"start-up, real content: load, validate, build the app {real:.2f} s (median of 5); imports {imports:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o755)
        first = measure(ROOT / "content", "app", 1, folder)[1]
        _, kept = measure(ROOT / "content", "app", 5, folder)
    print(
        f"start-up, real content with VAGVISAREN_SNAPSHOT_DIR: {kept:.2f} s from the snapshot (median of 5); "
        f"{first:.2f} s for the start that wrote it"
    )
    if skip_large:
        return
    from benchmarks.generate import generate

    for steps in (10_000, 5_000):
        with tempfile.TemporaryDirectory() as folder:
            generate(Path(folder) / "content", steps)
            _, whole = measure(Path(folder) / "content", "app", 1)
            _, load = measure(Path(folder) / "content", "load", 1)
        print(
            f"start-up, {steps:,} generated steps per language ({2 * steps:,} files): {whole:.1f} s; "
            f"of which reading and checking the files {load:.1f} s, the rest mostly the search index"
        )


# Page kinds measured: (name, address, headers wrk sends). Browsers ask for gzip; "identity" does not.
GZIP = {"accept-encoding": "gzip"}
KINDS = (
    ("step", PAGE, GZIP),
    ("print", f"{PAGE}/skriv-ut", GZIP),
    ("numbers", f"{PAGE}/nummer", GZIP),
    ("answer", "/sv/svar?till=kontaktforbud,skyddat-boende&fara=1", GZIP),
    ("embed", f"/embed{PAGE}", GZIP),
    ("municipality", "/k/exempelkommun/sv/skyddat-boende", GZIP),
    ("topics", "/sv/alla-amnen", GZIP),
    ("error 404", "/sv/finns-inte", GZIP),
    ("step identity", PAGE, {}),
)
# Headers every server writes itself.
OWN_HEADERS = {"date", "content-length", "server", "connection", "transfer-encoding", "keep-alive"}
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def fetch(url: str, headers: dict[str, str]) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and the bytes on the wire (not unpacked) of one response."""
    with httpx.stream("GET", url, headers=headers) as response:
        body = b"".join(response.iter_raw())
        kept = [(k, v) for k, v in response.headers.multi_items() if k not in OWN_HEADERS]
        return response.status_code, kept, body


def nginx_config(folder: Path, port: int, pages: dict[str, tuple[int, list[tuple[str, str]], bytes]]) -> Path:
    """nginx, one worker, answering /{n} with page n's bytes and headers from a file (status 200)."""
    locations = []
    for name, (_, headers, _) in pages.items():
        content_type = next(v for k, v in headers if k == "content-type")
        adds = "".join(
            f'        add_header {k} "{v.replace(chr(34), chr(92) + chr(34))}" always;\n'
            for k, v in headers
            if k != "content-type"
        )
        locations.append(
            f'    location = /{name} {{\n        default_type "{content_type}";\n{adds}'
            f"        alias {folder / name};\n    }}\n"
        )
    conf = folder / "nginx.conf"
    conf.write_text(
        f"worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n  access_log off;\n  server_tokens off;\n  etag off;\n  types { }\n"
        "  keepalive_requests 1000000;\n"
        f"  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n  scgi_temp_path {folder}/scgi;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n    location = /healthz {{ return 200 ok; }}\n"
        + "".join(locations)
        + "  }\n}\n"
    )
    return conf


def throughput(base: str, rounds: int, seconds: int, compare_loops: bool, compare_granian: bool = False) -> None:
    """Each page kind from ours, nginx and bare FastAPI, in turn, `rounds` times."""
    pages = {str(n): fetch(base + path, headers) for n, (_, path, headers) in enumerate(KINDS)}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        folder.chmod(0o755)  # nginx's worker runs as another user
        manifest = {}
        for name, (status, headers, body) in pages.items():
            (folder / name).write_bytes(body)
            (folder / name).chmod(0o644)
            manifest[name] = {"status": status, "headers": headers, "body": str(folder / name)}
        (folder / "manifest.json").write_text(json.dumps(manifest))
        nginx_port, bare_port, plain_port, granian_port, asgi_port = (free_port() for _ in range(5))
        servers = [
            start(
                [NGINX, "-p", scratch, "-c", str(nginx_config(folder, nginx_port, pages)), "-g", "daemon off;"],
                nginx_port,
            ),
            start([sys.executable, "-m", "benchmarks.bare", str(folder / "manifest.json"), str(bare_port)], bare_port),
        ]
        if compare_loops:
            plain = [sys.executable, "-m", "uvicorn", "app.web.app:create_app", "--factory", "--loop", "asyncio"]
            plain += ["--http", "h11", "--port", str(plain_port), "--no-access-log", "--log-level", "warning"]
            servers.append(start(plain, plain_port))
            asgi = [sys.executable, "-m", "uvicorn", "app.web.app:create_app", "--factory", "--loop", "uvloop"]
            asgi += ["--http", "httptools", "--port", str(asgi_port), "--no-access-log", "--log-level", "warning"]
            servers.append(start(asgi, asgi_port))
        if compare_granian:
            granian = [sys.executable, "-m", "granian", "--interface", "asgi", "--factory", "--host", "127.0.0.1"]
            granian += ["--port", str(granian_port), "--workers", "1", "--loop", "uvloop", "--no-ws"]
            servers.append(start([*granian, "--log-level", "warning", "app.web.app:create_app"], granian_port))
        try:
            results: dict[tuple[str, str], list[dict[str, float]]] = {}
            for n, (kind, path, headers) in enumerate(KINDS):
                targets = {"ours": base + path, "nginx": f"http://127.0.0.1:{nginx_port}/{n}"}
                targets["bare"] = f"http://127.0.0.1:{bare_port}/{n}"
                if compare_loops and kind == "step":
                    targets["ours h11+asyncio"] = f"http://127.0.0.1:{plain_port}{path}"
                    targets["ours, ASGI only"] = f"http://127.0.0.1:{asgi_port}{path}"
                if compare_granian:
                    targets["granian"] = f"http://127.0.0.1:{granian_port}{path}"
                for url in targets.values():
                    wrk(url, 1, headers=headers)  # warm-up
                for _ in range(rounds):
                    for server, url in targets.items():
                        results.setdefault((kind, server), []).append(wrk(url, seconds, headers=headers))
            report(results, rounds, seconds)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)


def report(results: dict[tuple[str, str], list[dict[str, float]]], rounds: int, seconds: int) -> None:
    def spread(values: list[float], digits: int = 0) -> str:
        return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"

    print(f"throughput: req/s, median (min-max) of {rounds} rounds of {seconds} s at 64 connections, 1 process each;")
    print("  ratios are per round, ours against the other server measured right after it")
    print(
        f"  {'kind':<14} {'ours':>20} {'nginx':>22} {'bare FastAPI':>20} {'ours/nginx':>17} {'ours/bare':>17}"
        f" {'p99 ours ms':>12} {'errors':>7}"
    )
    for kind, *_ in KINDS:
        ours, nginx, bare = (results[(kind, server)] for server in ("ours", "nginx", "bare"))
        to_nginx = [o["rate"] / n["rate"] for o, n in zip(ours, nginx, strict=True)]
        to_bare = [o["rate"] / b["rate"] for o, b in zip(ours, bare, strict=True)]
        errors = sum(r["errors"] for r in ours)
        print(
            f"  {kind:<14} {spread([r['rate'] for r in ours]):>20} {spread([r['rate'] for r in nginx]):>22}"
            f" {spread([r['rate'] for r in bare]):>20} {spread(to_nginx, 2):>17} {spread(to_bare, 2):>17}"
            f" {max(r['p99_ms'] for r in ours):>12.1f} {errors:>7.0f}"
        )
    for (kind, server), runs in results.items():
        if server not in ("ours", "nginx", "bare"):
            ours, nginx = results[(kind, "ours")], results[(kind, "nginx")]
            ratio = [o["rate"] / r["rate"] for o, r in zip(ours, runs, strict=True)]
            to_nginx = [r["rate"] / n["rate"] for r, n in zip(runs, nginx, strict=True)]
            print(
                f"  {kind} on {server}: {spread([r['rate'] for r in runs])} req/s; ours / it {spread(ratio, 2)}"
                f"; it / nginx {spread(to_nginx, 2)}; p99 {max(r['p99_ms'] for r in runs):.1f} ms"
            )
    print("  (nginx answers the error page with 200; ours and bare with 404, which wrk counts as non-2xx, not errors)")


def every_page(base: str) -> int:
    """Ask for every page of every language, mode and site once (as a browser: gzip); how many."""
    from app.settings import Settings
    from app.web.app import load_sites

    site, _ = load_sites(Settings())
    count = 0
    with httpx.Client(base_url=base, headers=GZIP) as client:
        for prefix in ("", "/embed", "/k/exempelkommun", "/k/exempelkommun/embed"):
            for lang, tree in site.guide.trees.items():
                paths = [f"{prefix}/{lang}/{name}" for name in ("alla-amnen", "stodlinjer", "tillganglighet")]
                for step_id, step in tree.steps.items():
                    paths.append(f"{prefix}/{lang}/{step_id}")
                    if step.is_info:
                        paths += [f"{prefix}/{lang}/{step_id}/skriv-ut", f"{prefix}/{lang}/{step_id}/nummer"]
                for path in paths:
                    client.get(path)
                count += len(paths)
    return count


def kept_memory() -> None:
    """What the kept pages take: counted by the memory itself, and traced (tracemalloc) in this process."""
    import asyncio
    import gc
    import tracemalloc

    from app.settings import Settings
    from app.web.app import create_app
    from app.web.runtime import runtime_of

    try:
        from app.web.cache import ENTRY_OVERHEAD, Entry, Kept, KeptPages
    except ImportError:  # a version before the fast path: nothing to measure
        print("kept memory: this version has no bounded memory of pages")
        return

    app = create_app(Settings())
    current = runtime_of(app)
    site = current.site

    async def headers() -> list[tuple[bytes, bytes]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            response = await client.get(PAGE + "?not-kept", headers=GZIP)
        return [(k.encode(), v.encode()) for k, v in response.headers.items()]

    stack = asyncio.run(headers())
    pages = [
        (f"/{lang}/{i}", site.step(lang, i), lang, i) for lang, tree in site.guide.trees.items() for i in tree.steps
    ]
    gc.collect()
    tracemalloc.start()
    kept = KeptPages(budget=2**40)
    for address, page, lang, step_id in pages:
        kept.put(address.encode(), Entry.of(Kept(page, address, lang, step_id), 200, stack, address.encode()))
    gc.collect()
    traced, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    gzipped = sum(len(page.gzipped) for _, page, _, _ in pages)
    print(
        f"kept memory: {len(kept)} step pages, counted {kept.bytes / 2**20:.2f} MB;"
        f" traced {(traced + gzipped) / 2**20:.2f} MB (gzipped pages {gzipped / 2**20:.2f} MB,"
        f" the rest {traced / len(pages):.0f} B an entry"
        f" against {ENTRY_OVERHEAD} B counted + its key)"
    )

    async def flood(count: int) -> None:
        transport = httpx.ASGITransport(app=app)
        steps = list(site.guide.tree("sv").steps)
        pairs = [(a, b) for a in steps for b in steps if a != b][:count]
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            for a, b in pairs:
                await client.get(f"/sv/svar?till={a},{b}", headers=GZIP)

    asyncio.run(flood(3000))
    memory = runtime_of(app).kept
    print(
        f"kept memory after 3,000 distinct answer addresses: {len(memory)} entries, {memory.bytes / 2**20:.2f} MB"
        f" of a {memory.budget / 2**20:.0f} MB budget"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of ours, nginx and bare per page kind")
    parser.add_argument("--soak", type=int, default=30, help="length of the soak run in seconds")
    parser.add_argument("--skip-large", action="store_true", help="no start-up on generated large guides")
    parser.add_argument("--compare-loops", action="store_true", help="also ours on h11 and asyncio (step page)")
    parser.add_argument("--compare-granian", action="store_true", help="also ours on granian, if installed")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; load {os.getloadavg()[0]:.1f}")
    start_up(args.skip_large)
    port = free_port()
    env = {"VAGVISAREN_SITES_DIR": str(ROOT / "sites")}
    ours = start([sys.executable, "-m", "app", "serve", "--port", str(port)], port, env)
    try:
        base = f"http://127.0.0.1:{port}"
        print(f"memory: worker resident {rss_mb(ours.pid):.0f} MB at start")
        page_weight(base)
        throughput(base, args.rounds, args.seconds, args.compare_loops, args.compare_granian)
        print(f"memory: worker resident {rss_mb(ours.pid):.0f} MB after the throughput runs")
        count = every_page(base)
        print(f"memory: worker resident {rss_mb(ours.pid):.0f} MB after {count} pages (every one) asked for once")
        before = rss_mb(ours.pid)
        soak = wrk(base + PAGE, args.soak, headers=GZIP)
        after = rss_mb(ours.pid)
        print(
            f"soak: {args.soak} s at 64 connections, {soak['rate']:.0f} req/s, {soak['errors']:.0f} errors; "
            f"resident memory {before:.0f} MB at start, {after:.0f} MB at end"
        )
    finally:
        ours.terminate()
    kept_memory()


if __name__ == "__main__":
    main()
