"""The fast path: every page that is a function of its address, kept and answered before the middleware stack."""

from __future__ import annotations

import dataclasses
import json

import httpx
import pytest

from app.settings import Settings
from app.web.app import create_app, reload_content
from app.web.cache import MARK, KeptPages
from app.web.runtime import NoObserver, runtime_of

from .conftest import BUNDLED, ROOT_DIR, parse
from .test_validate import edit

IDENTITY = {"accept-encoding": "identity"}
ANSWER = "/sv/svar?till=kontaktforbud,skyddat-boende&fara=1"


def client_of(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def without_date(response: httpx.Response) -> list[tuple[str, str]]:
    return [(k, v) for k, v in response.headers.multi_items() if k != "date"]


@pytest.fixture
def sites_app():
    return create_app(Settings(sites_dir=ROOT_DIR / "sites"))


@pytest.mark.parametrize(
    "path",
    [
        "/sv/kontaktforbud",
        "/en/start",
        "/sv/kontaktforbud/skriv-ut",
        "/en/kontaktforbud/nummer",
        "/sv/alla-amnen",
        "/en/stodlinjer",
        "/sv/tillganglighet",
        "/en/badda-in",
        ANSWER,
        "/en/svar",
        "/embed/sv/kontaktforbud",
        "/embed/en/kontaktforbud/skriv-ut",
        "/embed/sv/svar?till=kontaktforbud",
        "/k/exempelkommun/sv/skyddat-boende",
        "/k/exempelkommun/embed/en/alla-amnen",
        "/k/exempelkommun/sv/kontaktforbud/nummer",
        "/sv/finns-inte",
        "/embed/en/finns-inte/skriv-ut",
    ],
)
async def test_every_page_that_is_a_function_of_its_address_is_kept_and_answered_the_same(sites_app, path):
    async with client_of(sites_app) as c:
        first = await c.get(path, headers=IDENTITY)
        kept = runtime_of(sites_app).kept
        assert kept.get(path.encode()) is not None
        again = await c.get(path, headers=IDENTITY)
    assert first.status_code == again.status_code in (200, 404)
    assert again.content == first.content and without_date(again) == without_date(first)
    assert again.headers["content-security-policy"] and again.headers["cache-control"] == "no-store"
    assert again.headers["referrer-policy"] == "no-referrer" and again.headers["vary"] == "Accept-Encoding"
    assert not any("vagvisaren" in name for name in again.headers)


async def test_pages_of_other_kinds_are_not_kept(minimal):
    app = create_app(Settings(content_dir=minimal))
    others = ("/healthz", "/static/style.css", "/api/v1/sv/nodes", "/api/v1/sv/nodes/nothing", "/", "/sv", "/sv/start/")
    async with client_of(app) as c:
        for path in (*others, "/exit"):
            await c.get(path)
        await c.post("/sv/skriv", data={"q": "hjälp"})  # a form is read once, never kept
        await c.post("/sv/skriv", data={"q": ""})
    kept = runtime_of(app).kept
    for path in (*others, "/exit", "/sv/skriv"):
        assert kept.get(path.encode()) is None, path
    assert len(kept) == 0


@pytest.mark.parametrize(
    "path",
    [
        "/sv/svar?fara=1&till=kontaktforbud,skyddat-boende",  # the same reply, its fields in another order
        "/sv/svar?till=kontaktforbud%2Cskyddat-boende&fara=1",
        "/sv/kontaktforbud?utm_source=x",
        "/sv/kontaktforbud?",
    ],
)
async def test_an_address_written_another_way_is_answered_by_the_app_and_never_kept(client, bundled_app, path):
    canonical = "/sv/svar?till=kontaktforbud,skyddat-boende&fara=1" if "svar" in path else "/sv/kontaktforbud"
    response = await client.get(path, headers=IDENTITY)
    assert response.status_code == 200
    assert response.content == (await client.get(canonical, headers=IDENTITY)).content
    assert runtime_of(bundled_app).kept.get(path.encode()) is None


async def test_gzip_etag_304_and_head_on_a_kept_answer(client):
    plain = await client.get(ANSWER, headers=IDENTITY)
    zipped = await client.get(ANSWER, headers={"accept-encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip" and zipped.content == plain.content
    assert int(zipped.headers["content-length"]) < len(plain.content) / 2
    assert zipped.headers["etag"] == plain.headers["etag"][:-1] + '-gzip"'
    for headers, etag in ((IDENTITY, plain.headers["etag"]), ({"accept-encoding": "gzip"}, zipped.headers["etag"])):
        again = await client.get(ANSWER, headers={**headers, "if-none-match": f'"other", {etag}'})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert "content-type" not in again.headers and "content-length" not in again.headers
        assert again.headers["content-security-policy"] == plain.headers["content-security-policy"]
    head = await client.head(ANSWER, headers=IDENTITY)
    assert head.status_code == 200 and head.content == b""
    assert without_date(head) == without_date(plain)


async def test_an_error_page_is_kept_but_never_answered_304(client):
    first = await client.get("/en/nowhere", headers=IDENTITY)
    assert first.status_code == 404 and "etag" not in first.headers
    again = await client.get("/en/nowhere", headers={**IDENTITY, "if-none-match": "*"})
    assert again.status_code == 404 and again.content == first.content
    assert parse(again).select_one("html")["lang"] == "en"


async def test_a_kept_page_still_answers_only_allowed_hosts(minimal):
    app = create_app(Settings(content_dir=minimal, allowed_hosts=("vagvisaren.exempel.se",)))
    async with client_of(app) as c:
        good = await c.get("/sv/hjalp", headers={"host": "vagvisaren.exempel.se"})
        assert good.status_code == 200 and runtime_of(app).kept.get(b"/sv/hjalp") is not None
        bad = await c.get("/sv/hjalp", headers={"host": "evil.example"})
    assert bad.status_code == 400 and bad.headers["content-security-policy"]


async def test_with_cors_a_request_with_an_origin_is_answered_by_the_app_and_not_kept(minimal):
    origin = "https://www.exempel.se"
    app = create_app(Settings(content_dir=minimal, cors_origins=(origin,)))
    async with client_of(app) as c:
        response = await c.get("/sv/hjalp", headers={"origin": origin})
        assert response.headers["access-control-allow-origin"] == origin
        assert runtime_of(app).kept.get(b"/sv/hjalp") is None
        await c.get("/sv/hjalp")
        assert "access-control-allow-origin" not in (await c.get("/sv/hjalp")).headers


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8443"])
async def test_no_absolute_address_comes_from_host_or_forwarded_headers(minimal, host):
    hostile = {"host": host, "x-forwarded-proto": "http", "x-forwarded-host": "evil.example", "forwarded": "host=evil"}
    for public_url in ("", "https://vagvisaren.exempel.se"):
        app = create_app(Settings(content_dir=minimal, public_url=public_url))
        async with client_of(app) as c:
            for _ in range(2):  # the page the app renders, then the kept one
                pages = [await c.get(p, headers=hostile) for p in ("/sv/hjalp/skriv-ut", "/en/badda-in", "/sv/hjalp")]
                schema = await c.get("/openapi.json", headers=hostile)
                for response in [*pages, schema]:
                    assert "evil" not in response.text and "http://" not in response.text.replace("http://www.w3", "")
            printed = parse(pages[0]).select_one(".come-back .address").get_text()
            snippet = parse(pages[1]).select_one("pre.snippet").get_text()
        assert printed == f"{public_url}/sv/hjalp"
        assert f'<iframe src="{public_url}/embed/en/start"' in snippet
        assert snippet.count(f'<a href="{public_url}/exit" target="_top"') == 2
        servers = json.loads(schema.text).get("servers")
        assert servers == ([{"url": public_url}] if public_url else None)


async def test_the_marker_never_reaches_the_server(bundled_app):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    for path in ("/sv/kontaktforbud", "/sv/kontaktforbud", "/sv/kontaktforbud?x=1", "/sv/finns-inte"):
        path_only, _, query = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path_only,
            "raw_path": path_only.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"testserver")],
            "client": ("127.0.0.1", 1),
            "server": ("testserver", 80),
        }
        await bundled_app(scope, receive, send)
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert len(starts) == 4 and not any(MARK in m for m in starts)
    assert not any(b"vagvisaren" in name for m in starts for name, _ in m["headers"])
    assert len([m for m in sent if m["type"] == "http.response.body"]) == 4


