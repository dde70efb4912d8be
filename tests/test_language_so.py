"""Somali (so): a translated language of the guide, from its record to its danger words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import i18n, languages
from app.content.validate import load_guide

from .conftest import BUNDLED, parse
from .test_ask import ask
from .test_i18n import used_messages

SOMALI = languages.LANGUAGE["so"]
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def test_the_record_says_honestly_how_the_text_was_made():
    assert (SOMALI.name, SOMALI.direction, SOMALI.translated_from, SOMALI.fallback) == ("Soomaali", "ltr", "sv", "sv")
    assert "AI language model" in SOMALI.origin and "No native speaker has reviewed it yet." in SOMALI.origin
    assert SOMALI.stemmer is None and 60 <= len(SOMALI.stop_words) <= 150
    assert not {"hadda", "garaac", "khatar", "mindi"} & SOMALI.stop_words  # words that carry danger are matched


def test_every_swedish_step_has_a_somali_twin_made_from_its_current_version_and_nobody_has_reviewed_it():
    guide = load_guide(BUNDLED)
    assert not [str(problem) for problem in guide.problems]
    swedish, somali = guide.guide.tree("sv").steps, guide.guide.tree("so").steps
    assert somali.keys() == swedish.keys()
    for step_id, step in somali.items():
        front = FRONT.match(Path(step.path).read_text(encoding="utf-8")).group(1)
        assert "\nreviewed_by:" in "\n" + front and not step.reviewed_by, step_id
        assert [option.target for option in step.options] == [option.target for option in swedish[step_id].options]


def test_a_changed_number_in_a_somali_page_fails_the_check(bundled_copy):
    page = bundled_copy / "so" / "fara-nu.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("booliska 114 14.", "booliska 114 15.", 1), encoding="utf-8"
    )
    found = [str(problem) for problem in load_guide(bundled_copy).problems]
    differ = f"numbers differ from {bundled_copy / 'sv' / 'fara-nu.md'}: '114 15' only here; '114 14' only there"
    assert any(problem.startswith(str(page)) and problem.endswith(differ) for problem in found), found


def test_every_ui_message_has_a_somali_text():
    catalog = i18n.translations("so")
    english = i18n.translations("en")
    for message in used_messages():
        translated = catalog.gettext(message)
        assert translated.strip(), message
        if message not in ("Vägvisaren", "Token", "Chat"):
            assert translated != english.gettext(message), f"{message!r} has no Somali text"


@pytest.mark.parametrize(
    "path", ["/so/start", "/so/kontaktforbud", "/so/tolk/skriv-ut", "/so/oversattningar", "/so/finns-inte"]
)
async def test_a_somali_page_is_somali_left_to_right_with_the_quick_exit(client, path):
    response = await client.get(path)
    assert response.status_code == (404 if path.endswith("finns-inte") else 200)
    page = parse(response)
    assert (page.html["lang"], page.html["dir"]) == ("so", "ltr")
    assert page.select_one("a.exit").get_text(strip=True) == "Si degdeg ah uga bax boggan"


async def test_swedish_names_are_marked_swedish_and_the_page_says_how_it_was_made(client):
    page = parse(await client.get("/so/kontaktforbud"))
    assert "Åklagarmyndigheten" in [span.get_text() for span in page.select("main span[lang=sv]")]
    note = page.select_one(".translation-note").get_text(" ", strip=True)
    assert "Waxaa laga turjumay" in note and "AI" in note


async def test_the_interpreter_page_says_she_may_ask_for_another_interpreter(client):
    text = parse(await client.get("/so/tolk")).find("main").get_text(" ", strip=True)
    assert "xaq baad u leedahay turjubaan" in text and "codso turjubaan kale" in text


@pytest.mark.parametrize(
    "text",
    [
        "hadda ayuu i garaacayaa",
        "wuxuu yiri caawa wuu i dili doonaa",
        "mindi ayuu haystaa",
        "hada ayuu i garaacaya caawimaad",
        "qolka ayuu igu xiray",
        "waxaan rabaa inaan is dilo",
    ],
)
async def test_danger_written_in_somali_puts_112_first(client, text):
    page = parse(await ask(client, text, lang="so"))
    assert page.select_one("section.danger-now") is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "sannadkii hore ayuu i garaacay",
        "waa maxay ciqaabta garaaca",
        "mindi ma haysto",
        "sidee u codsadaa kontaktförbud",
    ],
)
async def test_calm_somali_texts_raise_no_alarm(client, text):
    page = parse(await ask(client, text, lang="so"))
    assert page.select_one("section.danger-now") is None, text
