"""Speed and memory of the service, measured side by side: `python -m benchmarks.run`.

Prints figures, asserts nothing (the machines are noisy; compare within one run):

- page weight: every page with the stylesheet, gzipped, against the 14 KB of a first round trip,
  and what brotli would save (when `brotli` is installed);
- start-up: loading and validating the real content, and 10,000 and 5,000 generated steps per language;
- throughput: our server and a bare FastAPI endpoint returning the same bytes, on one
  uvicorn worker each, measured alternately with wrk on loopback;
- memory: resident memory of a worker on the real content;
- soak: 60 s at 64 connections, errors and memory at start and end.

Needs `wrk` (`apt-get install wrk`). Loopback only, every run bounded in time.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
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


def wrk(url: str, seconds: int, connections: int = 64) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non2xx.group(1)) if non2xx else 0
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


def start_up() -> None:
    """Start-up as a server does it (`create_app`), and the part of it that reads and checks the content."""
    code = (
        "import sys, time; from pathlib import Path; t = time.perf_counter(); "
        "from app.web.app import create_app; from app.settings import Settings; "
        "from app.content.validate import load_guide; i = time.perf_counter(); "
        "content = Path(sys.argv[1]); "
        "load_guide(content) if sys.argv[2] == 'load' else create_app(Settings(content_dir=content)); "
        "print(i - t, time.perf_counter() - i)"
    )

    def measure(content: Path, what: str, runs: int) -> tuple[float, float]:
        results = []
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", code, str(content), what], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
            results.append(tuple(map(float, out.split())))
        return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)

    imports, real = measure(ROOT / "content", "app", 5)
    print(f"start-up, real content: load, validate, build the app {real:.2f} s (median of 5); imports {imports:.2f} s")
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


def throughput(ours: str, bare: str, rounds: int, seconds: int) -> None:
    results = {"ours": [], "bare": []}
    for _ in range(rounds):
        for name, url in (("bare", bare), ("ours", ours)):
            results[name].append(wrk(url, seconds))
    for name, runs in results.items():
        rates = ", ".join(f"{r['rate']:.0f}" for r in runs)
        p99 = max(r["p99_ms"] for r in runs)
        print(f"throughput {name}: {rates} req/s ({seconds} s each, 64 connections); worst p99 {p99:.1f} ms")
    medians = {name: statistics.median(r["rate"] for r in runs) for name, runs in results.items()}
    ratio = medians["ours"] / medians["bare"]
    print(f"throughput ratio ours / bare FastAPI (medians): {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of ours and bare")
    parser.add_argument("--soak", type=int, default=60, help="length of the soak run in seconds")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    start_up()
    port, bare_port = free_port(), free_port()
    ours = start([sys.executable, "-m", "app", "serve", "--port", str(port)], port)
    try:
        base = f"http://127.0.0.1:{port}"
        page_weight(base)
        with tempfile.NamedTemporaryFile(suffix=".html") as page:
            page.write(httpx.get(base + PAGE).content)
            page.flush()
            bare = start([sys.executable, "-m", "benchmarks.bare", page.name, str(bare_port)], bare_port)
            try:
                wrk(base + PAGE, 2)
                wrk(f"http://127.0.0.1:{bare_port}{PAGE}", 2)
                throughput(base + PAGE, f"http://127.0.0.1:{bare_port}{PAGE}", args.rounds, args.seconds)
            finally:
                bare.terminate()
        print(f"memory: worker resident {rss_mb(ours.pid):.0f} MB after the throughput runs")
        before = rss_mb(ours.pid)
        soak = wrk(base + PAGE, args.soak)
        after = rss_mb(ours.pid)
        print(
            f"soak: {args.soak} s at 64 connections, {soak['rate']:.0f} req/s, {soak['errors']:.0f} errors; "
            f"resident memory {before:.0f} MB at start, {after:.0f} MB at end"
        )
    finally:
        ours.terminate()


if __name__ == "__main__":
    main()
