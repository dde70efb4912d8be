"""The compact guide for frames, the embed page, and printable steps."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from app.content.model import LANGUAGES

from .conftest import client_for, parse


async def test_embedded_pages_have_no_header_and_links_stay_embedded(client, bundled_app):
    for step_id in list(bundled_app.state.runtime.site.guide.tree("sv").steps)[:20]:
        response = await client.get(f"/embed/sv/{step_id}")
        assert response.status_code == 200
        page = parse(response)
        assert page.select_one("header.site-header") is None
        exit_link = page.select_one("a.exit")
        assert exit_link["target"] == "_top" and exit_link["href"] == "/exit"
        for a in page.find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme in ("http", "https"):
                assert (a.get("target"), a.get("rel")) == ("_top", ["noreferrer"]), a
            if parts.scheme or a["href"].startswith("#") or a["href"] == "/exit":
                continue
            assert a["href"].startswith("/embed/") or "/" not in a["href"], a["href"]
        assert page.select_one("form.ask")["action"] == "/embed/sv/skriv"


async def test_embedding_is_refused_unless_the_origin_is_allowed(client, minimal):
    refused = await client.get("/embed/sv/start")
    assert refused.headers["content-security-policy"].endswith("frame-ancestors 'none'")
    async with client_for(minimal, embed_origins=("https://www.exempel.se", "https://b.example")) as c:
        allowed = await c.get("/embed/sv/start")
        assert allowed.headers["content-security-policy"].endswith(
            "frame-ancestors https://www.exempel.se https://b.example"
        )
        normal = await c.get("/sv/start")
        assert normal.headers["content-security-policy"].endswith("frame-ancestors 'none'")


def snippet_of(response) -> BeautifulSoup:
    """The embed page's snippet, parsed as the host page's editor would paste it."""
    return BeautifulSoup(parse(response).select_one("pre.snippet").get_text(), "html.parser")


async def test_the_embed_page_gives_a_snippet_with_a_title(client):
    snippet = snippet_of(await client.get("/sv/badda-in", headers={"host": "evil.example"}))
    frame = snippet.select_one("iframe")
    assert frame["src"] == "/embed/sv/start"  # never an address from the Host header
    assert frame["title"] == "Vägvisaren: stöd vid våld i nära relationer"
    assert frame["referrerpolicy"] == "no-referrer"


async def test_the_snippet_puts_the_exit_around_the_frame_and_survives_a_cms(client):
    snippet = snippet_of(await client.get("/sv/badda-in"))
    children = [tag.name for tag in snippet.find_all(recursive=False)]
    assert children == ["p", "iframe", "p"]
    for link in (snippet.select("p")[0].a, snippet.select("p")[1].a):
        assert (link["href"], link["target"], link["rel"]) == ("/exit", "_top", ["noreferrer"])
        assert link.get_text() == "Lämna sidan snabbt"
    assert not snippet.select("[style], [class], script")  # many CMSs strip style and class
    assert int(snippet.iframe["height"]) <= 480  # with both links, it fits a phone's screen


async def test_the_embed_page_lists_the_allowed_origins(client, minimal):
    page = parse(await client.get("/en/badda-in"))
    assert page.select_one("ul.origins") is None
    assert "No website may show the guide in a frame yet." in page.get_text()
    async with client_for(minimal, embed_origins=("https://www.exempel.se", "http://localhost:8080")) as c:
        page = parse(await c.get("/en/badda-in"))
        listed = [code.get_text() for code in page.select("ul.origins code")]
        assert listed == ["https://www.exempel.se", "http://localhost:8080"]
        assert "refused to connect" in page.get_text()


async def test_absolute_addresses_come_from_the_public_url_setting(minimal):
    async with client_for(minimal, public_url="https://vagvisaren.exempel.se") as c:
        snippet = snippet_of(await c.get("/sv/badda-in", headers={"host": "evil.example"}))
        assert snippet.iframe["src"] == "https://vagvisaren.exempel.se/embed/sv/start"
        assert snippet.a["href"] == "https://vagvisaren.exempel.se/exit"
        printable = parse(await c.get("/sv/hjalp/skriv-ut", headers={"host": "evil.example"}))
        assert printable.select_one(".come-back .address").get_text() == "https://vagvisaren.exempel.se/sv/hjalp"


async def test_embedded_answer_and_errors_stay_embedded(client):
    posted = await client.post("/embed/en/skriv", data={"q": "contact ban", "steg": "start"})
    assert posted.headers["location"].startswith("/embed/en/svar?till=")
    answer = parse(await client.get(posted.headers["location"]))
    assert answer.select_one("header.site-header") is None
    assert answer.select_one("article a.option")["href"].startswith("/embed/en/")
    missing = await client.get("/embed/en/nothing")
    assert missing.status_code == 404
    assert parse(missing).select_one("a.exit")["target"] == "_top"


async def test_every_information_step_can_be_printed(client, bundled_app):
    tree = bundled_app.state.runtime.site.guide.tree("sv")
    for step in tree.steps.values():
        page = parse(await client.get(f"/sv/{step.id}"))
        link = page.select_one("p.print-link a")
        if step.kind != "info":
            assert link is None
            continue
        assert link["href"] == f"/sv/{step.id}/skriv-ut"
        printable = parse(await client.get(link["href"]))
        assert printable.h1.get_text(strip=True) == step.title
        assert printable.select_one(".print-warning") is not None
        assert printable.select_one(".come-back .address").get_text() == f"/sv/{step.id}"
        assert [a["href"] for a in printable.select("section.sources li > a")] == [s.url for s in step.sources]
        assert len(printable.select("li.service")) == len(step.services)


async def test_a_question_has_no_print_page(client):
    assert (await client.get("/sv/start/skriv-ut")).status_code == 404


async def test_print_css_hides_the_exit_and_the_form(client):
    css = (await client.get("/static/style.css")).text
    print_rules = css[css.index("@media print") :]
    assert ".exit-bar" in print_rules and ".ask" in print_rules


async def test_links_between_steps_work_on_print_pages_too(client, bundled_app):
    for prefix in ("", "/embed"):
        for lang in LANGUAGES:
            for step in bundled_app.state.runtime.site.guide.tree(lang).steps.values():
                if step.kind != "info":
                    continue
                address = f"http://testserver{prefix}/{lang}/{step.id}/skriv-ut"
                body = parse(await client.get(address)).select_one(".printable .body")
                for a in body.select("a[href]:not(.external)"):
                    target = urljoin(address, a["href"])
                    assert target.startswith(f"http://testserver{prefix}/{lang}/"), (address, a["href"])
                    assert (await client.get(target)).status_code == 200, (address, a["href"])


async def test_the_numbers_only_page_has_a_neutral_title_and_no_topic(client, bundled_app):
    step = bundled_app.state.runtime.guide.tree("sv")["skyddat-boende"]
    printable = parse(await client.get("/sv/skyddat-boende/skriv-ut"))
    assert printable.select_one(".print-help a")["href"] == "/sv/skyddat-boende/nummer"
    page = parse(await client.get("/sv/skyddat-boende/nummer"))
    assert page.title.get_text() == "Telefonnummer – Vägvisaren"
    main = page.find("main").get_text()
    assert step.title not in main and "skyddat boende" not in main.lower()
    assert [a["href"] for a in page.select("main a.phone")] == ["tel:020505050", "tel:116006"]
    assert (await client.get("/sv/start/nummer")).status_code == 404
