"""Municipality overlays: local contacts, a name and colours, one site or several."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.__main__ import main
from app.content.overlay import read_overlay
from app.content.validate import load_guide
from app.settings import Settings
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
    """The national records and the theme ids an overlay is checked against."""
    guide = load_guide(BUNDLED).guide
    return guide.services, guide.themes


def test_the_example_is_valid_and_marked_as_an_example():
    overlay, problems = read_overlay(EXAMPLE, *national())
    assert problems == []
    assert overlay.example and overlay.name["sv"] == "Exempelkommun"
    assert set(overlay.services) == {"socialtjansten", "kvinnojourer", "tjejjourer", "hedersteamet"}


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("example: true\n", "", "example numbers only in an example site"),
        ("phone: 000-000 00 01", "phone: 020-50 50 50", "an example site uses only example numbers"),
        ("  tjejjourer:\n", "  hittepa:\n", "no national record of that id"),
        ('person: "#0b5563"', 'person: "#dddddd"', "too light on white"),
        ("logo: logo.svg", "logo: ../logo.svg", "logo:"),
        ("example: true\n", "example: true\nfavicon: x\n", "unknown key 'favicon'"),
        ("number: 000-000 00 02", "number: 020-50 50 50", "an example site uses only example numbers"),
        ("number: 000-000 00 02", "email: jour@example.org", "a phone contact point needs `number:`"),
        ("email: vald-i-nara-relationer@example.org", "email: inte en adress", "not an email address"),
        ("url: https://www.example.org/exempelkommun/kontakt", "url: http://x.example/k", "URL must use https"),
        ("      - kind: sms\n", "      - kind: fax\n", "kind must be one of phone, sms"),
        ("          sv: Socialjouren\n", "", "must give the text in each language"),
        ("    themes: [heder]\n", "", "name the `themes:`"),
        ("    themes: [heder]\n", "    themes: [hittepa]\n", "themes: a list of theme ids"),
        ("  hedersteamet:\n    kind: local\n", "  hedersteamet:\n    kind: helpline\n", "write `kind: local`"),
        ("  hedersteamet:\n", "  Heders_Teamet:\n", "an id is a slug"),
        ("        url: https://www.example.org/exempelkommun/kvinnojouren\n", "", "a source is missing 'url'"),
        ("url: https://www.example.org/exempelkommun/kvinnojouren", "url: http://www.example.org/k", "url:"),
        ("    url: https://www.example.org/exempelkommun/vald", "    url: http://www.example.org/vald", "url:"),
        ("    url: https://www.example.org/exempelkommun/vald", "    url: javascript:alert(1)//", "url:"),
        ("example: true\n", "example: 1\n", "example: write true"),
        ("footer:\n", "footer: <meta http-equiv=refresh>\nx:\n", "footer:"),
    ],
)
def test_overlay_problems(example_copy, old, new, problem):
    edit(example_copy / "site.yaml", old, new)
    overlay, problems = read_overlay(example_copy, *national())
    assert overlay is None
    assert any(problem in str(p) for p in problems), problems


def test_a_broken_overlay_stops_the_service(example_copy):
    edit(example_copy / "site.yaml", "phone: 000-000 00 01", "phone: 12")
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


async def test_an_overlay_page_fills_its_slots_escaped_and_keeps_the_exit_and_112(example_copy):
    edit(example_copy / "site.yaml", "  sv: Exempelkommun visar", "  sv: <script>x</script> Exempelkommun visar")
    async with client_for(BUNDLED, site=example_copy) as c:
        for path in ("/sv/start", "/sv/finns-inte", "/embed/sv/start"):
            response = await c.get(path)
            page = parse(response)
            assert page.select_one("a.exit")["href"] == "/exit"
            assert page.select_one("footer.emergency a[href='tel:112']") is not None
            assert "<script>x</script>" not in response.text
            assert "<script>x</script> Exempelkommun visar" in page.select_one(".site-footer").get_text()
            link = page.select_one(".site-links a")
            assert link["href"] == "https://www.example.org/exempelkommun/vald-i-nara-relationer"
            assert link["rel"] == ["noreferrer"]


def test_templates_in_an_overlay_are_refused(example_copy):
    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "base.html").write_text('{{ cycler.__init__.__globals__.os.popen("id").read() }}')
    overlay, problems = read_overlay(example_copy, *national())
    assert overlay is None
    assert any("templates are not read" in str(p) for p in problems)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (
            lambda folder: (folder / "logo.svg").unlink() or (folder / "logo.svg").symlink_to("/proc/self/environ"),
            "not a link",
        ),
        (
            lambda folder: (folder / "logo.svg").write_text(
                '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
            ),
            "<script>",
        ),
        (
            lambda folder: (folder / "logo.svg").write_text(
                '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
            ),
            "event handler",
        ),
        (
            lambda folder: (folder / "logo.svg").write_text(
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><use x:href="https://evil.example/a.svg#b"/></svg>'
            ),
            "inside itself",
        ),
        (
            lambda folder: (folder / "logo.svg").write_text(
                '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://evil.example/x)"/></svg>'
            ),
            "inside itself",
        ),
        (
            lambda folder: (folder / "logo.svg").write_text(
                '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>'
            ),
            "DOCTYPE",
        ),
        (lambda folder: (folder / "logo.svg").write_text("<html><body>hi</body></html>"), "not an SVG"),
        (lambda folder: (folder / "logo.svg").write_bytes(b"\x00" * 200_000), "larger than"),
    ],
)
def test_a_logo_must_be_a_clean_image_file_in_the_folder(example_copy, make, problem):
    make(example_copy)
    overlay, problems = read_overlay(example_copy, *national())
    assert overlay is None
    assert any(problem in str(p) for p in problems), problems


async def test_the_logo_is_served_from_memory(example_copy):
    async with client_for(BUNDLED, site=example_copy) as c:
        (example_copy / "logo.svg").write_text("changed on disk")
        logo = await c.get("/_site/logo")
    assert logo.content == (EXAMPLE / "logo.svg").read_bytes()


def test_a_missing_overlay_folder_is_a_problem_naming_it(tmp_path, capsys):
    with pytest.raises(ContentError) as refused:
        create_app(Settings(sites_dir=tmp_path / "inga-kommuner"))
    assert "inga-kommuner" in str(refused.value) and "inga-kommuner" in str(refused.value.problems[0])
    assert main(["check", "--site", str(tmp_path / "tallby")]) == 1
    assert "overlay 'tallby': no such folder" in capsys.readouterr().out


def test_check_checks_the_overlays_serve_would_load(example_copy, capsys, monkeypatch):
    assert main(["check", "--sites-dir", str(example_copy.parent)]) == 0
    edit(example_copy / "site.yaml", "phone: 000-000 00 01", "phone: 12")
    assert main(["check", "--site", str(example_copy)]) == 1
    assert "problem(s) in the overlay" in capsys.readouterr().out
    monkeypatch.setenv("VAGVISAREN_SITE", str(example_copy))
    assert main(["check"]) == 1


async def test_a_local_service_has_several_contact_points_each_tappable_with_its_hours():
    async with client_for(BUNDLED, site=EXAMPLE) as c:
        page = parse(await c.get("/sv/skyddat-boende"))
        local = next(li for li in page.select("li.service") if "Exempelkommun" in li.h3.get_text())
        points = {
            dt.get_text(strip=True): dd
            for dt, dd in zip(local.select("dl.contacts dt"), local.select("dl.contacts dd"), strict=True)
        }
        assert points["Socialjouren"].a["href"] == "tel:0000000002"
        assert "helger hela dygnet" in points["Socialjouren"].select_one(".contact-hours").get_text()
        assert points["Sms till mottagningen"].a["href"] == "sms:0000000003"
        assert points["E-post till mottagningen"].a["href"] == "mailto:vald-i-nara-relationer@example.org"
        form = points["Kontaktformulär"].a
        assert form["href"] == "https://www.example.org/exempelkommun/kontakt" and form["rel"] == ["noreferrer"]
        calls = [a["href"] for a in page.select(".act-now a.call")]
        assert calls[:2] == ["tel:0000000000", "tel:0000000002"]  # the day number, then the night one
        night = page.select(".act-now li")[1].select_one(".action-name").get_text()
        assert "Socialjouren" in night and "17–08" in night
        numbers = parse(await c.get("/sv/skyddat-boende/nummer"))
        assert "tel:0000000002" in [a["href"] for a in numbers.select("a.phone")]
        framed = parse(await c.get("/embed/sv/skyddat-boende"))
        form = framed.find("a", href="https://www.example.org/exempelkommun/kontakt")
        assert form["target"] == "_top"


async def test_a_local_only_service_is_on_its_themes_steps_and_the_helplines_page():
    async with client_for(BUNDLED, site=EXAMPLE) as c:
        honour = parse(await c.get("/en/heder"))
        names = [h.get_text(strip=True) for h in honour.select("li.service h3")]
        assert "Exempelkommun's team against honour-related violence" in names
        assert "tel:0000000004" in [a["href"] for a in honour.select(".act-now a.call")]
        other = parse(await c.get("/en/kontaktforbud"))
        assert "Exempelkommun's team" not in other.get_text()
        helplines = parse(await c.get("/en/stodlinjer"))
        local = helplines.select_one("section[aria-labelledby='kind-local']")
        assert "Exempelkommun's team against honour-related violence" in local.get_text()
    async with client_for(BUNDLED) as c:  # the national guide knows nothing of it
        assert "Exempelkommun" not in (await c.get("/en/heder")).text


async def test_a_municipality_s_own_address_leads_to_its_start_page():
    async with client_for(BUNDLED, sites_dir=EXAMPLE.parent) as c:
        for path, lang, target in [
            ("/k/exempelkommun/", "sv", "/k/exempelkommun/sv/start"),
            ("/k/exempelkommun", "en-GB,en;q=0.9", "/k/exempelkommun/en/start"),
            ("/k/exempelkommun/embed/", "en", "/k/exempelkommun/embed/en/start"),
        ]:
            response = await c.get(path, headers={"accept-language": lang})
            assert (response.status_code, response.headers["location"]) == (302, target), path
        missing = await c.get("/k/tallby", headers={"accept-language": "sv"})
        assert missing.status_code == 404
        assert parse(missing).select_one("a.exit")["href"] == "/exit"
