"""The guide in Arabic: right to left, its own danger words, its numbers the Swedish ones, and its offer.

Someone who writes Arabic on the Swedish page is answered with the Arabic words and
offered the Arabic guide, in Arabic; Persian, Tigrinya and Somali are told apart by the
signs in their records (fixture records here where the guide has none yet).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from types import MappingProxyType

import pytest

from app import languages
from app.__main__ import main
from app.content import translations
from app.content.load import read
from app.content.validate import load_guide
from app.engine import Engine
from app.i18n import long_date
from app.search.written_in import written_in

from .conftest import BUNDLED, parse

ARABIC = languages.LANGUAGE["ar"]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.of(load_guide(BUNDLED).guide)


@pytest.mark.parametrize(
    "path", ["/ar/start", "/ar/tolk", "/ar/fara-nu/skriv-ut", "/embed/ar/start", "/ar/oversattningar", "/ar/finns-inte"]
)
async def test_an_arabic_page_is_arabic_and_right_to_left(client, path):
    response = await client.get(path)
    page = parse(response)
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    assert response.status_code == (404 if path.endswith("finns-inte") else 200)
    assert page.select_one("a.exit").get_text(strip=True) == "اتركي الصفحة بسرعة"


async def test_swedish_names_inside_arabic_are_marked_swedish_and_left_to_right(client):
    page = parse(await client.get("/ar/tolk"))
    spans = {span.get_text(): (span["lang"], span.get("dir")) for span in page.select("main span[lang]")}
    assert spans["förvaltningslagen"] == ("sv", "ltr")
    assert spans["Kvinnofridslinjen"] == ("sv", "ltr")


async def test_every_arabic_page_says_how_it_was_made_and_that_nobody_has_reviewed_it(client):
    text = parse(await client.get("/ar/kontaktforbud")).get_text(" ", strip=True)
    assert "نموذج لغوي من الذكاء الاصطناعي" in text or "لم يراجع هذه الصفحة بعد" in text
    about = parse(await client.get("/ar/oversattningar")).get_text(" ", strip=True)
    assert "ترجمه من الصفحات السويدية نموذج لغوي من الذكاء الاصطناعي" in about


def test_the_record_says_the_text_was_machine_translated_and_not_reviewed():
    assert ARABIC.direction == "rtl" and ARABIC.translated_from == "sv" and ARABIC.fallback == "sv"
    assert "AI language model" in ARABIC.origin and "No native speaker" in ARABIC.origin
    assert 60 <= len(ARABIC.stop_words) <= 150
    assert ARABIC.readability is not None and ARABIC.readability.measure == "words per sentence"


def test_every_arabic_page_has_the_numbers_months_and_links_of_its_swedish_page():
    guide = load_guide(BUNDLED).guide
    swedish, arabic = guide.tree("sv").steps, guide.tree("ar").steps
    assert arabic.keys() == swedish.keys()
    differences = [problem for problem in translations.problems(read(BUNDLED)) if "/ar/" in problem.path]
    assert differences == []
    for step_id, step in arabic.items():
        assert [o.target for o in step.options] == [o.target for o in swedish[step_id].options], step_id
        assert step.source_hash == translations.source_hash(swedish[step_id]), step_id
        assert step.reviewed_by is None or step.reviewed_by == "", step_id


def test_a_changed_year_in_an_arabic_page_fails_the_check(bundled_copy, capsys):
    page = bundled_copy / "ar" / "hedersfortryck-brottet.md"
    page.write_text(page.read_text(encoding="utf-8").replace("1 يونيو 2022", "1 يونيو 2021", 1), encoding="utf-8")
    assert main(["check", "--content", str(bundled_copy)]) != 0
    said = capsys.readouterr().out
    assert "ar/hedersfortryck-brottet.md" in said and "numbers differ" in said


def test_arabic_dates_use_arabic_month_names_and_western_digits():
    assert long_date(dt.date(2026, 11, 23), "ar") == "23 نوفمبر 2026"


@pytest.mark.parametrize(
    "text",
    [
        "هو يضربني الآن",
        "هُوَ يَضْرِبُنِي الآنَ",
        "يخنقني",
        "زوجي خنقني البارحة",
        "قال انه سيقتلني الليلة",
        "يحاول يكسر الباب",
        "حبسوني في الغرفة",
        "جاري يضرب زوجته الآن",
        "ساعدوني هو يضربني",
    ],
)
def test_danger_written_in_arabic_puts_112_first(engine, text):
    assert engine.ask("ar", text).answer.danger


@pytest.mark.parametrize("text", ["أريد أن أنتحر", "ما بدي عيش", "لا أريد أن أعيش بعد الآن"])
def test_thoughts_of_suicide_in_arabic_are_the_writers_own(engine, text):
    found = engine.ask("ar", text).answer
    assert found.danger and found.suicide


@pytest.mark.parametrize(
    "text",
    [
        "ما هي عقوبة الضرب في السويد",
        "ضربني قبل سنة وما زلت حزينة",
        "لم يضربني أبدا لكنه يصرخ",
        "شاهدت فيلما عن رجل يقتل زوجته",
        "لست في خطر الآن",
        "كيف أطلب حظر اتصال",
    ],
)
def test_calm_arabic_texts_raise_no_alarm(engine, text):
    assert not engine.ask("ar", text).answer.danger


def test_arabic_free_text_finds_its_step(engine):
    assert engine.ask("ar", "احتاج مترجم عربي").answer.best.step.id == "tolk"
    assert engine.ask("ar", "كيف احصل على حظر اتصال").answer.best.step.id in ("kontaktforbud-be-om", "kontaktforbud")


def test_arabic_written_on_the_swedish_page_is_read_as_arabic(engine):
    reply = engine.ask("sv", "ساعدوني زوجي يضربني الآن")
    assert reply.language == "ar" and reply.answer.danger
    assert engine.ask("sv", "han slår mig").language is None
    assert engine.ask("ar", "زوجي يضربني").language is None


async def test_the_swedish_reply_to_arabic_offers_the_same_reply_in_the_arabic_guide(client):
    asked = await client.post("/sv/skriv", data={"q": "أحتاج مترجما، لا أتكلم السويدية"})
    assert asked.status_code == 303
    address = asked.headers["location"]
    assert "sprak=ar" in address and "q=" not in address
    page = parse(await client.get(address))
    offer = page.select_one("p.other-language")
    assert (offer["lang"], offer["dir"]) == ("ar", "rtl")
    link = offer.find("a")
    assert link["hreflang"] == "ar" and link["href"].startswith("/ar/svar?till=tolk")
    assert "sprak" not in link["href"] and "العربية" in link.get_text()
    arabic = await client.get(link["href"])
    assert arabic.status_code == 200 and parse(arabic).select_one("p.other-language") is None


@pytest.mark.parametrize("address", ["/sv/svar?till=tolk&sprak=xx", "/ar/svar?till=tolk&sprak=ar", "/sv/svar?sprak=en"])
async def test_a_reply_address_no_form_could_make_is_refused(client, address):
    assert (await client.get(address)).status_code == 404


# Fixture records for the languages other helpers are adding: only their signs matter here.
PERSIAN = dataclasses.replace(
    ARABIC,
    code="fa",
    name="فارسی",
    signs=languages.Signs(
        letters=ARABIC.signs.letters + "پچژگکی", unlike="", words=frozenset("است می هست را که".split())
    ),
)
TIGRINYA = dataclasses.replace(
    ARABIC, code="ti", name="ትግርኛ", signs=languages.Signs(letters="".join(map(chr, range(0x1200, 0x1380))))
)
SOMALI = dataclasses.replace(
    ARABIC,
    code="so",
    name="Soomaali",
    direction="ltr",
    signs=languages.Signs(words=frozenset("waxaan wuxuu ayaa iga ayuu iyo waa aan".split())),
)


@pytest.fixture
def more_languages(monkeypatch):
    added = {language.code: language for language in (PERSIAN, TIGRINYA, SOMALI)}
    found = tuple(language for language in languages.ALL if language.code not in added) + tuple(added.values())
    monkeypatch.setattr(languages, "ALL", found)
    monkeypatch.setattr(languages, "LANGUAGE", MappingProxyType({language.code: language for language in found}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("زوجي يضربني وأنا خائفة", "ar"),
        ("شوهرم مرا کتک می‌زند", "fa"),  # Persian letters: not Arabic
        ("شوهرم منو میزنه و من میترسم است", "fa"),  # a Persian word in Arabic letters
        ("ባዕለይ ይወቕዓኒ", "ti"),
        ("ninkayga ayaa i garaaca waxaan u baahanahay caawimaad", "so"),
        ("han slår mig", None),
        ("112", None),
    ],
)
def test_each_language_is_told_by_the_signs_in_its_record(more_languages, text, expected):
    assert written_in(text, "sv") == expected


def test_a_text_in_the_pages_own_language_offers_nothing(more_languages):
    assert written_in("زوجي يضربني", "ar") is None
    assert Counter(written_in("waxaan u baahanahay", page) for page in ("sv", "en")) == Counter({None: 2})
