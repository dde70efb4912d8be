"""Municipality overlays: local contacts, a name and colours, one site or several."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.content.validate import load_guide
from app.settings import Settings
from app.sites import read_overlay
from app.web.app import ContentError, create_app

from .conftest import BUNDLED, client_for, parse
from .test_validate import edit

EXAMPLE = Path(__file__).parent.parent / "sites" / "exempelkommun"


@pytest.fixture
def example_copy(tmp_path) -> Path:
    target = tmp_path / "sites" / "exempelkommun"
    shutil.copytree(EXAMPLE, target)
    return target


def national():
    return load_guide(BUNDLED).guide.services


def test_the_example_is_valid_and_marked_as_an_example():
    overlay, problems = read_overlay(EXAMPLE, national())
    assert problems == []
    assert overlay.example and overlay.name["sv"] == "Exempelkommun"
    assert set(overlay.services) == {"socialtjansten", "kvinnojourer", "tjejjourer"}


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("example: true\n", "", "example numbers only in an example site"),
        ("phone: 000-000 00 00", "phone: 020-50 50 50", "an example site uses only example numbers"),
        ("  tjejjourer:\n", "  hittepa:\n", "no national record of that id"),
        ('person: "#0b5563"', 'person: "#dddddd"', "too light on white"),
        ("logo: logo.svg", "logo: ../logo.svg", "logo:"),
        ("example: true\n", "example: true\nfavicon: x\n", "unknown key 'favicon'"),
    ],
)
def test_overlay_problems(example_copy, old, new, problem):
    edit(example_copy / "site.yaml", old, new)
    overlay, problems = read_overlay(example_copy, national())
    assert overlay is None
    assert any(problem in str(p) for p in problems), problems


def test_a_broken_overlay_stops_the_service(example_copy):
    edit(example_copy / "site.yaml", "phone: 000-000 00 00", "phone: 12")
    with pytest.raises(ContentError):
        create_app(Settings(site=example_copy))


async def test_one_site_shows_its_name_and_local_contacts():
    async with client_for(BUNDLED, site=EXAMPLE) as c:
        page = parse(await c.get("/sv/start"))
        assert "Exempelkommun" in page.select_one("a.site-name").get_text()
        assert page.select_one(".example-banner") is not None
        step = parse(await c.get("/sv/skyddat-boende"))
        names = [h.get_text(strip=True) for h in step.select("li.service h3")]
        assert "Socialtjänsten i Exempelkommun" in names
        assert "Socialtjänsten i din kommun" not in names
        assert (await c.get("/_site/style.css")).text.startswith(":root")
        assert (await c.get("/_site/logo")).headers["content-type"] == "image/svg+xml"
        helplines = parse(await c.get("/en/stodlinjer"))
        assert "Social services in Exempelkommun" in helplines.get_text()


async def test_several_sites_under_k(example_copy):
    second = example_copy.parent / "annankommun"
    shutil.copytree(example_copy, second)
    edit(
        second / "site.yaml",
        "  sv: Exempelkommun\n  en: Exempelkommun",
        "  sv: Annan kommun\n  en: Another municipality",
    )
    async with client_for(BUNDLED, sites_dir=example_copy.parent) as c:
        first = parse(await c.get("/k/exempelkommun/sv/skyddat-boende"))
        assert "Socialtjänsten i Exempelkommun" in first.get_text()
        assert all(a["href"].startswith("/k/exempelkommun/") for a in first.select("a.option, .transcript a"))
        other = parse(await c.get("/k/annankommun/en/start"))
        assert "Another municipality" in other.select_one("a.site-name").get_text()
        embedded = await c.get("/k/annankommun/embed/sv/start")
        assert embedded.status_code == 200
        assert parse(embedded).select_one("form.ask")["action"] == "/k/annankommun/embed/sv/skriv"
        assert (await c.get("/k/finns-inte/sv/start")).status_code == 404
        national_page = parse(await c.get("/sv/skyddat-boende"))
        assert "Socialtjänsten i din kommun" in national_page.get_text()
