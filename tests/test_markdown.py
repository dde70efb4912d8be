"""Markdown bodies: words in another language of the guide marked `[words]{lang=xx}`."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from app.content.markdown import Body
from app.content.validate import load_guide
from app.languages import ALL

from .conftest import parse

ROOT = Path(__file__).parent.parent


def spans(html: str) -> list[tuple[str, str | None, str]]:
    return [(s["lang"], s.get("dir"), s.get_text()) for s in BeautifulSoup(html, "html.parser").select("span[lang]")]


def test_a_marked_name_is_a_span_in_its_language():
    body = Body("Call [Kvinnofridslinjen]{lang=sv} or [*the* social services]{lang=sv}.")
    assert spans(body.html()) == [("sv", None, "Kvinnofridslinjen"), ("sv", None, "the social services")]
    assert "<em>the</em>" in body.html()
    assert [found.value for found in body.languages()] == ["sv", "sv"]
    assert list(body.text_blocks()) == ["Call Kvinnofridslinjen or the social services."]


def test_in_a_right_to_left_page_a_swedish_name_keeps_its_own_direction():
    assert spans(Body("[Kvinnofridslinjen]{lang=sv}").html("rtl")) == [("sv", "ltr", "Kvinnofridslinjen")]


def test_a_marked_link_keeps_its_link_and_other_brackets_stay_text():
    body = Body("[[Brottsofferjouren](https://www.boj.se/)]{lang=sv}, [plain] and [x]{class=y} and [y]{lang=SV}.")
    soup = BeautifulSoup(body.html(), "html.parser")
    assert soup.select_one("span[lang=sv] > a")["href"] == "https://www.boj.se/"
    assert "[plain]" in soup.get_text() and "[x]{class=y}" in soup.get_text() and "[y]{lang=SV}" in soup.get_text()
    assert [found.value for found in body.links()] == ["https://www.boj.se/"]


def test_a_mark_for_no_other_language_of_the_guide_is_a_problem(minimal):
    page = minimal / "en" / "hjalp.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nAsk [socialtjänsten]{lang=xx}. [Help]{lang=en}.\n", encoding="utf-8"
    )
    found = [str(problem) for problem in load_guide(minimal).problems if problem.path == str(page)]
    others = ", ".join(sorted({language.html_lang for language in ALL} - {"en"}))
    assert found == [
        f"{page}:16: {{lang=en}} marks no other language of the guide: use {others}",
        f"{page}:16: {{lang=xx}} marks no other language of the guide: use {others}",
    ]


async def test_swedish_names_in_english_pages_are_marked_swedish(client):
    main = parse(await client.get("/en/kontaktforbud")).find("main")
    marked = {span.get_text() for span in main.select(".body span[lang=sv]")}
    assert {"kontaktförbud", "Åklagarmyndigheten", "Kvinnofridslinjen"} <= marked
    assert parse(await client.get("/sv/kontaktforbud")).find("main").select("span[lang]") == []


async def test_a_service_that_keeps_its_swedish_name_is_marked_swedish(client):
    page = parse(await client.get("/en/fara-nu"))
    footer = page.find("footer")
    assert footer.select_one("span[lang=sv]").get_text() == "Kvinnofridslinjen"
    names = [span.get_text() for span in page.select("main .service h3 span[lang=sv]")]
    assert names and all(name for name in names)
    assert parse(await client.get("/sv/fara-nu")).select("span[lang]") == []


def test_every_english_page_marks_the_names_of_swedish_authorities():
    names = ("Kvinnofridslinjen", "Försäkringskassan", "Skatteverket", "Åklagarmyndigheten", "Kronofogden")
    for path in sorted((ROOT / "content" / "en").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        text = " ".join(Body(body).text_blocks())
        marked = " ".join(
            span.get_text() for span in BeautifulSoup(Body(body).html(), "html.parser").select("span[lang=sv]")
        )
        for name in names:
            assert text.count(name) == marked.count(name), (path.name, name)


def test_on_a_right_to_left_page_a_grouped_number_stays_left_to_right():
    body = Body("اتصلي بالرقم 020-50 50 50 أو 112.")
    assert spans(body.html("rtl")) == []
    kept = BeautifulSoup(body.html("rtl"), "html.parser").select("span[dir=ltr]")
    assert [span.get_text() for span in kept] == ["020-50 50 50"]
    assert "<span" not in body.html("ltr")


async def test_every_phone_number_is_kept_left_to_right(client):
    page = parse(await client.get("/sv/fara-nu"))
    phones = page.select("a.phone")
    assert phones and all(phone["dir"] == "ltr" for phone in phones)
    calls = page.select(".action a span[dir=ltr]")
    assert calls and all(call.get_text().strip()[0].isdigit() for call in calls)
