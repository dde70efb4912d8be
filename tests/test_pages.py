"""The web pages, through a real ASGI client and a real HTML parser."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from app.content.model import LANGUAGES
from app.dialogue import Flow
from app.languages import LANGUAGE

from .conftest import client_for, parse

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
}


def all_page_paths(guide) -> list[str]:
    paths = []
    for lang in LANGUAGES:
        paths += [f"/{lang}/{step_id}" for step_id in guide.tree(lang).steps]
        paths += [f"/{lang}/alla-amnen", f"/{lang}/stodlinjer"]
    return paths


def official_urls(guide) -> set[str]:
    """Every outbound URL the content deliberately links to."""
    urls = set()
    for service in guide.services.values():
        urls |= {source.url for source in service.sources}
        if service.url:
            urls.add(service.url)
        urls |= {channel.url for channel in service.channels if channel.url}
        urls |= {channel.source.url for channel in service.channels}
    for lang in LANGUAGES:
        for step in guide.tree(lang).steps.values():
            urls |= {source.url for source in step.sources}
            body = parse_fragment(step.body_html)
            urls |= {a["href"] for a in body.find_all("a", href=True) if a["href"].startswith("https://")}
    return urls


def parse_fragment(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


async def test_every_option_leads_where_the_content_says(client, bundled_app):
    site = bundled_app.state.runtime.site
    for lang in LANGUAGES:
        flow = site.engine.flows[lang]
        for step in flow.tree.steps.values():
            page = parse(await client.get(f"/{lang}/{step.id}"))
            links = [(a["href"], a.get_text().strip()) for a in page.select("a.option")]
            expected = [(f"/{lang}/{step.id}/{o.target}", o.text) for o in flow.options(step)]
            assert links == expected, f"{lang}/{step.id}"
            for href, _ in links:
                target = await client.get(href)
                assert target.status_code == 200, href
                assert parse(target).h1.get_text().strip() == flow.step(href.rsplit("/", 1)[1]).title


async def test_every_step_renders_in_both_languages(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    for lang in LANGUAGES:
        for step in guide.tree(lang).steps.values():
            response = await client.get(f"/{lang}/{step.id}")
            assert response.status_code == 200
            page = parse(response)
            assert page.html["lang"] == LANGUAGE[lang].html_lang
            assert page.h1.get_text().strip() == step.title
            assert page.title.get_text().startswith(step.title)
            assert len(page.find_all("h1")) == 1


async def test_every_page_starts_with_the_skip_link_then_the_quick_exit(client, bundled_app):
    for path in all_page_paths(bundled_app.state.runtime.site.guide) + ["/sv/finns-inte", "/en/nothing-here"]:
        page = parse(await client.get(path))
        focusable = page.body.find_all(["a", "button", "input"])
        skip = focusable[0]["href"]
        assert "skip-link" in focusable[0]["class"], path
        assert focusable[1]["href"] == "/exit" and "exit" in focusable[1]["class"], path
        assert page.find(id="main").name == "main"
        target = page.find(id=skip.removeprefix("#"))
        if page.select_one("h1#step-title"):
            assert target.name == "h1" and target["tabindex"] == "-1", f"{path}: lands before the transcript"
        else:
            assert skip == "#main", path
        assert focusable[1]["rel"] == ["noreferrer"]


async def test_every_page_has_the_emergency_line(client, bundled_app):
    for path in all_page_paths(bundled_app.state.runtime.site.guide) + ["/sv/finns-inte"]:
        footer = parse(await client.get(path)).find("footer", class_="emergency")
        phones = [a["href"] for a in footer.select("a.phone")]
        assert phones == ["tel:112", "tel:020505050"], path


async def test_one_script_of_our_own_no_cookie_and_the_headers(client, bundled_app):
    for path in all_page_paths(bundled_app.state.runtime.site.guide) + ["/sv/finns-inte", "/"]:
        response = await client.get(path)
        assert "set-cookie" not in response.headers
        assert "server" not in response.headers
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
        page = parse(response)
        if response.status_code == 200 or path == "/sv/finns-inte":
            scripts = page.find_all("script")
            assert [(s["src"], s.get_text()) for s in scripts] == [("/static/exit.js", "")], path
            assert page.find(attrs={"onclick": True}) is None
        assert page.find(attrs={"style": True}) is None
        assert page.find("style") is None


async def test_nothing_is_loaded_from_another_origin_and_outbound_links_are_official(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    allowed = official_urls(guide)
    for path in all_page_paths(guide):
        page = parse(await client.get(path))
        for element in page.find_all(src=True):
            assert urlsplit(element["src"]).netloc == "", f"{path}: {element.name} loads {element['src']}"
        for link in page.find_all("link", href=True):
            assert urlsplit(link["href"]).netloc == "", (path, link["href"])
        for a in page.find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme in ("", "tel", "sms"):
                continue
            assert parts.scheme == "https", (path, a["href"])
            assert a["href"] in allowed, (path, a["href"])
            assert "noreferrer" in a.get("rel", []), (path, a["href"])


async def test_the_language_switch_leads_to_the_same_step(client, bundled_app):
    for path in all_page_paths(bundled_app.state.runtime.site.guide):
        lang, rest = path.strip("/").split("/", 1)
        switches = parse(await client.get(path)).select("a.language")
        others = [other for other in LANGUAGE.values() if other.code != lang]
        assert [switch["href"] for switch in switches] == [f"/{other.code}/{rest}" for other in others]
        assert [switch["lang"] for switch in switches] == [other.html_lang for other in others]
        assert all(switch["lang"] == switch["hreflang"] for switch in switches)


async def test_a_short_address_shows_no_conversation_and_no_way_back(client, bundled_app):
    """Bookmarks, print and social workers: the step alone, never a "you chose" she did not choose."""
    flow: Flow = bundled_app.state.runtime.site.engine.flows["sv"]
    for step_id in flow.tree.steps:
        page = parse(await client.get(f"/sv/{step_id}"))
        assert page.select_one("a.back-link") is None and page.select(".transcript") == []
        again = page.find("a", string="Börja om")
        assert (again is None) == (step_id == "start") and (again is None or again["href"] == "/sv/start")


async def test_the_conversation_is_the_way_she_came_and_back_goes_one_step_back_on_it(client):
    """She came to "Skyddat boende" through "Skydd", not the shortest way: the page says so."""
    start = parse(await client.get("/sv/start"))
    path = start.find("a", class_="option", string=re.compile("blir utsatt"))["href"]
    assert path == "/sv/start/jag-ar-utsatt"
    chosen = ["Jag blir utsatt"]
    page = parse(await client.get(path))
    for label in ("^Skydd", "säkert ställe"):
        link = page.find("a", class_="option", string=re.compile(label, re.I))
        chosen.append(link.get_text(strip=True))
        back_to = path
        path = link["href"]
        assert path.startswith(back_to + "/")
        page = parse(await client.get(path))
        assert page.select_one("a.back-link")["href"] == back_to
        assert page.select_one("a.back-link").get_text(strip=True) == "‹Tillbaka"
        assert page.select_one("a.back-link [aria-hidden=true]").get_text(strip=True) == "‹", "the arrow is read aloud"
    said = [b.get_text(" ", strip=True) for b in page.select(".transcript .bubble.person")]
    assert len(said) == 3 and said[0].startswith("Du valde: Jag blir utsatt")
    assert [s.removeprefix("Du valde: ") for s in said[1:]] == chosen[1:]
    assert page.find("a", string="Börja om")["href"] == "/sv/start"


@pytest.mark.parametrize(
    "path",
    [
        "/sv/start/kontaktforbud",  # the start offers no such choice
        "/sv/start/jag-ar-utsatt/start",  # a step twice
        "/sv/start/finns-inte",
        "/sv/" + "/".join(["start", "jag-ar-utsatt"] * 7),  # longer than any link
        "/sv/start/Jag-ar-utsatt",
        "/sv/start//jag-ar-utsatt",
        "/sv/" + "a" * 5000 + "/b",
    ],
)
async def test_an_address_no_page_links_to_is_a_calm_404(client, path):
    response = await client.get(path)
    assert response.status_code in (404, 414)
    page = parse(response)
    assert page.select_one("a.exit") is not None and "112" in page.get_text()


async def test_a_way_in_the_other_language_is_the_same_way(client):
    page = parse(await client.get("/sv/start/jag-ar-utsatt/skydd"))
    assert page.select_one("a.language[hreflang=en]")["href"] == "/en/start/jag-ar-utsatt/skydd"
    assert page.find("a", class_="language", string="Lättläst")["href"] == "/lattlast/start/jag-ar-utsatt/skydd"


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        (None, "sv"),
        ("sv-SE,sv;q=0.9", "sv"),
        ("en-GB,en;q=0.9", "en"),
        ("de-DE,de;q=0.9,en;q=0.5", "en"),
        ("fr", "sv"),
        ("en;q=0.1,sv;q=0.8", "sv"),
        ("nonsense;;q=x", "sv"),
    ],
)
async def test_the_root_chooses_a_language_without_a_cookie(client, accept, lang):
    headers = {"accept-language": accept} if accept else {}
    response = await client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["location"] == f"/{lang}/start"
    assert "set-cookie" not in response.headers
    assert response.headers["vary"] == "Accept-Language"


async def test_a_language_alone_leads_to_its_start(client):
    for path in ("/sv", "/en/"):
        response = await client.get(path)
        assert response.status_code == 302
        assert response.headers["location"] == f"{path.rstrip('/')}/start"


async def test_the_quick_exit_clears_the_cache_and_leaves(client):
    response = await client.get("/exit")
    assert response.status_code == 303
    assert response.headers["location"] == "https://www.smhi.se/"
    assert response.headers["clear-site-data"] == '"cache"'


async def test_the_exit_url_is_a_setting(minimal):
    async with client_for(minimal, exit_url="https://www.example.org/weather") as c:
        assert (await c.get("/exit")).headers["location"] == "https://www.example.org/weather"


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/sv/finns-inte", "sv", "Vi hittar inte sidan"),
        ("/en/not-here", "en", "We cannot find that page"),
        ("/de/start", "sv", "Vi hittar inte sidan"),
        ("/en/start/extra", "en", "We cannot find that page"),
        ("/nothing", "sv", "Vi hittar inte sidan"),
    ],
)
async def test_unknown_pages_get_a_404_in_the_right_language(client, path, lang, heading):
    response = await client.get(path)
    assert response.status_code == 404
    page = parse(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == heading
    assert page.select_one("a.exit")["href"] == "/exit"
    assert page.find("a", href=f"/{lang}/start") is not None
    assert "112" in page.get_text()
    assert "Traceback" not in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
async def test_a_wrong_method_gets_a_405_page(client, method):
    response = await client.request(method, "/en/start")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    page = parse(response)
    assert page.html["lang"] == "en"
    assert page.select_one("a.exit") is not None


async def test_head_works_like_get(client):
    response = await client.head("/sv/start")
    assert response.status_code == 200
    assert response.content == b""


async def test_an_error_inside_becomes_a_calm_500_page(minimal, monkeypatch):
    def broken(lang, step_id):
        raise RuntimeError("a bug")

    async with client_for(minimal, raise_app_exceptions=False) as c:
        monkeypatch.setattr(c._transport.app.state.runtime.site, "step", broken)
        response = await c.get("/en/hjalp")
    assert response.status_code == 500
    assert "Traceback" not in response.text
    assert parse(response).select_one("a.exit") is not None


async def test_healthz(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok"


async def test_the_stylesheet_is_ours_and_loads_nothing_else(client):
    response = await client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "@import" not in response.text
    assert "url(" not in response.text
    assert "@media print" in response.text


async def test_all_topics_lists_every_information_step(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    for lang in LANGUAGES:
        page = parse(await client.get(f"/{lang}/alla-amnen"))
        listed = {a["href"] for a in page.select(".topic-list a")}
        info = {f"/{lang}/{s.id}" for s in guide.tree(lang).steps.values() if s.kind == "info"}
        assert listed == info


async def test_the_helplines_page_lists_every_service_with_its_source(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    for lang in LANGUAGES:
        page = parse(await client.get(f"/{lang}/stodlinjer"))
        cards = page.select("li.service")
        assert len(cards) == len(guide.services)
        names = {card.h3.get_text().strip() for card in cards}
        assert names == {s.text("name", lang) for s in guide.services.values()}
        for card in cards:
            assert card.select_one(".service-source a.external") is not None
        phones = {a.get_text() for a in page.select("li.service a.phone")}
        assert phones == {s.phone for s in guide.services.values() if s.phone}


async def test_information_pages_show_sources_and_review_date(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    for step in guide.tree("sv").steps.values():
        if step.kind != "info":
            continue
        page = parse(await client.get(f"/sv/{step.id}"))
        sources = page.select_one("section.sources")
        assert [a["href"] for a in sources.select("a")] == [s.url for s in step.sources]
        assert sources.select_one(".reviewed").get_text(" ", strip=True).startswith("Senast granskad")


async def test_a_service_card_shows_its_silent_channels_with_their_sources(client):
    for lang, heading, chat in (
        ("sv", "Du kan skriva i stället för att ringa", "Chatt"),
        ("en", "You can write instead of calling", "Chat"),
    ):
        page = parse(await client.get(f"/{lang}/stodlinjer"))
        bris = next(card for card in page.select("li.service") if card.h3.get_text(strip=True) == "Bris")
        channels = bris.select_one("div.channels")
        assert channels.strong.get_text(strip=True) == heading
        items = channels.select("li")
        assert items[0].get_text(" ", strip=True).startswith(f"{chat}:")
        assert all(item.select_one(".service-source a.external") for item in items)
        emergency = next(card for card in page.select("li.service") if card.select_one('a[href="sms:112"]'))
        assert "112" in emergency.select_one("div.channels").get_text()


@pytest.mark.parametrize(("lang", "words"), [("sv", "webbläsaren sparar"), ("en", "browser keeps")])
async def test_the_start_page_tells_the_truth_about_traces(client, lang, words):
    page = parse(await client.get(f"/{lang}/start"))
    traces = page.select_one("p.traces")
    assert words in traces.get_text()
    assert traces.select_one("a")["href"] == f"/{lang}/sakert-pa-natet"
    assert "sparas inte." not in page.select_one("article .body").get_text()
    assert "is not saved" not in page.select_one("article .body").get_text()
    assert parse(await client.get(f"/{lang}/kontaktforbud")).select_one("p.traces") is None