class Counter:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def step_shown(self, lang: str, step_id: str) -> None:
        self.shown.append((lang, step_id))


async def test_every_step_shown_is_told_to_the_observer_kept_or_not(minimal):
    app = create_app(Settings(content_dir=minimal))
    counter = Counter()
    app.state.runtime = dataclasses.replace(runtime_of(app), observer=counter)
    async with client_of(app) as c:
        await c.get("/sv/hjalp")  # rendered, then kept
        await c.get("/sv/hjalp")  # from the fast path
        await c.get("/embed/en/hjalp", headers={"accept-encoding": "gzip"})
        etag = (await c.get("/en/start")).headers["etag"]
        await c.get("/en/start", headers={"if-none-match": etag, "accept-encoding": "identity"})
        await c.get("/sv/hjalp?x=1")  # not kept, still shown
        await c.head("/sv/hjalp")  # nothing shown
        for path in ("/sv/alla-amnen", "/sv/hjalp/skriv-ut", "/sv/svar?till=hjalp", "/sv/finns-inte"):
            await c.get(path)
    assert counter.shown == [("sv", "hjalp"), ("sv", "hjalp"), ("en", "hjalp"), ("en", "start"), ("en", "start")] + [
        ("sv", "hjalp")
    ]
    assert reload_content(app)
    assert runtime_of(app).observer is counter


