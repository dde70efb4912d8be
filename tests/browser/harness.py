"""The real-browser harness: the service, Debian's Chromium with the page's JavaScript off, axe-core, the Nu checker.

Shared by the browser tests and by `python -m tests.browser.screenshots`. Nothing here
downloads anything: Chromium comes from apt, axe-core and vnu-jar from `npm ci`.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from app.languages import CODES, LANGUAGE

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing leaves the machine, even where a redirect's next hop escapes Playwright's routing.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# Chromium profiles that share the per-page checks of every page (axe-core, the keyboard), side by side:
# one per CPU unless VAGVISAREN_TEST_BROWSERS says otherwise.
BROWSERS = int(os.environ.get("VAGVISAREN_TEST_BROWSERS") or 0) or max(1, len(os.sched_getaffinity(0)))
WIDTHS = {"narrow": (320, 640), "wide": (1280, 800)}
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
# With the page's JavaScript off, timers never fire and axe.run() would wait forever:
# run what it schedules as microtasks instead.
STUB_TIMERS = """() => {
  window.setTimeout = (fn, _delay, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
  window.clearTimeout = () => {};
  window.requestAnimationFrame = (fn) => { Promise.resolve().then(() => fn(performance.now())); return 0; };
  window.cancelAnimationFrame = () => {};
}"""
# Texts for the "Write in your own words" form: a clear match, danger, and nothing that fits.
FREE_TEXTS = {
    "sv": ["kontaktförbud", "han har en kniv", "qwerty zxcv"],
    "lattlast": ["kontaktförbud", "han har en kniv"],
    "en": ["contact ban", "he has a knife", "qwerty zxcv"],
    "ar": ["حظر الاتصال", "معه سكين ويهددني", "قثصض لاىتن"],
    "so": ["mamnuucid xiriir", "mindi ayuu haystaa", "qwerty zxcv"],
    "fa": ["قرار منع تماس", "چاقو داره و منو میزنه", "qwerty zxcv"],
    "ti": ["ክልከላ ርክብ", "ካራ ሒዙ ኣሎ", "qwerty zxcv"],
}
# Every language of the guide: a language added to app/languages.py is audited like the others.
LANGUAGES = CODES
BUILT_IN = ("alla-amnen", "stodlinjer", "tillganglighet", "om-vagvisaren", "oversattningar", "badda-in")
# The compact guide for a frame and the worked example municipality: the same templates
# under another prefix, so a sample of their pages is audited rather than all of them.
SITES = ROOT / "sites"
OTHER_MODES = ("/embed", "/k/exempelkommun", "/k/exempelkommun/embed")
SAMPLE = ("start", "jag-ar-utsatt", "kontaktforbud", "stodlinjer", "om-vagvisaren", "finns-inte")
# Ways through the dialogue: the same template as a step's short address, with the
# conversation and a Back link above it. Every page links to such ways, and their
# number has no end, so the crawl visits steps at their short address and these.
WAYS = (
    "start/jag-ar-utsatt",
    "start/jag-ar-utsatt/skydd/skyddat-boende",
    "start/orolig-for-nagon",
    "start/jag-ar-utsatt/heder",
)
# The keyboard is walked on every kind of page in every language and mode rather than on every page:
# the pages of one kind share one template, and pressing Tab through each of them took longer than CI has.
KEYBOARD_STEPS = frozenset({"start", "jag-ar-utsatt", "kontaktforbud", "fara-nu", "finns-inte", *BUILT_IN})
# What can end an address besides a step (a step's print and numbers pages).
STEP_PAGES = ("skriv-ut", "nummer")
# The pages reviewers see in docs/screenshots: the start, a question, an information page, all topics.
SCREENSHOT_PAGES = ["start", "jag-ar-utsatt", "kontaktforbud", "alla-amnen"]
# For a right-to-left language, at 320 px, what must be seen mirrored: the chat bubbles of a way
# through the dialogue, a reply, the print page and the embed.
MIRRORED_PAGES = {
    "chatt": "/{lang}/start/jag-ar-utsatt/skydd",
    "svar": "/{lang}/svar?till=tolk,prata-med-nagon&osaker=1",
    "skriv-ut": "/{lang}/fara-nu/skriv-ut",
    "embed": "/embed/{lang}/start",
}


def missing_tools() -> list[str]:
    """What the browser tests need and this machine lacks, each with how to get it."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE.exists() or not VNU.exists():
        missing.append("node_modules with axe-core and vnu-jar (npm ci --ignore-scripts)")
    if shutil.which("java") is None:
        missing.append("java (apt-get install default-jre-headless)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install -e '.[test]')")
    return missing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer at {url} within {seconds} s")


@contextmanager
def _process(args: list[str], ready_url: str, what: str, seconds: float, **env: str) -> Iterator[None]:
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env})
        try:
            try:
                _wait_for(ready_url, process, seconds, what)
            except RuntimeError as error:
                log.seek(0)
                raise RuntimeError(f"{error}:\n{log.read().decode(errors='replace')}") from None
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def service(**env: str) -> Iterator[str]:
    """The real service (`python -m app serve`) on a free loopback port; yields its origin."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    args = [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = {"VAGVISAREN_SITES_DIR": str(SITES), **env}
    with _process(args, f"{origin}/healthz", "the service", 30, **env):
        yield origin


@contextmanager
def nu_checker() -> Iterator[str]:
    """The Nu HTML Checker as a local server; yields the URL to POST pages to."""
    port = free_port()
    args = [
        "java",
        "-Xss4m",
        "-Dnu.validator.servlet.bind-address=127.0.0.1",
        "-cp",
        str(VNU),
        "nu.validator.servlet.Main",
        str(port),
    ]
    with _process(args, f"http://127.0.0.1:{port}/", "the Nu HTML Checker", 120):
        yield f"http://127.0.0.1:{port}/?out=json"


def check_html(checker: str, html: bytes) -> list[str]:
    """The Nu checker's errors for one document, as 'line N: message'."""
    request = urllib.request.Request(
        checker, data=html, headers={"Content-Type": "text/html; charset=utf-8"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        messages = json.load(response)["messages"]
    return [
        f"line {m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


@contextmanager
def neutral_site() -> Iterator[str]:
    """A plain local page on its own loopback port, standing in for the quick exit's neutral site."""
    with tempfile.TemporaryDirectory(prefix="vagvisaren-neutral-") as folder:
        Path(folder, "index.html").write_text(
            "<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1>", encoding="utf-8"
        )
        port = free_port()
        args = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", folder, str(port)]
        with _process(args, f"http://127.0.0.1:{port}/", "the neutral page", 30):
            yield f"http://127.0.0.1:{port}/"


@contextmanager
def one_page_site(html: str, port: int) -> Iterator[str]:
    """A page of another website (a municipality's, say) on its own loopback port; yields its address."""
    body = html.encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(playwright, javascript: bool = False) -> Iterator:
    """A persistent Chromium context in a new profile, with the page's JavaScript off unless asked."""
    with tempfile.TemporaryDirectory(prefix="vagvisaren-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            java_script_enabled=javascript,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800},
        )
        try:
            yield context
        finally:
            context.close()


@dataclass(frozen=True)
class Visit:
    """One page the guide can show, and how a person gets there: an address, or text sent with the form."""

    path: str
    text: str | None = None

    @property
    def name(self) -> str:
        return self.path if self.text is None else f"POST {self.path} q={self.text!r}"


def open_page(page, origin: str, visit: Visit):
    """Load the visit's page in `page`, as a person would, and return the document's response."""
    if visit.text is None:
        return page.goto(origin + visit.path)
    page.goto(f"{origin}{visit.path.removesuffix('/skriv')}/start")
    page.fill("textarea#fritext", visit.text)
    with page.expect_navigation() as navigation:
        page.click("form.ask button[type=submit]")
    return navigation.value


def of_each_kind(pages: list[Crawled]) -> list[Visit]:
    """The visits of the walk that stand for every kind of page: a question, an information page, danger,
    their print and numbers pages, the built-in pages, a missing page, ways through the dialogue, the
    form's answers, in every language and in the other modes."""
    chosen = []
    for crawled in pages:
        parts = [part for part in crawled.visit.path.split("?")[0].split("/") if part]
        step = parts[-2] if parts[-1] in STEP_PAGES else parts[-1]
        if crawled.visit.text is not None or step in KEYBOARD_STEPS or "/start/" in crawled.visit.path:
            chosen.append(crawled.visit)
    return chosen


Found = TypeVar("Found")


def on_every_page(
    visits: list[Visit],
    origin: str,
    work: Callable[[object], Found],
    seen: list[str] | None = None,
    browsers: int = BROWSERS,
) -> dict[str, Found]:
    """`work(page)` on each visit's page, by visit name, the visits shared among `browsers` Chromium profiles.

    Each profile runs in a thread with a Playwright of its own (the sync API serves the
    thread that started it), with the page's JavaScript off as in the walk. Every
    request its pages make is added to `seen`, so the privacy checks cover them too.
    """

    def share(part: list[Visit]) -> dict[str, Found]:
        from playwright.sync_api import sync_playwright

        found: dict[str, Found] = {}
        with sync_playwright() as running, chromium(running) as context:
            if seen is not None:
                context.on("request", lambda request: seen.append(f"{request.method} {request.url}"))
            page = context.new_page()
            for visit in part:
                open_page(page, origin, visit)
                found[visit.name] = work(page)
        return found

    parts = [part for part in (visits[i::browsers] for i in range(browsers)) if part]
    results: dict[str, Found] = {}
    with ThreadPoolExecutor(len(parts) or 1) as pool:
        for found in pool.map(share, parts):
            results.update(found)
    return results


def same_origin_links(page, origin: str) -> set[str]:
    """Paths of the page's links that stay on the site (the quick exit leaves it, so it is not followed)."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    paths = set()
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" == origin and parts.path != "/exit":
            paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


@dataclass(frozen=True)
class Crawled:
    visit: Visit
    status: int
    html: bytes


def short_address(path: str) -> str:
    """`/sv/start/jag-ar-utsatt/skydd` → `/sv/skydd`: the step a way leads to, at its short address."""
    parts = path.split("/")
    if len(parts) > 3 and parts[-1] not in STEP_PAGES and "?" not in path:
        return "/".join([*parts[:2], parts[-1]])
    return path


def crawl(page, origin: str) -> list[Crawled]:
    """Every page reachable from both start pages (each step at its short address), then the others.

    Those are a sample of ways through the dialogue, the built-in pages, a missing page,
    the form's answers and its error, and a sample of the other modes (the compact guide for a frame, a municipality's
    guide) whose pages are the same templates under another prefix.
    """
    queue = ["/sv/start", "/en/start"]
    seen = set(queue)
    found: list[Crawled] = []
    while queue:
        path = queue.pop(0)
        response = open_page(page, origin, Visit(path))
        found.append(Crawled(Visit(path), response.status, response.body()))
        if response.status == 200:
            for link in sorted({short_address(link) for link in same_origin_links(page, origin)} - seen):
                seen.add(link)
                queue.append(link)
    extra = [Visit(f"/{lang}/{built_in}") for lang in LANGUAGES for built_in in BUILT_IN]
    extra += [Visit(f"/{lang}/finns-inte") for lang in LANGUAGES]
    extra += [Visit(f"/{lang}/{way}") for lang in LANGUAGES for way in WAYS]
    extra += [Visit(f"/{lang}/skriv", text) for lang, texts in FREE_TEXTS.items() for text in [*texts, ""]]
    extra += [Visit(f"{prefix}/{lang}/{step}") for prefix in OTHER_MODES for lang in LANGUAGES for step in SAMPLE]
    extra += [Visit(f"{prefix}/{lang}/skriv", FREE_TEXTS[lang][0]) for prefix in OTHER_MODES for lang in LANGUAGES]
    for visit in extra:
        if visit.text is None and visit.path in seen:
            continue
        response = open_page(page, origin, visit)
        found.append(Crawled(visit, response.status, response.body()))
    return found


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def run_axe(page, tags: tuple[str, ...] = AXE_TAGS) -> list[dict]:
    """axe-core's violations of the rules with these tags (by default WCAG 2.0/2.1/2.2 A and AA) on the loaded page."""
    if not page.evaluate("'axe' in window"):
        page.evaluate(STUB_TIMERS)
        page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(tags),
    )
    return result["violations"]


def describe(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}: {summary}")
    return lines


def screenshots(context, origin: str, out: Path) -> list[Path]:
    """The pages of SCREENSHOT_PAGES in every language and both widths, by day and (`…-dark-…`) at night,
    and for a right-to-left language MIRRORED_PAGES at 320 px."""
    out.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    written = []
    try:
        for scheme, suffix in (("light", ""), ("dark", "-dark")):
            page.emulate_media(color_scheme=scheme)
            for width, height in WIDTHS.values():
                page.set_viewport_size({"width": width, "height": height})
                for lang in LANGUAGES:
                    for step in SCREENSHOT_PAGES:
                        page.goto(f"{origin}/{lang}/{step}")
                        path = out / f"{lang}-{step}{suffix}-{width}.png"
                        page.screenshot(path=str(path))
                        written.append(path)
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 320, "height": 640})
        for lang in (code for code in LANGUAGES if LANGUAGE[code].direction == "rtl"):
            for name, address in MIRRORED_PAGES.items():
                page.goto(origin + address.format(lang=lang))
                path = out / f"{lang}-{name}-320.png"
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
    finally:
        page.close()
    return written
