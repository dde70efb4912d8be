"""A static export served by Debian's nginx answers as the live service does, page by page and header by header.

`python -m app export` runs as documented, nginx serves the folder with the
nginx.conf it wrote (one worker, on the loopback, its paths moved to a temporary
folder, as tests/test_front.py does), and a crawl from every start page follows
every link on the site, comparing each answer with what the live app answers for
the same address through the ASGI client. The normalisation, and all of it:

- the free-text form: an export without `--ask-url` has a link to all topics in its
  place (checked to be that link); with one, the form posts to that origin (checked),
  and its CSP allows that origin as a form's target;
- a way longer than the export's depth is compared with the live page of its last
  `depth` steps, which is what the export answers for it (decision 0012);
- headers nginx writes itself (Date, Server without a version, ETag, Content-Length,
  Accept-Ranges, Connection) and Strict-Transport-Security, which the live service
  leaves to its front (deploy/nginx.conf) and an export's nginx sends.

Tests that need nginx skip where it is not installed, and fail under CI=true, where
.ci/run installs it.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup

from app import i18n
from app.dialogue import Flow
from app.export import ways
from app.languages import CODES
from app.settings import Settings
from app.urls import NUMBERS, PRINT, Urls
from app.web.app import create_app

from .test_front import NGINX, start
from .test_server import ROOT, free_port

EXIT_URL = "https://neutral.example/"
ASK_URL = "https://svar.exempel.se"
SITE = ROOT / "sites" / "exempelkommun"
# Every header of a page that must be the same in the export as live.
SAME = (
    "content-type",
    "cache-control",
    "content-security-policy",
    "referrer-policy",
    "x-content-type-options",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "permissions-policy",
    "clear-site-data",
    "location",
)
FORM = re.compile(r'<form class="ask" method="post" action="([^"]*)" novalidate>.*?</form>\n', re.S)
LINK = re.compile(r'(?:href|src)="(/[^"]*)"')
TOPICS_LINK = re.compile(r'<p class="ask-topics"><a href="([^"]*)">([^<]*)</a></p>\n')


def needs_nginx() -> None:
    if NGINX is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing; .ci/run installs it")
        pytest.skip("nginx is not installed (Debian: apt-get install nginx)")


@dataclass
class Served:
    """An export served by nginx on the loopback, and how it was made."""

    origin: str
    folder: Path
    depth: int
    ask_url: str | None
    printed: str


@contextmanager
def served_export(tmp_path: Path, *options: str, depth: int = 2) -> Iterator[Served]:
    """`python -m app export` into `tmp_path`, then nginx on a free loopback port with the nginx.conf it wrote."""
    needs_nginx()
    folder = tmp_path / "export"
    env = {"PATH": "/usr/bin:/bin", "VAGVISAREN_EXIT_URL": EXIT_URL}
    made = subprocess.run(
        [sys.executable, "-m", "app", "export", str(folder), "--depth", str(depth), *options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    port = free_port()
    state = tmp_path / "nginx"
    state.mkdir()
    state.chmod(0o777)  # nginx's workers may run as another user than its master
    conf = (folder / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 8080;" in conf and "/tmp/nginx/" in conf
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace("/tmp/nginx", str(state))
    if os.geteuid() == 0:  # workers as root too: pytest's temporary folders are closed to nobody
        conf = "user root;\n" + conf
    (tmp_path / "nginx.conf").write_text(conf, encoding="utf-8")
    origin = f"http://127.0.0.1:{port}"
    command = [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"]
    nginx = start(command, tmp_path / "nginx.log", origin)
    ask_url = options[options.index("--ask-url") + 1] if "--ask-url" in options else None
    try:
        yield Served(origin, folder, depth, ask_url, made.stdout)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)


def same_site_links(html: str) -> set[str]:
    """Every address on the site a page links to or loads (the quick exit is checked on its own).

    Our templates write every such attribute in double quotes; a test below checks this
    reads what an HTML parser reads.
    """
    found = {unescape(link).split("#")[0] for link in LINK.findall(html)}
    return {link for link in found if link and not link.startswith("//") and link != "/exit"}


def parsed_links(html: str) -> set[str]:
    """The same, read by an HTML parser: what `same_site_links` must agree with."""
    soup = BeautifulSoup(html, "html.parser")
    found = {str(tag.get("href")) for tag in soup.find_all(["a", "link"], href=True)}
    found |= {str(tag.get("src")) for tag in soup.find_all(["script", "img"], src=True)}
    return {
        link.split("#")[0]
        for link in found
        if link.startswith("/") and not link.startswith("//") and link.split("#")[0] not in ("", "/exit")
    }


def live_address(path: str, depth: int) -> str:
    """The live address whose page the export answers with: a way longer than `depth` steps is cut to its last ones."""
    parts = path.strip("/").split("/")
    mode = parts[:1] if parts[0] == "embed" else []
    rest = parts[len(mode) :]
    if rest[0] not in CODES or rest[-1] in (PRINT, NUMBERS) or len(rest) - 1 <= depth:
        return path
    return "/" + "/".join([*mode, rest[0], *rest[-depth:]])


def topics_of(path: str) -> tuple[str, str]:
    """The all-topics address and link text an export's page at `path` has in the form's place."""
    parts = path.strip("/").split("/")
    embed = parts[0] == "embed"
    lang = parts[1] if embed else parts[0]
    return Urls(embed=embed).topics(lang), i18n.translations(lang).gettext("All topics")


@dataclass
class Crawl:
    pages: int = 0
    ways_cut: int = 0
    forms: int = 0
    sampled: int = 0  # pages whose links were read by an HTML parser too
    parsed: int = 0  # of those, pages whose links the regular expression read as the parser did
    differences: list[str] = field(default_factory=list)


def compare(path: str, exported: httpx.Response, live: httpx.Response, served: Served, crawl: Crawl) -> None:
    """Record every difference between the export's answer and the live one for `path`, past the normalisation."""
    problems = []
    if exported.status_code != live.status_code:
        problems.append(f"status {exported.status_code}, live {live.status_code}")
    expected = dict(live.headers)
    if served.ask_url and "content-security-policy" in expected:
        expected["content-security-policy"] = expected["content-security-policy"].replace(
            "form-action 'self'", f"form-action 'self' {served.ask_url}"
        )
    for name in SAME:
        if exported.headers.get(name) != expected.get(name):
            problems.append(f"{name}: {exported.headers.get(name)!r}, live {expected.get(name)!r}")
    if "vary" in live.headers and exported.headers.get("vary") != live.headers["vary"]:
        problems.append(f"vary: {exported.headers.get('vary')!r}, live {live.headers['vary']!r}")
    if "last-modified" in exported.headers or "nginx/" in exported.headers.get("server", ""):
        problems.append("says when it was made or which nginx it is")
    if not exported.headers.get("strict-transport-security", "").startswith("max-age="):
        problems.append("no Strict-Transport-Security")
    text = exported.headers.get("content-type", "").split(";")[0] in ("text/html", "text/css", "text/javascript")
    if exported.status_code == 200 and text and exported.headers.get("content-encoding") != "gzip":
        problems.append("not sent gzipped from its precompressed copy")
    body, live_body = exported.text, live.text
    forms = FORM.findall(live_body)
    if forms:
        crawl.forms += 1
        if served.ask_url:
            body = body.replace(f'action="{served.ask_url}/', 'action="/')
        else:
            links = TOPICS_LINK.findall(body)
            if links != [topics_of(path)] * len(forms):
                problems.append(f"the form's place holds {links}, not the link to all topics")
            body = TOPICS_LINK.sub("", body)
            live_body = FORM.sub("", live_body)
    if body != live_body:
        problems.append("the page differs")
    crawl.differences += [f"{path}: {problem}" for problem in problems]


