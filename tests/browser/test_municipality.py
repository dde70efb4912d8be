"""The municipality's side in a real browser: the embed on a phone, origins, local contacts, /k/{slug}/, figures.

The host page is a municipality's page on another loopback port, holding the snippet
exactly as the "Bädda in guiden" page gives it (its relative addresses prefixed with the
service's origin, as the web editor does when trying it locally, sites/README.md).
"""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from html import unescape

import pytest

from . import harness

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
ARTEFACTS = harness.ROOT / "artefacts" / "screenshots"
TOKEN = "figures-token-for-the-browser-test-0123456789"
FILLER = "".join(
    f"<p>Stycke {i} på kommunens sida om stöd, med text som tar plats på en smal skärm.</p>" for i in range(12)
)


def snippet(origin: str, path: str = "/k/exempelkommun/sv/badda-in") -> str:
    """The code the embed page gives, with the service's origin before its addresses."""
    with urllib.request.urlopen(origin + path, timeout=10) as response:
        page = response.read().decode()
    code = unescape(page.split('<pre class="snippet"><code>', 1)[1].split("</code></pre>", 1)[0])
    return code.replace('href="/', f'href="{origin}/').replace('src="/', f'src="{origin}/')


def host_page(code: str) -> str:
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tallby kommun</title></head>'
        f"<body><h1>Våld i nära relationer</h1>{FILLER}{code}{FILLER}</body></html>"
    )


def guide_frame(page, origin: str):
    """The frame showing the guide, or None where the browser refused to show it."""
    return next((frame for frame in page.frames if frame.url.startswith(origin)), None)


def on_screen(box: dict | None) -> bool:
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] and box["height"] > 0


def test_on_a_phone_an_exit_is_on_screen_wherever_the_host_page_is_scrolled(playwright):
    port = harness.free_port()
    with (
        harness.service(VAGVISAREN_EMBED_ORIGINS=f"http://127.0.0.1:{port}") as origin,
        harness.one_page_site(host_page(snippet(origin)), port) as url,
        harness.chromium(playwright) as context,
    ):
        page = context.new_page()
        page.set_viewport_size(PHONE)
        page.goto(url)
        frame = guide_frame(page, origin)
        assert frame.locator("h1").inner_text() == "Vad gäller det?"
        host_exits = page.locator("a[target=_top]")
        assert host_exits.count() == 2
        assert {host_exits.nth(i).get_attribute("href") for i in range(2)} == {f"{origin}/exit"}
        frame_box = page.locator("iframe").bounding_box()
        height = page.evaluate("document.documentElement.scrollHeight")
        checked = 0
        for y in range(0, height - PHONE["height"] + 1, 20):
            page.evaluate(f"window.scrollTo(0, {y})")
            top = page.evaluate("window.scrollY")
            frame_top = frame_box["y"] - top
            if frame_top >= PHONE["height"] or frame_top + frame_box["height"] <= 0:
                continue  # the guide is not on the screen here: the municipality's own page is
            boxes = [host_exits.nth(i).bounding_box() for i in range(2)]
            boxes.append(frame.locator("a.exit").bounding_box())
            assert any(on_screen(box) for box in boxes), f"no exit on screen at scroll {top}"
            checked += 1
        assert checked > 20
        page.evaluate(f"window.scrollTo(0, {frame_box['y'] - 120})")
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "embed-phone-360.png"))
        host_exits.first.click()
        page.wait_for_load_state()
        assert not page.url.startswith(url)  # the whole tab left, not only the frame


def test_back_after_the_host_page_s_exit_shows_the_guide_from_its_start(playwright, neutral):
    """With the script on: she walks in the frame, leaves by the exit link on the host page, presses Back."""
    port = harness.free_port()
    env = {"VAGVISAREN_EMBED_ORIGINS": f"http://127.0.0.1:{port}", "VAGVISAREN_EXIT_URL": neutral}
    with (
        harness.service(**env) as origin,
        harness.one_page_site(host_page(snippet(origin)), port) as url,
        harness.chromium(playwright, javascript=True) as context,
    ):
        page = context.new_page()
        page.goto(url)
        frame = guide_frame(page, origin)
        frame.locator("a.option").first.click()
        frame.wait_for_url(lambda address: not address.endswith("/start"))
        page.locator("a[target=_top]").first.click()
        page.wait_for_url(neutral)
        page.go_back()
        page.wait_for_load_state("load")
        assert page.url == url
        assert guide_frame(page, origin).url == f"{origin}/k/exempelkommun/embed/sv/start"


