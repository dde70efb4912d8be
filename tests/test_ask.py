"""The "Skriv med egna ord" form: a POST answered with the reply's address; the text is never kept."""

from __future__ import annotations

import logging

import httpx
import pytest

from app.content.model import LANGUAGES

from .conftest import parse

MARKER = "zqxmarker"


def form(text: str, step: str = "start") -> dict:
    return {"data": {"q": text, "steg": step}}


async def ask(client, text: str, lang: str = "sv", prefix: str = "") -> httpx.Response:
    """Send the form as a browser would: 303 to the reply's address, then GET it."""
    posted = await client.post(f"{prefix}/{lang}/skriv", **form(text))
    assert posted.status_code == 303, posted.status_code
    assert posted.headers["location"].startswith(f"{prefix}/{lang}/svar")
    return await client.get(posted.headers["location"])


async def test_every_step_has_the_form_and_it_posts(client, bundled_app):
    for lang in LANGUAGES:
        for step_id in bundled_app.state.runtime.site.guide.tree(lang).steps:
            page = parse(await client.get(f"/{lang}/{step_id}"))
            ask = page.select_one("form.ask")
            assert ask["method"] == "post" and ask["action"] == f"/{lang}/skriv", step_id
            field = ask.select_one("textarea#fritext")
            assert page.select_one("label[for=fritext]") is not None
            assert field["name"] == "q" and field["maxlength"] == "500"
            assert field["autocomplete"] == "off", "Back would fill her words in again"
            assert ask.select_one("input[name=steg]")["value"] == step_id


async def test_an_answer_names_the_step_that_fits(client):
    response = await ask(client, "jag vill ha kontaktförbud")
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text(strip=True) == "Jag tror att det här kan hjälpa dig:"
    assert page.select_one("article a.option")["href"] == "/sv/kontaktforbud"
    assert page.select_one("details.not-quite summary").get_text(strip=True) == "Inte riktigt det jag menade"
    assert page.select_one("details.not-quite a[href='/sv/alla-amnen']") is not None


async def test_the_reply_address_holds_step_ids_and_flags_only(client):
    posted = await client.post("/sv/skriv", **form(f"{MARKER} han står utanför dörren med en kniv, kontaktförbud"))
    assert posted.status_code == 303
    location = posted.headers["location"]
    assert MARKER not in location and "kniv" not in location
    path, _, query = location.partition("?")
    assert path == "/sv/svar"
    fields = dict(part.split("=") for part in query.split("&"))
    assert set(fields) <= {"till", "fara", "sjalv", "kort"} and fields["fara"] == "1"
    assert all(step_id.replace("-", "").isalnum() for step_id in fields["till"].split(","))


async def test_the_reply_does_not_repeat_what_she_wrote(client):
    text = f"<script>alert(1)</script> {{{{7*7}}}} {MARKER} kontaktförbud"
    response = await ask(client, text, "en")
    assert MARKER not in response.text and "alert(1)" not in response.text
    assert parse(response).select_one(".bubble.person") is None
    assert "not shown again" in parse(response).select_one("p.note").get_text()


async def test_the_reply_is_a_function_of_its_address(client):
    first = await ask(client, "jag vill ha kontaktförbud")
    again = await client.get(str(first.url))
    assert first.text == again.text


@pytest.mark.parametrize(
    "query",
    [
        "till=finns-inte",
        "till=kontaktforbud,kontaktforbud",
        "till=start,fara-nu,skydd,heder,ung",
        "fara=2",
        "till=../../etc/passwd",
        "till=" + "a," * 500,
    ],
)
async def test_a_reply_address_no_form_could_make_is_refused_calmly(client, query):
    response = await client.get(f"/sv/svar?{query}")
    assert response.status_code in (404, 414)
    assert parse(response).select_one("a.exit") is not None


async def test_a_reply_without_steps_is_the_not_sure_page(client):
    page = parse(await client.get("/sv/svar"))
    assert page.h1.get_text(strip=True) == "Jag är inte säker på vad du menar"


async def test_danger_comes_first_in_main(client):
    response = await ask(client, "han står utanför dörren och har en kniv")
    main = parse(response).find("main")
    first = main.find(True)
    assert "danger-now" in first["class"]
    assert first.select_one("a[href='tel:112']") is not None
    assert "Ring 112" in first.get_text()


async def test_no_danger_message_for_a_near_miss(client):
    response = await ask(client, "han slog mig förra året")
    assert parse(response).select_one(".danger-now") is None


async def test_when_nothing_fits_the_guide_says_so(client):
    response = await ask(client, "bananas and pineapples", "en")
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


async def test_empty_text_on_a_way_shows_the_same_way_again(client):
    response = await client.post("/sv/skriv", **form("", step="start/jag-ar-utsatt/skydd"))
    assert response.status_code == 400
    page = parse(response)
    assert page.select_one("a.back-link")["href"] == "/sv/start/jag-ar-utsatt"
    assert len(page.select(".transcript .bubble.person")) == 2
    assert page.select_one("input[name=steg]")["value"] == "start/jag-ar-utsatt/skydd"


@pytest.mark.parametrize("way", ["start/kontaktforbud", "start/" * 20 + "start", "/start", "start//jag-ar-utsatt"])
async def test_a_way_no_page_sent_falls_back_to_the_start(client, way):
    response = await client.post("/sv/skriv", **form("", step=way))
    assert response.status_code == 400
    assert parse(response).h1.get_text(strip=True) == "Vad gäller det?"


async def test_an_unknown_step_in_the_form_falls_back_to_the_start(client):
    response = await client.post("/en/skriv", **form("", step="../../etc/passwd"))
    assert response.status_code == 400
    assert parse(response).h1.get_text(strip=True) == "What is it about?"


async def test_a_long_text_is_cut_with_a_note(client):
    response = await ask(client, "kontaktförbud " * 60)
    assert response.status_code == 200
    assert "kort=1" in str(response.url)
    assert "de första 500 tecknen" in parse(response).select_one("main").get_text()


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
    posted = await client.post("/sv/skriv", **form(f"{MARKER} kontaktförbud"))
    assert MARKER not in posted.headers["location"]
    response = await client.get(posted.headers["location"])
    assert MARKER not in str(response.url)
    assert all(MARKER not in value for value in response.headers.values())
    assert MARKER not in caplog.text
    links = [a.get("href", "") for a in parse(response).find_all("a")]
    assert all(MARKER not in link for link in links)
    assert MARKER not in response.text