async def test_an_observer_that_fails_costs_no_one_her_page(minimal, caplog):
    class Broken:
        def step_shown(self, lang: str, step_id: str) -> None:
            raise RuntimeError("the counter is down")

    app = create_app(Settings(content_dir=minimal))
    app.state.runtime = dataclasses.replace(runtime_of(app), observer=Broken())
    async with client_of(app) as c:
        assert (await c.get("/sv/hjalp")).status_code == 200
        assert (await c.get("/sv/hjalp")).status_code == 200
    assert "the page observer raised RuntimeError" in caplog.text


def test_the_default_observer_counts_nothing():
    assert create_app(Settings(content_dir=BUNDLED)).state.runtime.observer.__class__ is NoObserver


async def test_a_reload_never_serves_a_kept_page_of_the_old_content(minimal):
    app = create_app(Settings(content_dir=minimal))
    async with client_of(app) as c:
        before = await c.get("/sv/hjalp", headers=IDENTITY)
        answer_before = await c.get("/sv/svar?till=hjalp", headers=IDENTITY)
        assert (await c.get("/sv/hjalp", headers=IDENTITY)).content == before.content
        edit(minimal / "sv" / "hjalp.md", "title: ", "title: Nytt ")
        assert reload_content(app)
        assert len(runtime_of(app).kept) == 0
        after = await c.get("/sv/hjalp", headers=IDENTITY)
        answer_after = await c.get("/sv/svar?till=hjalp", headers=IDENTITY)
        zipped = await c.get("/sv/hjalp", headers={"accept-encoding": "gzip"})
        stale = await c.get("/sv/hjalp", headers={"if-none-match": before.headers["etag"], **IDENTITY})
    assert "Nytt " in parse(after).select_one("h1").get_text() and "Nytt " not in before.text
    assert "Nytt " in answer_after.text and "Nytt " not in answer_before.text
    assert "Nytt " in zipped.text
    assert after.headers["etag"] != before.headers["etag"] and stale.status_code == 200


def test_the_memory_is_bounded_by_bytes_and_drops_the_least_recently_used(bundled_app):
    site = runtime_of(bundled_app).site
    from app.web.cache import Entry, Kept

    def entry(step_id: str) -> Entry:
        page = site.step("sv", step_id)
        return Entry.of(Kept(page, f"/sv/{step_id}", "sv", step_id), 200, [(b"content-type", b"text/html")], b"k")

    steps = list(site.guide.tree("sv").steps)[:6]
    entries = {step_id: entry(step_id) for step_id in steps}
    one = max(e.size for e in entries.values())
    kept = KeptPages(budget=3 * one)
    for step_id in steps[:3]:
        kept.put(step_id.encode(), entries[step_id])
    assert kept.get(steps[0].encode()) is not None  # now the most recently used
    kept.put(steps[3].encode(), entries[steps[3]])
    assert kept.get(steps[1].encode()) is None and kept.get(steps[0].encode()) is not None
    for step_id in steps:
        kept.put(step_id.encode(), entries[step_id])
        assert kept.bytes <= kept.budget
    assert kept.bytes == sum(entries[s].size for s in steps[-len(kept) :])
    kept.put(steps[-1].encode(), entries[steps[-1]])  # the same address again: counted once
    assert kept.bytes == sum(entries[s].size for s in steps[-len(kept) :])
    small = KeptPages(budget=one // 2)
    small.put(b"/big", entries[steps[0]])
    assert len(small) == 0 and small.bytes == 0


def test_unpacked_pages_are_kept_by_etag_within_their_own_budget(bundled_app):
    site = runtime_of(bundled_app).site
    from app.web.cache import Entry, Kept

    steps = list(site.guide.tree("sv").steps)[:4]
    entries = [
        Entry.of(Kept(site.step("sv", s), f"/sv/{s}", "sv", s), 200, [(b"content-type", b"text/html")], b"k")
        for s in steps
    ]
    largest = max(len(site.step("sv", s).body) for s in steps)
    kept = KeptPages(unpacked_budget=2 * largest)
    for entry, step_id in zip(entries, steps, strict=True):
        assert kept.unpacked(entry) == site.step("sv", step_id).body
        assert kept.unpacked_bytes <= kept.unpacked_budget
    assert kept.unpacked(entries[-1]) is kept.unpacked(entries[-1])  # the second time from memory
    assert len(kept._unpacked) == 2 and entries[0].etag not in kept._unpacked
