"""The "Skriv med egna ord" form: a POST, danger first, the text never kept anywhere."""

from __future__ import annotations

import logging

import pytest

from app.content.model import LANGUAGES

from .conftest import parse

MARKER = "zqxmarker"


def form(text: str, step: str = "start") -> dict:
    return {"data": {"q": text, "steg": step}}


async def test_every_step_has_the_form_and_it_posts(client, bundled_app):
    for lang in LANGUAGES:
        for step_id in bundled_app.state.runtime.site.guide.tree(lang).steps:
            page = parse(await client.get(f"/{lang}/{step_id}"))
            ask = page.select_one("form.ask")
            assert ask["method"] == "post" and ask["action"] == f"/{lang}/skriv", step_id
            field = ask.select_one("textarea#fritext")
            assert page.select_one("label[for=fritext]") is not None
            assert field["name"] == "q" and field["maxlength"] == "500"
            assert ask.select_one("input[name=steg]")["value"] == step_id


async def test_an_answer_names_the_step_that_fits(client):
    response = await client.post("/sv/skriv", **form("jag vill ha kontaktförbud"))
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text(strip=True) == "Jag tror att det här kan hjälpa dig:"
    assert page.select_one("article a.option")["href"] == "/sv/kontaktforbud"
    assert page.select_one("details.not-quite summary").get_text(strip=True) == "Inte riktigt det jag menade"
    assert page.select_one("details.not-quite a[href='/sv/alla-amnen']") is not None


async def test_the_person_sees_what_they_wrote_escaped(client):
    text = "<script>alert(1)</script> {{7*7}} kontaktförbud"
    response = await client.post("/en/skriv", **form(text))
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text
    assert "49" not in parse(response).select_one(".bubble.person").get_text()
    assert parse(response).select_one(".bubble.person").get_text(" ", strip=True).endswith(text)


async def test_danger_comes_first_in_main(client):
    response = await client.post("/sv/skriv", **form("han står utanför dörren och har en kniv"))
    main = parse(response).find("main")
    first = main.find(True)
    assert "danger-now" in first["class"]
    assert first.select_one("a[href='tel:112']") is not None
    assert "Ring 112" in first.get_text()


async def test_no_danger_message_for_a_near_miss(client):
    response = await client.post("/sv/skriv", **form("han slog mig förra året"))
    assert parse(response).select_one(".danger-now") is None


async def test_when_nothing_fits_the_guide_says_so(client):
    response = await client.post("/en/skriv", **form("bananas and pineapples"))
    page = parse(response)
    assert page.h1.get_text(strip=True) == "I am not sure what you mean"
    hrefs = [a["href"] for a in page.select("article a.option")]
    assert hrefs[0] == "/en/fara-nu" and "/en/jag-ar-utsatt" in hrefs
    assert page.select_one("article a[href='tel:020505050']") is not None


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
async def test_empty_text_shows_the_step_again_with_an_error(client, text):
    response = await client.post("/sv/skriv", **form(text, step="kontaktforbud"))
    assert response.status_code == 400
    page = parse(response)
    assert page.title.get_text().startswith("Fel: ")
    summary = page.select_one(".error-summary")
    assert summary.h2.get_text(strip=True) == "Det finns ett problem"
    assert summary.select_one("a")["href"] == "#fritext"
    assert page.select_one("#fritext-error") is not None
    assert page.h1.get_text(strip=True) == "Kontaktförbud"
    assert "fritext-error" in page.select_one("#fritext")["aria-describedby"]


async def test_an_unknown_step_in_the_form_falls_back_to_the_start(client):
    response = await client.post("/en/skriv", **form("", step="../../etc/passwd"))
    assert response.status_code == 400
    assert parse(response).h1.get_text(strip=True) == "What is it about?"


async def test_a_long_text_is_cut_with_a_note(client):
    text = "kontaktförbud " * 60
    response = await client.post("/sv/skriv", **form(text))
    assert response.status_code == 200
    page = parse(response)
    assert "de första 500 tecknen" in page.select_one("p.note").get_text()
    assert len(page.select_one(".bubble.person").get_text(" ", strip=True)) < 520


async def test_a_huge_body_is_refused_before_it_is_read(client):
    response = await client.post("/sv/skriv", **form("a" * 100_000))
    assert response.status_code == 413
    assert parse(response).select_one("a.exit") is not None


async def test_other_encodings_are_refused(client):
    response = await client.post("/sv/skriv", files={"q": ("x.txt", b"hej")})
    assert response.status_code == 415
    response = await client.post(
        "/sv/skriv", content=b"q=%ff%fe", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 400
    assert parse(response).html["lang"] == "sv"


async def test_get_on_the_form_address_is_not_found(client):
    assert (await client.get("/sv/skriv")).status_code == 404


async def test_the_text_is_in_no_url_header_or_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    response = await client.post("/sv/skriv", **form(f"{MARKER} kontaktförbud"))
    assert MARKER not in str(response.url)
    assert all(MARKER not in value for value in response.headers.values())
    assert MARKER not in caplog.text
    links = [a.get("href", "") for a in parse(response).find_all("a")]
    assert all(MARKER not in link for link in links)
    assert response.text.count(MARKER) == 1