async def crawl_and_compare(served: Served, app, starts: list[str]) -> Crawl:
    """Every address reachable from `starts` by following links, in the export and live."""
    crawl = Crawl()
    seen, queue = set(starts), list(starts)
    answered: dict[str, httpx.Response] = {}  # a way cut to its last steps is asked for again and again
    gzip = {"accept-encoding": "gzip"}
    async with (
        httpx.AsyncClient(base_url=served.origin) as export_client,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as live_client,
    ):
        while queue:
            path = queue.pop()
            exported = await export_client.get(path, headers=gzip)
            address = live_address(path, served.depth)
            crawl.ways_cut += address != path
            live = answered.get(address) or await live_client.get(address, headers=gzip)
            answered[address] = live
            compare(path, exported, live, served, crawl)
            crawl.pages += 1
            if exported.status_code == 200 and exported.headers["content-type"].startswith("text/html"):
                if crawl.pages % 500 == 1:
                    crawl.sampled += 1
                    crawl.parsed += same_site_links(exported.text) == parsed_links(exported.text)
                for link in sorted(same_site_links(exported.text) - seen):
                    seen.add(link)
                    queue.append(link)
    return crawl


def start_pages(site: Urls) -> list[str]:
    return [site.mode(embed).start(lang) for embed in (False, True) for lang in CODES]


@pytest.fixture(scope="module")
def plain_export(tmp_path_factory) -> Iterator[Served]:
    with served_export(tmp_path_factory.mktemp("plain")) as served:
        yield served


