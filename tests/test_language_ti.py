"""Tigrinya (ti): its pages, its free text, its catalog, and Ge'ez script through the loader and the search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import i18n
from app.content import readability
from app.content.validate import load_guide
from app.search.text import normalise, terms

from .conftest import BUNDLED, parse
from .test_ask import ask
from .test_i18n import used_messages

# Messages that are names or codes, the same in every language.
SAME_IN_EVERY_LANGUAGE = {"Vägvisaren"}


@pytest.mark.parametrize(
    "path",
    ["/ti/start", "/ti/kontaktforbud", "/ti/tolk", "/ti/oversattningar", "/ti/tillganglighet", "/ti/finns-inte"],
)
async def test_a_tigrinya_page_says_it_is_tigrinya_left_to_right(client, path):
    response = await client.get(path)
    assert response.status_code == (404 if path.endswith("finns-inte") else 200)
    page = parse(response)
    assert page.html["lang"] == "ti" and page.html["dir"] == "ltr"
    assert page.select_one("a.exit").get_text(strip=True) == "ካብዚ ገጽ ቀልጢፍኩም ውጹ"


async def test_a_tigrinya_step_says_how_it_was_made_and_marks_swedish_names(client):
    page = parse(await client.get("/ti/kontaktforbud-be-om"))
    note = page.select_one(".translation-note").get_text(" ", strip=True)
    assert "AI" in note and "ኣይገምገሞን" in note
    assert "Åklagarmyndigheten" in [span.get_text() for span in page.select("main span[lang=sv]")]


@pytest.mark.parametrize(
    ("text", "danger", "suicide"),
    [
        ("ሕጂ ይወቕዓኒ ኣሎ", True, False),  # he is hitting me now
        ("ይወቅዓኒ ኣሎ", True, False),  # the same, ቅ typed for ቕ
        ("ትማሊ ምሸት ሓኒቑኒ", True, False),  # he strangled me last night: lethal in the past too
        ("ክቀትለኒ እዩ", True, False),  # he will kill me, ቀ typed for ቐ
        ("ኣቦይ ንኣደይ ሕጂ ይወቕዓ ኣሎ", True, False),  # my father is hitting my mother now
        ("ክሞት እደሊ", True, True),  # I want to die
        ("ሰብኣየይ ይወቕዓኒ", False, False),  # my husband hits me: unsure, asked calmly
        ("ሰብኣየይ ኣይወቕዓንን ግን ይቆጻጸረኒ", False, False),  # he does not hit me, but controls me
        ("ቅድሚ ክልተ ዓመት ይወቕዓኒ ነይሩ ሕጂ በይነይ እየ ዝነብር", False, False),  # two years ago; now I live alone
        ("ኣብ ጸወታ ኮምፒተር ብሽጉጥ ይቐትሉ", False, False),  # in a computer game they kill with guns
    ],
)
def test_the_danger_check_reads_tigrinya(bundled_app, text, danger, suicide):
    verdict = bundled_app.state.runtime.engine.danger("ti")(text)
    assert (verdict.danger, verdict.suicide) == (danger, suicide)


def test_a_now_inside_a_before_phrase_is_no_now_when_the_clause_has_another_before(bundled_app):
    """ "brukade … förra året … nu bor jag själv": the "nu" is part of "nu bor jag", so the clause is over."""
    check = bundled_app.state.runtime.engine.danger("sv")
    assert not check("han brukade slå mig förra året nu bor jag själv").danger
    assert check("han brukade slå mig förra året och nu slår han mig igen").danger


async def test_free_text_in_tigrinya_puts_112_first_and_finds_a_step(client):
    danger = parse(await ask(client, "ካራ ሒዙ ኣሎ ሓግዙኒ", "ti"))  # he is holding a knife, help me
    assert "112" in danger.select_one("main").get_text()
    found = parse(await ask(client, "ክልከላ ርክብ ከመይ ይሕተት", "ti"))  # how is a contact ban asked for
    assert any("kontaktforbud" in a["href"] for a in found.select("main a[href]"))


def test_every_tigrinya_page_keeps_the_swedish_numbers_dates_and_links(bundled_copy):
    assert [str(p) for p in load_guide(bundled_copy).problems if "/ti/" in str(p)] == []
    page = bundled_copy / "ti" / "tolk.md"
    page.write_text(page.read_text(encoding="utf-8").replace("ፖሊስ 114 14", "ፖሊስ 114 41"), encoding="utf-8")
    found = [str(p) for p in load_guide(bundled_copy).problems]
    assert any("ti/tolk.md" in p and "numbers differ" in p and "'114 41'" in p for p in found)


def test_the_tigrinya_interpreter_page_says_she_can_ask_for_another_interpreter():
    text = (BUNDLED / "ti" / "tolk.md").read_text(encoding="utf-8")
    assert "ናይ ተርጓሚ መሰል" in text  # the right to an interpreter
    assert "ካብ ማሕበረሰብኩም" in text and "ካልእ ተርጓሚ" in text  # one not from her community


def test_every_ui_message_has_a_tigrinya_translation():
    catalog = i18n.translations("ti")
    for message in used_messages():
        translated = catalog.gettext(message)
        assert translated.strip(), message
        assert translated != message or message in SAME_IN_EVERY_LANGUAGE, f"{message!r} has no Tigrinya translation"
        assert translated.count("%(") == message.count("%("), message


def test_geez_sentence_ends_and_word_separators():
    body = "ናብ 112 ደውሉ። ሕጂ ኣብ ሓደጋ ዲኹም፧ ሰላም፡ኣለኹ።"
    assert readability.sentences(body) == [["ናብ", "ደውሉ"], ["ሕጂ", "ኣብ", "ሓደጋ", "ዲኹም"], ["ሰላም", "ኣለኹ"]]
    assert normalise("ሰላም፡ኣለኹ። ደውሉ፧") == "ሰላም ኣለኩ ደውሉ"  # ኹ folded as ኩ, like every ኸ


def test_geez_spellings_that_sound_alike_are_one_word():
    assert normalise("ይቐትለኒ") == normalise("ይቀትለኒ")  # ቐ typed as ቀ
    assert normalise("ኸይዱ") == normalise("ከይዱ")  # ኸ typed as ከ
    assert normalise("ፀሓይ") == normalise("ጸሓይ") and normalise("ሠናይ") == normalise("ሰናይ")
    assert terms("ኣብ ገዛ ዓመጽ ኣሎ", "ti") == ["ገዛ", "ዓመጽ"]  # stop words dropped, words kept as written


def test_a_tigrinya_page_over_the_sentence_limit_is_a_problem(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", content)
    page = content / "ti" / "hjalp.md"
    long_sentence = " ".join(["ሓደጋ"] * 40) + "።"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + long_sentence + "\n", encoding="utf-8")
    found = [str(problem) for problem in load_guide(content).problems]
    assert any("ti/hjalp.md" in p and "words per sentence 22 is over 15" in p for p in found)
