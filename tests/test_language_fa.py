"""Persian (fa): right to left on every kind of page, free text in Persian, and facts that cannot drift.

The figures over many texts are `python -m app eval`'s; here are the behaviours the
guide promises a reader who writes and reads Persian.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.content.validate import load_guide
from app.languages import LANGUAGE
from app.search import Answer, answer

from .conftest import ROOT_DIR, client_for, parse

PERSIAN = LANGUAGE["fa"]
PAGES = (
    "/fa/start",
    "/fa/fara-nu",
    "/fa/kontaktforbud",
    "/fa/fara-nu/skriv-ut",
    "/fa/alla-amnen",
    "/fa/stodlinjer",
    "/fa/oversattningar",
    "/fa/tillganglighet",
    "/embed/fa/start",
)


@pytest.fixture(scope="module")
def ask(bundled_app):
    engine = bundled_app.state.runtime.engine

    def ask(text: str) -> Answer:
        return answer(engine.index("fa"), engine.danger("fa"), text)

    return ask


@pytest.mark.parametrize("path", PAGES)
async def test_a_persian_page_is_persian_and_right_to_left(client, path):
    response = await client.get(path)
    assert response.status_code == 200
    page = parse(response)
    assert (page.html["lang"], page.html["dir"]) == ("fa", "rtl")
    assert page.select_one("a.exit").get_text(strip=True) == "خروج سریع از صفحه"


async def test_an_unknown_persian_address_is_a_persian_404(client):
    response = await client.get("/fa/finns-inte")
    page = parse(response)
    assert response.status_code == 404
    assert (page.html["lang"], page.html["dir"]) == ("fa", "rtl")
    assert page.h1.get_text(strip=True) == "این صفحه را پیدا نمی‌کنیم"


async def test_swedish_names_are_marked_swedish_and_left_to_right(client):
    page = parse(await client.get("/fa/fara-nu"))
    spans = {span.get_text(): (span["lang"], span.get("dir")) for span in page.select("main span[lang]")}
    assert spans["Kvinnofridslinjen"] == ("sv", "ltr")
    assert spans["socialtjänsten"] == ("sv", "ltr")


async def test_each_page_says_how_its_persian_was_made(client):
    note = parse(await client.get("/fa/kontaktforbud")).select_one(".translation-note").get_text(" ", strip=True)
    assert "مدل زبانی هوش مصنوعی" in note
    assert "هنوز هیچ فردی که زبان مادری‌اش این زبان است این صفحه را بازبینی نکرده است." in note


@pytest.mark.parametrize(
    "text",
    [
        "شوهرم همین الان داره منو میزنه",  # first person, colloquial
        "همسرم دارد مرا می‌زند",  # written Persian, with the half-space
        "همسرم دارد مرا می زند",  # "می" apart
        "بابام داره مامانمو میزنه",  # third person
        "گلویم را فشار داد",  # strangling, in the past: danger in any tense
        "تهديدم ميكنه با چاقو",  # Arabic yeh and kaf
        "گفت امشب میکشمت",  # a threat to kill, said to "you"
        "منو تو اتاق زندانی کرده",  # locked in
        "فردا می‌خوان به زور منو ببرن ایران",  # taken abroad now
    ],
)
def test_danger_now_written_in_persian_puts_112_first(ask, text):
    found = ask(text)
    assert found.danger, text
    assert found.matches[0].step.id == "fara-nu"


@pytest.mark.parametrize("text", ["میخوام خودمو بکشم", "همه قرصامو خوردم", "نمی‌خواهم دیگر زندگی کنم"])
def test_thoughts_of_suicide_in_persian_put_their_page_first(ask, text):
    found = ask(text)
    assert found.danger and found.suicide
    assert found.matches[0].step.id == "sjalvmordstankar"


@pytest.mark.parametrize(
    "text",
    [
        "پارسال شوهرم منو میزد ولی الان جدا شدیم",  # over
        "مجازات ضرب و جرح در سوئد چیه",  # the law
        "هرگز با چاقو تهدیدم نکرده",  # negated
        "الان در خطر نیستم",  # negated
        "یه فیلم دیدم که زنه رو خفه کردن",  # a film
        "اسباب‌کشی خیلی طول میکشه",  # "کشیدن" that is not killing
        "میگه اگه ترکش کنم خودشو میکشه",  # a threat to self-harm used to control
    ],
)
def test_calm_persian_texts_are_not_danger(ask, text):
    assert not ask(text).danger, text


def test_violence_not_said_to_be_now_is_asked_about_calmly(ask):
    found = ask("شوهرم منو میزنه")
    assert not found.danger and found.unsure


async def test_the_answer_page_to_a_persian_crisis_text_says_call_112(client):
    posted = await client.post("/fa/skriv", data={"q": "کمک کنید داره کتکم میزنه", "steg": "start"})
    assert posted.status_code == 303
    page = parse(await client.get(posted.headers["location"]))
    assert page.html["dir"] == "rtl"
    assert "با 112 تماس بگیرید" in page.find("main").get_text(" ", strip=True)
    assert page.select_one("main a.option")["href"] == "/fa/fara-nu"


def test_every_persian_page_says_what_it_was_made_from_and_nobody_reviewed_it():
    for path in sorted((ROOT_DIR / "content" / "fa").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n"
        assert re.search(r"\nsource_hash: [0-9a-f]{12}\n", front), path.name
        assert "\nreviewed_by:\n" in front, path.name


def _fa_problems(content: Path) -> list[str]:
    return [str(problem) for problem in load_guide(content).problems if "/fa/" in str(problem)]


def test_every_persian_page_has_the_numbers_months_and_links_of_its_swedish_page():
    assert _fa_problems(ROOT_DIR / "content") == []


@pytest.mark.parametrize(
    ("name", "old", "new", "said"),
    [
        ("vill-sluta.md", "از سال 2021", "از سال 2020", "numbers differ"),
        ("hyresratt.md", "1 ژوئیه 2024", "1 ژوئن 2024", "months of dates differ"),
    ],
)
def test_a_changed_number_or_month_in_persian_fails_the_check(bundled_copy, name, old, new, said):
    path = bundled_copy / "fa" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = _fa_problems(bundled_copy)
    assert len(found) == 1 and said in found[0] and str(path) in found[0], found


async def test_a_persian_page_whose_swedish_page_changed_links_the_current_swedish_page(bundled_copy):
    swedish = bundled_copy / "sv" / "kontaktforbud.md"
    swedish.write_text(swedish.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")
    async with client_for(bundled_copy) as client:
        page = parse(await client.get("/fa/kontaktforbud"))
    assert page.select_one(".translation-stale a")["href"] == "/sv/kontaktforbud"


def test_the_persian_catalog_keeps_every_placeholder_and_translates_every_message():
    from babel.messages.pofile import read_po

    with (ROOT_DIR / "app" / "locales" / "fa" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="fa")
    placeholder = re.compile(r"%\(\w+\)s")
    for message in catalog:
        if not message.id:
            continue
        assert message.string, message.id
        assert sorted(placeholder.findall(message.id)) == sorted(placeholder.findall(message.string)), message.id
        names_only = message.id in ("Vägvisaren",)
        assert names_only or message.string != message.id, message.id
    assert catalog.plural_forms == "nplurals=2; plural=(n > 1);"
    assert PERSIAN.direction == "rtl" and PERSIAN.stemmer == "persian"
