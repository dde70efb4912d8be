"""Markdown bodies: words in another language of the guide marked `[words]{lang=xx}`."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from app.content.markdown import Body, marked, plain
from app.content.translations import source_hash
from app.content.validate import load_guide
from app.languages import ALL
from app.urls import PRINT
from app.web.api import API_PREFIX

from .conftest import client_for, parse

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


def test_a_marked_name_in_a_one_line_text_is_a_span_and_only_its_words_where_text_is_plain():
    text = "Ask [Åklagarmyndigheten]{lang=sv} * _now_ & <b>"
    assert str(marked(text)) == 'Ask <span lang="sv">Åklagarmyndigheten</span> * _now_ &amp; &lt;b&gt;'
    assert plain(text) == "Ask Åklagarmyndigheten * _now_ & <b>"
    assert spans(marked("[Kvinnofridslinjen]{lang=sv}", "rtl")) == [("sv", "ltr", "Kvinnofridslinjen")]
    assert plain("[plain] and [x]{lang=SV}") == str(marked("[plain] and [x]{lang=SV}")) == "[plain] and [x]{lang=SV}"


def _mark_swedish_names_in_english(content: Path) -> None:
    """The minimal guide's English title, answer and helpline name, each with a Swedish name marked."""
    for name, old, new in (
        ("en/hjalp.md", "title: Help", "title: Help from [socialtjänsten]{lang=sv}"),
        ("en/start.md", "text: I need help", "text: I need help from [socialtjänsten]{lang=sv}"),
        ("services/kvinnofridslinjen.yaml", "en: Kvinnofridslinjen", "en: The helpline [Kvinnofridslinjen]{lang=sv}"),
    ):
        path = content / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


async def test_swedish_names_in_titles_answers_and_service_names_are_spans_and_plain_text_elsewhere(minimal):
    _mark_swedish_names_in_english(minimal)
    async with client_for(minimal) as client:
        start = parse(await client.get("/en/start"))
        help_page = parse(await client.get("/en/start/hjalp"))
        printed = parse(await client.get(f"/en/hjalp/{PRINT}"))
        node = (await client.get(f"{API_PREFIX}en/nodes/start")).json()
        services = (await client.get(f"{API_PREFIX}en/services")).json()
    assert [span.get_text() for span in start.select(".options span[lang=sv]")] == ["socialtjänsten"]
    assert help_page.select_one("h1 span[lang=sv]").get_text() == "socialtjänsten"
    assert help_page.select_one(".transcript span[lang=sv]").get_text() == "socialtjänsten"
    assert printed.select_one("h1 span[lang=sv]").get_text() == "socialtjänsten"
    assert help_page.title.get_text().startswith("Help from socialtjänsten")
    assert help_page.select_one("footer span[lang=sv]").get_text() == "Kvinnofridslinjen"
    assert "{lang=" not in help_page.get_text() + printed.get_text()
    assert node["options"][0]["text"] == "I need help from socialtjänsten"
    assert "The helpline Kvinnofridslinjen" in [service["name"] for service in services]


def test_a_mark_in_a_title_an_answer_or_a_service_text_for_no_other_language_is_a_problem(minimal):
    for name, old, new in (
        ("en/hjalp.md", "title: Help", "title: Help from [socialtjänsten]{lang=xx}"),
        ("en/start.md", "text: I need help", "text: I need [help]{lang=en}"),
        ("services/kvinnofridslinjen.yaml", "en: A helpline.", "en: A [helpline]{lang=en}."),
    ):
        path = minimal / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    found = sorted(str(problem) for problem in load_guide(minimal).problems if "{lang=" in str(problem))
    said = "marks no other language of the guide: use " + ", ".join(sorted({x.html_lang for x in ALL} - {"en"}))
    service = minimal / "services" / "kvinnofridslinjen.yaml"
    line = service.read_text(encoding="utf-8").splitlines().index("  en: A [helpline]{lang=en}.") + 1
    assert found == [
        f"{minimal / 'en' / 'hjalp.md'}:2: {{lang=xx}} {said}",
        f"{minimal / 'en' / 'start.md'}:5: {{lang=en}} {said}",
        f"{service}:{line}: {{lang=en}} {said}",
    ]


def test_the_hash_of_a_page_is_what_it_was_before_titles_could_mark_names():
    step = load_guide(ROOT / "tests" / "fixtures" / "minimal").guide.tree("sv").steps["hjalp"]
    assert source_hash(step) == "a79e3bc5f160"