def test_every_page_of_the_export_is_the_live_page(plain_export):
    app = create_app(Settings(exit_url=EXIT_URL))
    crawl = asyncio.run(crawl_and_compare(plain_export, app, start_pages(Urls())))
    print(f"export crawl: {crawl.pages} addresses, {crawl.ways_cut} ways cut to their last steps, {crawl.forms} forms")
    assert crawl.differences == []
    assert crawl.ways_cut > 0 and crawl.forms > 0
    assert crawl.pages >= 2 * len(CODES) * 100
    assert crawl.parsed == crawl.sampled > 0


def test_the_export_answers_errors_the_exit_and_redirects_as_live(plain_export):
    app = create_app(Settings(exit_url=EXIT_URL))
    crawl = Crawl()

    async def both(method: str, path: str) -> None:
        async with (
            httpx.AsyncClient(base_url=plain_export.origin) as export_client,
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as live_client,
        ):
            exported = await export_client.request(method, path, headers={"accept-encoding": "gzip"})
            live = await live_client.request(method, path, headers={"accept-encoding": "gzip"})
        if exported.is_redirect:  # nginx's redirect bodies are empty, and typed; the service's carry no type
            live.headers.pop("content-type", None)
            assert exported.content == b"", path
            exported.headers.pop("content-type", None)
        compare(path, exported, live, plain_export, crawl)

    for path in ("/sv/finns-inte", "/en/start/finns-inte", "/embed/en/finns-inte", "/embed", "/sv/start.html"):
        asyncio.run(both("GET", path))
    for path in ("/exit", "/sv/start/", "/en/kontaktforbud/", "/sv", "/embed/en/"):
        asyncio.run(both("GET", path))
    asyncio.run(both("POST", "/sv/start"))
    asyncio.run(both("HEAD", "/en/kontaktforbud"))
    assert crawl.differences == []
    assert "pages (" in plain_export.printed


def test_an_export_for_a_municipality_with_a_service_for_free_text(tmp_path):
    """An overlay's pages and files, and a form that posts to a running copy of the guide: a sample per language."""
    with served_export(tmp_path, "--site", str(SITE), "--ask-url", ASK_URL, depth=1) as served:
        app = create_app(Settings(exit_url=EXIT_URL, site=SITE))
        crawl = Crawl()
        sample = ["/_site/style.css", "/_site/logo", "/static/style.css", "/static/exit.js"]
        for embed in (False, True):
            urls = Urls(embed=embed)
            for lang in CODES:
                sample += [
                    urls.start(lang),
                    urls.walk(lang, ("start", "jag-ar-utsatt")),
                    urls.step(lang, "kontaktforbud"),
                ]
                sample += [urls.print(lang, "kontaktforbud"), urls.numbers(lang, "kontaktforbud")]
                sample += [urls.topics(lang), urls.services(lang), urls.about(lang), urls.embedding(lang)]

        async def each() -> None:
            async with (
                httpx.AsyncClient(base_url=served.origin) as export_client,
                httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as live,
            ):
                for path in sample:
                    exported = await export_client.get(path, headers={"accept-encoding": "gzip"})
                    address = live_address(path, served.depth)
                    crawl.ways_cut += address != path
                    compare(path, exported, await live.get(address, headers={"accept-encoding": "gzip"}), served, crawl)

        asyncio.run(each())
        start_page = httpx.get(served.origin + "/en/start").text
    assert crawl.differences == []
    assert f'action="{ASK_URL}/en/skriv"' in start_page
    assert crawl.forms > 0 and crawl.ways_cut == 2 * len(CODES)


def test_export_refuses_an_ask_url_that_is_not_an_origin(tmp_path):
    refused = subprocess.run(
        [sys.executable, "-m", "app", "export", str(tmp_path), "--ask-url", "http://svar.exempel.se/sv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1 and "--ask-url" in refused.stderr
    assert not (tmp_path / "public").exists()


def test_the_ways_written_are_every_way_the_guide_links_to_up_to_the_depth():
    """Every way of at most three steps a page can link to (options followed from each step), and nothing else."""
    guide = create_app(Settings()).state.runtime.guide
    flow = Flow(guide.tree("sv"))
    written = {ids for step_id in flow.tree.steps for ids in ways(flow, step_id, 3)}
    linked, todo = set(), [(step_id,) for step_id in flow.tree.steps]
    while todo:
        ids = todo.pop()
        linked.add(ids)
        walk = flow.walk(ids)
        assert walk is not None
        todo += [walk.to(o.target) for o in flow.options(walk.here) if len(walk.to(o.target)) <= 3]
        todo = [way for way in todo if way not in linked]
    assert written == linked
    assert len(written) > len(flow.tree.steps) * 2
