"""The accessibility statement: in both languages, linked from every page, and never a made-up contact."""

from __future__ import annotations

import shutil

import pytest

from app.content.validate import load_guide

from .conftest import client_for, parse

SECTIONS = {
    "sv": ["Hur tillgänglig är guiden?", "Det här testar vi", "Så testar vi", "Det här fungerar inte än"],
    "en": ["How accessible is the guide?", "What we test", "How we test", "What does not work yet"],
}


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_the_statement_says_what_was_tested_and_what_does_not_work(client, lang):
    response = await client.get(f"/{lang}/tillganglighet")
    assert response.status_code == 200
    page = parse(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == {"sv": "Tillgänglighetsredogörelse", "en": "Accessibility statement"}[lang]
    headings = [h2.get_text(strip=True) for h2 in page.find("main").find_all("h2")]
    assert headings[:4] == SECTIONS[lang]
    text = page.find("main").get_text(" ", strip=True)
    for fact in ("axe-core", "WCAG 2.2", "320", "1280", "Nu HTML Checker", "VoiceOver", "2018:1937", "DIGG"):
        assert fact in text, fact
    assert f"/{'en' if lang == 'sv' else 'sv'}/tillganglighet" in [a["href"] for a in page.select("a.language")]


async def test_swedish_names_in_the_english_statement_are_marked_swedish(client):
    page = parse(await client.get("/en/tillganglighet"))
    marked = [span.get_text() for span in page.find("main").select("span[lang=sv]")]
    assert "Myndigheten för digital förvaltning" in marked
    assert "lättläst" in marked
    gaps = page.find("main").find_all("h2")[3].find_next("ul").get_text(" ", strip=True)
    assert "are marked as Swedish" in gaps and "not marked yet" in gaps
    assert parse(await client.get("/sv/tillganglighet")).find("main").select("[lang]") == []


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_without_a_contact_the_statement_says_so_and_invents_none(client, lang):
    main = parse(await client.get(f"/{lang}/tillganglighet")).find("main")
    said = {"sv": "har ännu inte gett någon adress", "en": "has not yet given an address"}[lang]
    assert said in main.get_text(" ", strip=True)
    assert "@" not in main.get_text()
    hrefs = [a["href"] for a in main.find_all("a", href=True)]
    assert [href for href in hrefs if href.startswith(("mailto:", "tel:"))] == []
    assert [href for href in hrefs if href.startswith("https://")] == ["https://www.digg.se/"]


@pytest.mark.parametrize(
    ("contact", "href"),
    [
        ("tillganglighet@exempel.se", "mailto:tillganglighet@exempel.se"),
        ("https://www.exempel.se/kontakt", "https://www.exempel.se/kontakt"),
    ],
)
async def test_the_operators_contact_is_shown_as_a_link(minimal, contact, href):
    async with client_for(minimal, contact=contact) as client:
        for lang in ("sv", "en"):
            main = parse(await client.get(f"/{lang}/tillganglighet")).find("main")
            link = main.find("a", href=href)
            assert link is not None and link.get_text(strip=True) == contact
            assert "not yet given" not in main.get_text() and "ännu inte gett" not in main.get_text()


async def test_a_contact_that_is_neither_address_is_shown_as_text(minimal):
    async with client_for(minimal, contact="Ring växeln, 000-000 00 00") as client:
        main = parse(await client.get("/sv/tillganglighet")).find("main")
        assert "Ring växeln, 000-000 00 00" in main.get_text()
        assert main.find("a", string="Ring växeln, 000-000 00 00") is None


async def test_every_page_links_to_the_statement(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    for lang in ("sv", "en"):
        paths = [f"/{lang}/{step_id}" for step_id in guide.tree(lang).steps]
        paths += [f"/{lang}/alla-amnen", f"/{lang}/stodlinjer", f"/{lang}/tillganglighet", f"/{lang}/finns-inte"]
        for path in paths:
            footer = parse(await client.get(path)).find("footer")
            assert footer.find("a", href=f"/{lang}/tillganglighet") is not None, path


async def test_the_embedded_guide_has_its_own_statement(client):
    page = parse(await client.get("/embed/sv/tillganglighet"))
    assert page.h1.get_text(strip=True) == "Tillgänglighetsredogörelse"
    assert page.find("footer").find("a", href="/embed/sv/tillganglighet") is not None


def test_no_step_may_take_the_statements_address(minimal):
    for lang in ("sv", "en"):
        shutil.copy(minimal / lang / "hjalp.md", minimal / lang / "tillganglighet.md")
    problems = [str(problem) for problem in load_guide(minimal).problems]
    assert any("'tillganglighet' is the name of a built-in page" in problem for problem in problems), problems