def test_origins_are_checked_at_start_and_each_allowed_one_can_frame(playwright):
    refused = subprocess.run(
        [sys.executable, "-m", "app", "serve", "--port", str(harness.free_port())],
        cwd=harness.ROOT,
        env={"PATH": "/usr/bin:/bin", "VAGVISAREN_EMBED_ORIGINS": "https://www.tallby.se,https://tallby.se"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert refused.returncode == 1
    assert "separate the values with spaces, not commas" in refused.stderr
    ports = [harness.free_port() for _ in range(3)]
    allowed = " ".join(f"http://127.0.0.1:{port}" for port in ports[:2])
    with harness.service(VAGVISAREN_EMBED_ORIGINS=allowed) as origin, harness.chromium(playwright) as context:
        code = snippet(origin)
        page = context.new_page()
        page.goto(f"{origin}/k/exempelkommun/sv/badda-in")
        assert page.locator("ul.origins code").all_inner_texts() == allowed.split()
        for port, shown in ((ports[0], True), (ports[1], True), (ports[2], False)):
            with harness.one_page_site(host_page(code), port) as url:
                page.goto(url)
                page.wait_for_load_state("load")
                frame = guide_frame(page, origin)
                heading = frame.query_selector("h1") if frame is not None else None
                assert (heading is not None and heading.inner_text() == "Vad gäller det?") is shown, port


def test_local_contacts_and_local_only_records_on_a_phone(playwright):
    with harness.service() as origin, harness.chromium(playwright) as context:
        page = context.new_page()
        page.set_viewport_size(PHONE)
        page.goto(f"{origin}/k/exempelkommun/sv/skyddat-boende")
        night = page.locator(".act-now a.call", has_text="000-000 00 02")
        assert night.get_attribute("href") == "tel:0000000002"
        night_action = page.locator(".act-now li", has=page.locator("a.call", has_text="000-000 00 02"))
        assert "Socialjouren" in night_action.inner_text()
        contacts = page.locator("dl.contacts a")
        assert contacts.count() == 5
        for i in range(5):
            box = contacts.nth(i).bounding_box()
            assert box is not None and box["width"] > 0 and box["x"] + box["width"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert harness.describe(harness.run_axe(page)) == []
        page.goto(f"{origin}/k/exempelkommun/en/heder")
        team = page.locator("li.service", has_text="Exempelkommun's team against honour-related violence")
        assert team.locator("a[href='sms:0000000005']").count() == 1
        assert harness.describe(harness.run_axe(page)) == []
        page.goto(f"{origin}/k/exempelkommun/en/stodlinjer")
        assert page.locator("section[aria-labelledby='kind-local']").get_by_text("Exempelkommun's team").count() == 1
        page.goto(f"{origin}/en/heder")
        assert page.get_by_text("Exempelkommun's team").count() == 0


def test_a_municipality_s_address_leads_to_its_start_page(playwright):
    with harness.service() as origin, harness.chromium(playwright) as context:
        page = context.new_page()
        for path in ("/k/exempelkommun/", "/k/exempelkommun"):
            page.goto(origin + path)
            assert page.url.startswith(f"{origin}/k/exempelkommun/") and page.url.endswith("/start"), page.url
            assert "Exempelkommun" in page.locator("a.site-name").inner_text()
        missing = page.goto(f"{origin}/k/tallby/")
        assert missing is not None and missing.status == 404
        assert page.locator("a.exit").count() == 1


def test_the_figures_page_after_a_few_visits(playwright, tmp_path):
    path = tmp_path / "stats.sqlite"
    with (
        harness.service(VAGVISAREN_STATS=str(path), VAGVISAREN_STATS_TOKEN=TOKEN) as origin,
        harness.chromium(playwright) as context,
    ):
        context.set_extra_http_headers({"accept-language": "sv"})
        visitor = context.new_page()
        seen: list[str] = []
        visitor.on("request", lambda request: seen.append(request.url))
        for step, times in (("kontaktforbud", 14), ("skyddat-boende", 11), ("heder", 3), ("start", 25)):
            for _ in range(times):
                visitor.goto(f"{origin}/sv/{step}")
        visitor.goto(f"{origin}/sv/start")
        visitor.fill("#fritext", "han har en kniv och hotar mig")
        visitor.click("form.ask button")
        visitor.wait_for_load_state()
        assert all(url.startswith(origin) for url in seen)
        assert context.cookies() == []
        page = context.new_page()
        page.set_viewport_size({"width": 1000, "height": 900})
        page.goto(f"{origin}/_stats")
        assert page.locator("table.figures").count() == 0
        page.fill("#token", "not the token at all, but long enough")
        page.click("form.figures-form button")
        assert page.locator(".error-summary").inner_text().endswith("Nyckeln stämmer inte.")
        page.fill("#token", TOKEN)
        page.click("form.figures-form button")
        rows = page.locator("#figures-step ~ table tbody tr")
        counts = {
            rows.nth(i).locator("th").inner_text(): rows.nth(i).locator(".count").inner_text()
            for i in range(rows.count())
        }
        assert counts["Kontaktförbud (kontaktforbud)"] == "14"
        assert any(label.endswith("(heder)") and count == "färre än 10" for label, count in counts.items())
        assert page.locator("#figures-step ~ table meter").count() == 3  # start, kontaktforbud, skyddat-boende
        assert page.locator("#figures-danger ~ table .count").inner_text() == "färre än 10"
        assert TOKEN not in page.content() and TOKEN not in page.url
        assert harness.describe(harness.run_axe(page)) == []
        page.screenshot(path=str(ARTEFACTS / "stats-1000.png"), full_page=True)
