"""Translations that cannot drift: the source version each page records, and what must never differ."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import languages
from app.__main__ import main
from app.content import translations
from app.content.validate import load_guide
from app.i18n import long_date

from .conftest import FIXTURES, ROOT_DIR, client_for, parse

SOURCE_HASH = re.compile(r"^source_hash: ([0-9a-f]{12})$", re.M)


def problems(content: Path) -> list[str]:
    return [str(problem) for problem in load_guide(content).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(content: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--content", str(content)])
    return code, capsys.readouterr().out.splitlines()


def test_the_hash_is_what_a_reader_reads(minimal):
    step = load_guide(minimal).guide.tree("sv")["hjalp"]
    same = translations.source_hash(step)
    assert re.fullmatch(r"[0-9a-f]{12}", same)
    for unread in ({"keywords": ("ny",)}, {"reviewed": None}, {"body_markdown": step.body_markdown + "\n\n"}):
        assert translations.source_hash(dataclasses.replace(step, **unread)) == same
    for read in ({"title": "Hjälp nu"}, {"body_markdown": "Ring 112 nu."}):
        assert translations.source_hash(dataclasses.replace(step, **read)) != same


def test_a_translation_up_to_date_gives_no_warning(minimal, capsys):
    code, said = check(minimal, capsys)
    assert code == 0
    assert [line for line in said if line.startswith("warning:")] == []


def test_a_changed_swedish_page_makes_its_translation_stale_a_warning_not_a_failure(minimal, capsys):
    edit(minimal / "sv" / "hjalp.md", "Ring 112 om det är fara.", "Ring 112 genast om det är fara.")
    code, said = check(minimal, capsys)
    assert code == 0
    current = translations.source_hash(load_guide(minimal).guide.tree("sv")["hjalp"])
    assert [line for line in said if line.startswith("warning:")] == [
        f"warning: {minimal / lang / 'hjalp.md'}: {minimal / 'sv' / 'hjalp.md'} has changed since this page was "
        f"translated from it; bring the translation up to date, then write `source_hash: {current}`"
        for lang in sorted(language.code for language in languages.ALL if language.translated_from)
    ]


async def test_a_stale_page_says_so_and_links_the_current_swedish_page(minimal):
    edit(minimal / "sv" / "hjalp.md", "Ring 112 om det är fara.", "Ring 112 genast om det är fara.")
    async with client_for(minimal) as client:
        stale = parse(await client.get("/en/hjalp"))
        note = stale.select_one("article .translation-stale")
        assert "The Swedish page has changed" in note.get_text()
        assert note.a["href"] == "/sv/hjalp" and note.a["hreflang"] == "sv"
        assert (
            parse(await client.get("/embed/en/hjalp")).select_one(".translation-stale a")["href"] == "/embed/sv/hjalp"
        )
        assert parse(await client.get("/en/hjalp/skriv-ut")).select_one(".translation-stale a")["href"] == "/sv/hjalp"
        assert parse(await client.get("/en/start")).select_one(".translation-stale") is None
        assert parse(await client.get("/sv/hjalp")).select_one(".translation-stale") is None
        about = parse(await client.get("/en/oversattningar")).find("main").get_text(" ", strip=True)
        assert "Out of date: 1 pages" in about


def test_a_translation_without_a_hash_is_listed_with_the_hash_to_write(minimal, capsys):
    edit(minimal / "en" / "start.md", "source_hash: 156e705060ba\n", "")
    assert main(["translations", "--content", str(minimal)]) == 0
    said = capsys.readouterr().out.splitlines()
    summaries = [line for line in said if not line.startswith("warning:")]
    assert summaries[:2] == [
        "lattlast (from sv): 3 pages, 3 up to date, 0 stale, 0 without source_hash, 0 reviewed by a native speaker",
        "en (from sv): 3 pages, 2 up to date, 0 stale, 1 without source_hash, 0 reviewed by a native speaker",
    ]
    assert all(": 3 pages, 3 up to date," in line for line in summaries[2:])
    assert [line for line in said if line.startswith("warning:")] == [
        f"warning: {minimal / 'en' / 'start.md'}: does not say which version of {minimal / 'sv' / 'start.md'} "
        "it was translated from; if it says the same, add `source_hash: 156e705060ba`"
    ]


def test_stamping_writes_the_current_hash_and_an_empty_reviewer(minimal, capsys):
    edit(minimal / "sv" / "hjalp.md", "Ring 112 om det är fara.", "Ring 112 genast om det är fara.")
    page = minimal / "en" / "hjalp.md"
    edit(page, "reviewed_by:\n", "")
    assert main(["translations", "--content", str(minimal), "--stamp", str(page)]) == 0
    current = translations.source_hash(load_guide(minimal).guide.tree("sv")["hjalp"])
    text = page.read_text(encoding="utf-8")
    assert SOURCE_HASH.findall(text) == [current] and "\nreviewed_by:\n---\n" in text
    assert text.endswith("---\nCall 112 if there is danger.\n")
    capsys.readouterr()
    assert check(minimal, capsys)[1][-1].startswith("ok:")
    assert main(["translations", "--content", str(minimal), "--stamp", str(minimal / "sv" / "hjalp.md")]) == 1


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        ("en/hjalp.md", "Call 112", "Call 114", "numbers differ from {sv}: '114' only here; '112' only there"),
        ("en/start.md", "Choose what fits.", "Choose what fits. Over 18?", "numbers differ from {sv}: '18' only here"),
        (
            "en/las-mer.md",
            "about [help](hjalp)",
            "about [help](start)",
            "links to steps differ from {sv}: 'start' only here; 'hjalp' only there",
        ),
    ],
)
def test_what_must_be_the_same_as_in_swedish_fails_the_check(minimal, capsys, path, old, new, message):
    edit(minimal / path, old, new)
    sv = minimal / "sv" / Path(path).name
    found = [line for line in problems(minimal) if line.startswith(str(minimal / path))]
    assert len(found) == 1 and found[0].endswith(message.format(sv=sv)), found
    code, said = check(minimal, capsys)
    assert code == 1 and said[-1] == f"1 problem(s) in {minimal}"


def test_a_month_of_a_date_must_be_the_same_as_in_swedish(minimal):
    edit(minimal / "sv" / "hjalp.md", "om det är fara.", "om det är fara. Från 1 juli 2025.")
    edit(minimal / "en" / "hjalp.md", "if there is danger.", "if there is danger. From 1 June 2025.")
    edit(minimal / "lattlast" / "hjalp.md", "Ring 112.", "Ring 112. Från 1 juli 2025.")
    for language in languages.ALL:  # every other translation gets the date as its language writes it
        if language.code not in ("sv", "en", "lattlast"):
            page = minimal / language.code / "hjalp.md"
            page.write_text(page.read_text(encoding="utf-8") + long_date(dt.date(2025, 7, 1), language.code) + "\n")
    found = [line for line in problems(minimal) if "months" in line]
    assert found == [
        f"{minimal / 'en' / 'hjalp.md'}:14: months of dates differ from {minimal / 'sv' / 'hjalp.md'}: "
        "'6' only here; '7' only there"
    ]
    edit(minimal / "en" / "hjalp.md", "1 June", "1 July")
    assert problems(minimal) == []


def test_option_targets_and_step_ids_must_be_the_same_as_in_swedish(minimal):
    edit(minimal / "en" / "start.md", "to: las-mer", "to: hjalp")
    assert any("targets differ from the twin" in line for line in problems(minimal))
    (minimal / "en" / "las-mer.md").rename(minimal / "en" / "read-more.md")
    assert any("has no twin in en/" in line for line in problems(minimal))


def test_only_a_translation_records_a_source_or_a_reviewer(minimal):
    edit(
        minimal / "sv" / "hjalp.md",
        "reviewed: 2026-11-23\n",
        "reviewed: 2026-11-23\nsource_hash: 0123456789ab\nreviewed_by: Anna\n",
    )
    edit(minimal / "en" / "start.md", "source_hash: 156e705060ba", "source_hash: 156e70")
    sv, en = minimal / "sv" / "hjalp.md", minimal / "en" / "start.md"
    assert [line for line in problems(minimal) if "source_hash:" in line or "reviewed_by:" in line] == sorted(
        [
            f"{en}:9: source_hash: must be the source page's hash, as `python -m app translations` prints it",
            f"{sv}:11: source_hash: only a translated page has one",
            f"{sv}:12: reviewed_by: only a translated page has one",
        ]
    )


async def test_each_translated_page_says_how_it_was_made_and_a_sign_off_is_one_line(minimal):
    async with client_for(minimal) as client:
        note = parse(await client.get("/en/hjalp")).select_one(".translation-note")
        text = note.get_text(" ", strip=True)
        assert "Translated from Swedish." in text and languages.ENGLISH.origin in text
        assert "No native speaker has reviewed this page yet." in text
        assert note.a["href"] == "/en/oversattningar"
        assert parse(await client.get("/en/start")).select_one(".translation-note") is not None
        assert parse(await client.get("/sv/hjalp")).select_one(".translation-note") is None
    edit(minimal / "en" / "hjalp.md", "reviewed_by:\n", "reviewed_by: Jane Smith\n")
    async with client_for(minimal) as client:
        assert "Reviewed by Jane Smith, a native speaker." in parse(await client.get("/en/hjalp")).get_text()
        about = parse(await client.get("/sv/oversattningar")).find("main").get_text(" ", strip=True)
        assert "Granskat av någon som har språket som modersmål: 1 av 3 sidor, av Jane Smith." in about


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_the_page_about_the_translations_says_how_each_language_was_made(client, lang):
    response = await client.get(f"/{lang}/oversattningar")
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text() == {"sv": "Om översättningarna", "en": "About the translations"}[lang]
    main_part = page.find("main")
    headings = [(h2["lang"], h2.get_text()) for h2 in main_part.find_all("h2")]
    assert headings == [(language.html_lang, language.name) for language in languages.ALL]
    text = main_part.get_text(" ", strip=True)
    said = {
        "sv": ("Skriven av projektgruppen samtidigt med den svenska texten", "Ingen som har språket som modersmål"),
        "en": ("Written by the project team alongside the Swedish text", "No native speaker has reviewed these pages"),
    }[lang]
    assert all(part in text for part in said)
    footer = page.find("footer")
    assert footer.find("a", href=f"/{lang}/oversattningar") is not None


def test_every_english_page_records_the_swedish_page_it_was_made_from_and_nobody_reviewed_it():
    for path in sorted((ROOT_DIR / "content" / "en").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        assert SOURCE_HASH.search(front), path.name
        assert "\nreviewed_by:\n" in front + "\n", path.name


def probe(language: str, *contents: Path) -> dict:
    """What `tests/fixtures/probe_languages.py` saw, with the fixture `language` added to the guide's."""
    result = subprocess.run(
        [sys.executable, str(FIXTURES / "probe_languages.py"), language, *map(str, contents)],
        capture_output=True,
        text=True,
        cwd=ROOT_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_right_to_left_language_is_a_record_a_content_folder_and_a_catalog(tmp_path):
    """The fixture language 'ar' (tests/fixtures/rtl): right to left everywhere, and its drift is caught."""
    clean, stale, changed = tmp_path / "clean", tmp_path / "stale", tmp_path / "changed"
    for content in (clean, stale, changed):
        shutil.copytree(FIXTURES / "rtl", content)
    edit(stale / "sv" / "hjalp.md", "Ring 112 om det är fara.", "Ring 112 genast om det är fara.")
    edit(changed / "ar" / "hjalp.md", "بالرقم 112", "بالرقم 114")
    found = probe("ar", clean, stale, changed)
    others = [language for language in languages.ALL if language.code != "ar"]  # the fixture's 'ar' comes last

    assert found[str(clean)]["check"] == 0
    assert found[str(clean)]["said"][-1] == (
        f"ok: {clean}: " + "".join(f"3 steps in {language.code}, " for language in others) + "3 steps in ar, 2 services"
    )
    pages = found[str(clean)]["pages"]
    for path, page in pages.items():
        expected = ("sv", "ltr") if path.startswith("/sv/") else ("ar", "rtl")
        assert (page["lang"], page["dir"]) == expected, path
        assert page["status"] == (404 if path.endswith("finns-inte") else 200), path
        if expected[0] == "ar":
            assert page["exit"] == "غادري هذه الصفحة بسرعة", path
            # Kvinnofridslinjen keeps its Swedish name, marked, and its own direction inside Arabic.
            assert ["sv", "ltr"] in page["spans"], path
            if page["status"] == 200:
                assert [link[:2] for link in page["languages"]] == [
                    [language.html_lang, language.direction] for language in others
                ], path
    assert [link[:2] for link in pages["/sv/start"]["languages"]] == [
        [language.html_lang, language.direction] for language in others if language.code != "sv"
    ] + [["ar", "rtl"]]
    assert all(pages[path]["note"] for path in ("/ar/start", "/ar/hjalp", "/embed/ar/start"))
    # Two names marked in the text, and the source's title, which is Swedish.
    assert pages["/ar/las-mer"]["spans"].count(["sv", "ltr"]) == 3

    assert found[str(stale)]["check"] == 0
    warnings = [line for line in found[str(stale)]["said"] if line.startswith("warning:")]
    assert sorted(line.split(":")[1].strip() for line in warnings) == [
        str(stale / lang / "hjalp.md")
        for lang in sorted({"ar", *(language.code for language in languages.ALL if language.translated_from)})
    ]
    assert found[str(stale)]["pages"]["/ar/hjalp"]["stale"] == "/sv/hjalp"
    assert found[str(stale)]["pages"]["/ar/start"]["stale"] is None

    assert found[str(changed)]["check"] == 1
    assert found[str(changed)]["said"] == [
        f"{changed / 'ar' / 'hjalp.md'}:14: numbers differ from {changed / 'sv' / 'hjalp.md'}: "
        "'114' only here; '112' only there",
        f"1 problem(s) in {changed}",
    ]
