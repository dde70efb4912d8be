"""Om Vägvisaren: what the guide is, how facts are checked, what it keeps, and who runs this copy.

The page never names an organisation or a contact that nobody gave: the organisation,
its text and its contact come from an overlay, the contact otherwise from the settings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.content import readability
from app.content.overlay import read_overlay
from app.content.validate import load_guide
from app.languages import LANGUAGE

from .conftest import BUNDLED, client_for, parse
from .test_sites import example_copy, national  # noqa: F401  (a fixture, and the national records)
from .test_validate import edit

EXAMPLE = Path(__file__).parent.parent / "sites" / "exempelkommun"

SECTIONS = {
    "sv": ["Vem driver guiden?", "Vad guiden är och inte är", "Var fakta kommer ifrån", "Det här sparar guiden om dig"],
    "en": ["Who runs the guide?", "What the guide is, and what it is not", "Where the facts come from"],
}
NO_NAME = {"sv": "har inte skrivit sitt namn här än", "en": "has not given its name here yet"}
NO_CONTACT = {"sv": "har ännu inte gett någon adress", "en": "has not yet given an address"}


def main_text(page) -> str:
    return page.find("main").get_text(" ", strip=True)


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_the_page_says_what_the_guide_is_how_facts_are_checked_and_what_it_keeps(client, lang):
    response = await client.get(f"/{lang}/om-vagvisaren")
    assert response.status_code == 200
    page = parse(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == {"sv": "Om Vägvisaren", "en": "About Vägvisaren"}[lang]
    headings = [h2.get_text(strip=True) for h2 in page.find("main").find_all("h2")]
    assert headings[: len(SECTIONS[lang])] == SECTIONS[lang]
    text = main_text(page)
    for fact in ({"sv": ("kakor", "112", "historiken"), "en": ("cookies", "112", "history")})[lang]:
        assert fact in text, fact
    main = page.find("main")
    assert main.find("a", href=f"/{lang}/sakert-pa-natet") is not None
    assert main.find("a", href=f"/{lang}/tillganglighet") is not None
    other = "en" if lang == "sv" else "sv"
    assert page.select_one(f"a.language[hreflang={other}]")["href"] == f"/{other}/om-vagvisaren"


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_without_an_organisation_or_contact_the_page_says_so_and_invents_none(client, lang):
    main = parse(await client.get(f"/{lang}/om-vagvisaren")).find("main")
    text = main.get_text(" ", strip=True)
    assert NO_NAME[lang] in text
    assert NO_CONTACT[lang] in text
    assert "@" not in text
    hrefs = [a["href"] for a in main.find_all("a", href=True)]
    assert [href for href in hrefs if not href.startswith(f"/{lang}/")] == []


async def test_the_operators_contact_from_the_settings_is_where_mistakes_are_reported(minimal):
    async with client_for(BUNDLED, contact="fel@exempel.se") as client:
        for lang in ("sv", "en"):
            main = parse(await client.get(f"/{lang}/om-vagvisaren")).find("main")
            link = main.find("a", href="mailto:fel@exempel.se")
            assert link is not None and link.get_text(strip=True) == "fel@exempel.se"
            assert NO_CONTACT[lang] not in main.get_text(" ", strip=True)
            assert NO_NAME[lang] in main.get_text(" ", strip=True)


async def test_an_overlay_names_its_organisation_its_text_and_its_contact():
    async with client_for(BUNDLED, site=EXAMPLE, contact="drift@exempel.se") as client:
        main = parse(await client.get("/sv/om-vagvisaren")).find("main")
        assert main.select_one("p.organisation").get_text(strip=True) == (
            "Den här kopian av guiden drivs av Socialtjänsten i Exempelkommun."
        )
        assert len(main.select("p.organisation-text")) == 2
        assert main.find("a", href="https://www.example.org/exempelkommun/kontakt") is not None
        assert main.find("a", href="mailto:drift@exempel.se") is None
        english = parse(await client.get("/en/om-vagvisaren")).find("main")
        assert "run by Social services in Exempelkommun" in english.get_text(" ", strip=True)


async def test_with_several_sites_each_has_its_own_page_and_the_main_one_names_nobody(example_copy):  # noqa: F811
    async with client_for(BUNDLED, sites_dir=example_copy.parent) as client:
        local = parse(await client.get("/k/exempelkommun/sv/om-vagvisaren"))
        assert "Socialtjänsten i Exempelkommun" in main_text(local)
        assert local.find("footer").find("a", href="/k/exempelkommun/sv/om-vagvisaren") is not None
        assert NO_NAME["sv"] in main_text(parse(await client.get("/sv/om-vagvisaren")))


async def test_an_overlays_text_is_shown_as_written_never_as_markup(example_copy):  # noqa: F811
    site = example_copy / "site.yaml"
    edit(site, "organisation:\n  sv: Socialtjänsten i Exempelkommun", 'organisation:\n  sv: "<b>Kommunen</b>"')
    async with client_for(BUNDLED, site=example_copy) as client:
        main = parse(await client.get("/sv/om-vagvisaren")).find("main")
        assert main.find("b") is None
        assert "<b>Kommunen</b>" in main.get_text()


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("contact: https://www.example.org/exempelkommun/kontakt", "contact: http://www.example.org/k", "contact:"),
        ("contact: https://www.example.org/exempelkommun/kontakt", "contact: javascript:alert(1)", "contact:"),
        ("contact: https://www.example.org/exempelkommun/kontakt", "contact: Ring växeln", "contact:"),
        (
            "\n  en: Social services in Exempelkommun\n",
            "\n",
            "organisation: must give the text in each language",
        ),
        ("\nabout:\n", "\nabout: only one language\nold_about:\n", "about: must give the text in each language"),
    ],
)
def test_an_overlays_about_slots_are_checked(example_copy, old, new, problem):  # noqa: F811
    edit(example_copy / "site.yaml", old, new)
    overlay, problems = read_overlay(example_copy, *national())
    assert overlay is None
    assert any(problem in str(p) for p in problems), problems


def test_an_email_address_is_a_contact_too(example_copy):  # noqa: F811
    edit(
        example_copy / "site.yaml", "contact: https://www.example.org/exempelkommun/kontakt", "contact: fel@example.org"
    )
    overlay, problems = read_overlay(example_copy, *national())
    assert problems == [] and overlay.contact == "fel@example.org"


async def test_the_embedded_page_says_the_frame_around_it_has_its_own_rules(client):
    framed = parse(await client.get("/embed/sv/om-vagvisaren"))
    assert framed.select_one("p.framed") is not None
    assert framed.find("footer").find("a", href="/embed/sv/om-vagvisaren") is not None
    assert parse(await client.get("/sv/om-vagvisaren")).select_one("p.framed") is None


async def test_every_page_links_to_the_page_from_its_footer(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    for lang in ("sv", "en"):
        paths = [f"/{lang}/{step_id}" for step_id in guide.tree(lang).steps]
        paths += [f"/{lang}/alla-amnen", f"/{lang}/stodlinjer", f"/{lang}/tillganglighet", f"/{lang}/finns-inte"]
        for path in paths:
            footer = parse(await client.get(path)).find("footer")
            assert footer.find("a", href=f"/{lang}/om-vagvisaren") is not None, path


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_the_page_is_as_plain_as_any_step(client, lang):
    """The same measure and page limit as the steps: its text is in the catalogs, not the content."""
    main = parse(await client.get(f"/{lang}/om-vagvisaren")).find("main")
    blocks = [element.get_text(" ", strip=True) for element in main.find_all(["h1", "h2", "p", "li"])]
    score = readability.measure(lang)("\n\n".join(blocks))
    assert score.words > 150
    assert score.value <= LANGUAGE[lang].readability.page_max, score


def test_no_step_may_take_the_pages_address(minimal):
    for lang in ("sv", "en"):
        shutil.copy(minimal / lang / "hjalp.md", minimal / lang / "om-vagvisaren.md")
    problems = [str(problem) for problem in load_guide(minimal).problems]
    assert any("'om-vagvisaren' is the name of a built-in page" in problem for problem in problems), problems
