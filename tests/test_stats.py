"""The follow-up figures: what is counted, that nothing else reaches the file, and that serving never waits for it."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import threading
import urllib.request
from pathlib import Path

import httpx
import pytest

from app import stats
from app.__main__ import main
from app.settings import Settings, SettingsError
from app.web.app import create_app, reload_content
from app.web.runtime import NoObserver

from .browser import harness
from .conftest import BUNDLED, parse

TOKEN = "a-long-token-for-the-figures-page-1234"
MARKER = "zq7markerx"
DAY = dt.date(2026, 11, 20)


def app_with_figures(path: Path, **settings):
    return create_app(Settings(content_dir=BUNDLED, stats=path, stats_token=TOKEN, **settings))


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT day, kind, lang, name, n FROM counts ORDER BY kind, name").fetchall()


def test_counts_per_day_add_up_and_survive_a_restart(tmp_path):
    path = tmp_path / "stats.sqlite"
    first = stats.StatsCounter(path, today=lambda: DAY, start=False)
    for _ in range(3):
        first.step_shown("sv", "kontaktforbud")
    first.answered("sv", "kontaktforbud", danger=True)
    first.answered("en", None, danger=False)
    first.close()
    again = stats.StatsCounter(path, today=lambda: DAY, start=False)
    again.step_shown("sv", "kontaktforbud")
    again.close()
    assert rows(path) == [
        ("2026-11-20", "answer", "en", "", 1),
        ("2026-11-20", "answer", "sv", "kontaktforbud", 1),
        ("2026-11-20", "danger", "sv", "", 1),
        ("2026-11-20", "step", "sv", "kontaktforbud", 4),
    ]
    assert [(r.kind, r.name, r.shown) for r in stats.read(path, DAY, DAY)] == [
        ("answer", "", "<10"),
        ("answer", "kontaktforbud", "<10"),
        ("danger", "", "<10"),
        ("step", "kontaktforbud", "<10"),
    ]
    assert stats.read(path, DAY + dt.timedelta(days=1)) == []


def test_the_file_holds_no_order_and_no_time_finer_than_the_day(tmp_path):
    path = tmp_path / "stats.sqlite"
    counter = stats.StatsCounter(path, today=lambda: DAY, start=False)
    for step_id in ("vald", "akut", "start", "boende"):
        counter.step_shown("sv", step_id)
        counter.flush()  # one visitor, one page at a time: the worst case for order
    with sqlite3.connect(path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(counts)")]
        stored = [row[0] for row in connection.execute("SELECT name FROM counts")]
        with pytest.raises(sqlite3.OperationalError):
            connection.execute("SELECT rowid FROM counts")
    assert columns == ["day", "kind", "lang", "name", "n"]
    assert stored == sorted(stored)  # key order, never the order they were shown in


async def test_nothing_from_a_request_but_the_step_reaches_the_file(tmp_path):
    path = tmp_path / "stats.sqlite"
    app = app_with_figures(path)
    headers = {
        "user-agent": f"Mozilla/5.0 {MARKER}",
        "referer": f"https://{MARKER}.example/",
        "x-forwarded-for": "203.0.113.77",
        "cookie": f"id={MARKER}",
        "accept-language": "sv",
        "x-marker": MARKER,
    }
    async with client(app) as c:
        for _ in range(12):
            assert (await c.get(f"/sv/kontaktforbud?{MARKER}=1", headers=headers)).status_code == 200
        assert (await c.get(f"/sv/{MARKER}", headers=headers)).status_code == 404
        posted = await c.post("/sv/skriv", data={"q": f"{MARKER} han har en kniv", "steg": "start"}, headers=headers)
        assert posted.status_code == 303
        asked = await c.post("/api/v1/sv/ask", json={"q": f"{MARKER} kontaktförbud"}, headers=headers)
        assert asked.status_code == 200
    app.state.runtime.observer.close()
    data = path.read_bytes()
    for secret in (MARKER, "203.0.113.77", "Mozilla", "kniv", str(path)):
        assert secret.encode() not in data, secret
    kinds = {(kind, name) for _, kind, _, name, _ in rows(path)}
    assert ("step", "kontaktforbud") in kinds
    assert ("danger", "") in kinds
    assert {kind for kind, _ in kinds} == {"step", "answer", "danger"}
    assert all(day == dt.date.today().isoformat() for day, *_ in rows(path))


async def test_the_server_keeps_serving_when_the_file_cannot_be_written(tmp_path, caplog):
    folder = tmp_path / "not-yet"
    path = folder / "stats.sqlite"  # its folder does not exist: SQLite cannot create it
    app = app_with_figures(path)
    counter = app.state.runtime.observer
    async with client(app) as c:
        for _ in range(5):
            assert (await c.get("/sv/start")).status_code == 200
        assert counter.flush() is False
        assert counter.flush() is False
        assert (await c.get("/en/start")).status_code == 200
    assert counter.pending() == 6
    assert sum("could not be written" in r.getMessage() for r in caplog.records) == 1  # once, not every flush
    assert str(path) not in caplog.text
    folder.mkdir()
    assert counter.flush() is True
    assert sum(n for *_, n in rows(path)) == 6
    counter.close()


def test_counts_add_up_when_many_threads_count_while_the_writer_writes(tmp_path):
    path = tmp_path / "stats.sqlite"
    counter = stats.StatsCounter(path, flush_seconds=0.005)
    each, threads = 2000, 8

    def count() -> None:
        for i in range(each):
            counter.step_shown("sv", "start" if i % 2 else "vald")

    workers = [threading.Thread(target=count) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    counter.close()
    assert sum(n for *_, n in rows(path)) == each * threads


async def test_counts_add_up_under_concurrent_requests(tmp_path):
    path = tmp_path / "stats.sqlite"
    app = app_with_figures(path)
    async with client(app) as c:
        answers = await asyncio.gather(*(c.get("/sv/kontaktforbud") for _ in range(300)))
    assert {r.status_code for r in answers} == {200}
    app.state.runtime.observer.close()
    assert rows(path) == [(dt.date.today().isoformat(), "step", "sv", "kontaktforbud", 300)]


def test_a_real_server_counts_every_request_and_writes_them_at_shutdown(tmp_path):
    """Eight clients at once against `python -m app serve`; the figures are written when it stops."""
    path = tmp_path / "stats.sqlite"
    each, clients = 50, 8
    with harness.service(VAGVISAREN_STATS=str(path)) as origin:

        def fetch() -> None:
            for _ in range(each):
                with urllib.request.urlopen(f"{origin}/sv/skyddat-boende", timeout=10) as response:
                    assert response.status == 200

        workers = [threading.Thread(target=fetch) for _ in range(clients)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert rows(path) == [(dt.date.today().isoformat(), "step", "sv", "skyddat-boende", each * clients)]


def test_a_reload_keeps_the_same_counter(tmp_path):
    app = app_with_figures(tmp_path / "stats.sqlite")
    counter = app.state.runtime.observer
    assert reload_content(app) is True
    assert app.state.runtime.observer is counter
    counter.close()
    assert isinstance(create_app(Settings(content_dir=BUNDLED)).state.runtime.observer, NoObserver)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"stats": Path("s.sqlite"), "stats_token": "short"}, "at least 24 characters"),
        ({"stats_token": TOKEN}, "VAGVISAREN_STATS is not"),
    ],
)
def test_figure_settings_are_checked_at_start(settings, message):
    with pytest.raises(SettingsError, match=message):
        Settings(**settings)


def filled(path: Path) -> None:
    counter = stats.StatsCounter(path, start=False)
    for _ in range(12):
        counter.step_shown("sv", "kontaktforbud")
    for _ in range(3):
        counter.step_shown("sv", "heder")
    counter.answered("sv", "kontaktforbud", danger=True)
    counter.close()


async def test_the_figures_page_needs_the_token_and_hides_small_counts(tmp_path):
    path = tmp_path / "stats.sqlite"
    filled(path)
    async with client(create_app(Settings(content_dir=BUNDLED))) as c:
        assert (await c.get("/_stats")).status_code == 404  # figures off: no such page
    async with client(app_with_figures(path)) as c:
        form = await c.get("/_stats")
        assert form.status_code == 200
        assert form.headers["cache-control"] == "no-store"
        assert form.headers["x-robots-tag"] == "noindex, nofollow"
        assert parse(form).select_one("input#token")["type"] == "password"
        assert parse(form).select_one("table.figures") is None
        wrong = await c.post("/_stats", data={"token": TOKEN[:-1] + "x"})
        assert wrong.status_code == 403 and parse(wrong).select_one("table.figures") is None
        right = await c.post("/_stats", data={"token": TOKEN}, headers={"accept-language": "sv"})
        assert right.status_code == 200
        assert TOKEN not in right.text
        page = parse(right)
        steps = {tr.th.get_text(strip=True): tr for tr in page.select("#figures-step ~ table tbody tr")}
        big = steps["Kontaktförbud (kontaktforbud)"]
        assert big.select_one(".count").get_text() == "12"
        assert big.select_one("meter")["value"] == "12"
        small = next(tr for label, tr in steps.items() if label.endswith("(heder)"))
        assert small.select_one(".count").get_text() == "färre än 10"
        assert small.select_one("meter") is None  # a bar's length would give the number away
        assert not page.select("main script, [style]")  # the bars are plain HTML, no script
        empty = await c.post("/_stats", data={"token": TOKEN, "fran": "2020-01-01", "till": "2020-01-31"})
        assert "Inget räknades under perioden." in parse(empty).get_text()
        bad = await c.post("/_stats", data={"token": TOKEN, "fran": "31/12"})
        assert bad.status_code == 400
        for public in ("/sv/start", "/sv/tillganglighet", "/sv/badda-in", "/sv/stodlinjer", "/openapi.json"):
            assert "_stats" not in (await c.get(public)).text  # linked from nowhere


async def test_the_privacy_text_says_whether_figures_are_kept(tmp_path):
    async with client(app_with_figures(tmp_path / "stats.sqlite")) as c:
        counting = parse(await c.get("/en/tillganglighet")).get_text()
    async with client(create_app(Settings(content_dir=BUNDLED))) as c:
        not_counting = parse(await c.get("/en/tillganglighet")).get_text()
    assert "counts under 10 are never shown" in counting and "counts nothing about visits" not in counting
    assert "This service counts nothing about visits." in not_counting


def test_the_stats_command_prints_and_hides_small_counts(tmp_path, capsys, monkeypatch):
    path = tmp_path / "stats.sqlite"
    filled(path)
    monkeypatch.setenv("VAGVISAREN_STATS", str(path))
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "      12  shown" in out and "kontaktforbud" in out
    assert "     <10  shown" in out
    assert main(["stats", "--csv", "--from", "2000-01-01", "--to", dt.date.today().isoformat()]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "kind,lang,step,count"
    assert "step,sv,kontaktforbud,12" in lines and "step,sv,heder,<10" in lines
    assert main(["stats", "--from", "2000-01-01", "--to", "2000-01-31"]) == 0
    assert "nothing counted in this period" in capsys.readouterr().out
    assert main(["stats", "--from", "2001-01-01", "--to", "2000-01-01"]) == 1
    assert main(["stats", "--file", str(tmp_path / "none.sqlite")]) == 1
    monkeypatch.delenv("VAGVISAREN_STATS")
    assert main(["stats"]) == 1
    with pytest.raises(SystemExit):
        main(["stats", "--from", "yesterday"])


async def test_a_step_reached_by_its_way_is_counted_as_that_step_alone(tmp_path):
    """The address of a way holds the steps she chose in order; only the step shown is counted."""
    path = tmp_path / "stats.sqlite"
    app = app_with_figures(path)
    async with client(app) as c:
        first = parse(await c.get("/sv/start")).select_one("a.option")["href"]
        second = parse(await c.get(first)).select_one("a.option")["href"]
        assert second.count("/") >= 3  # /sv/a/b: a way, not a short address
        for _ in range(3):
            assert (await c.get(second)).status_code == 200
    app.state.runtime.observer.close()
    counted = {(name, n) for _, kind, _, name, n in rows(path) if kind == "step"}
    assert (second.rsplit("/", 1)[1], 3) in counted
    assert not any("/" in name for name, _ in counted)
