"""Languages as data: one record per language, and everything reads it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from app import languages
from app.content import readability
from app.content.model import LANGUAGES
from app.content.validate import load_guide
from app.i18n import long_date

from .conftest import client_for, parse

ROOT = Path(__file__).parent.parent


def test_every_language_has_a_record_a_content_folder_and_a_catalog():
    assert LANGUAGES == languages.CODES
    for language in languages.ALL:
        assert (ROOT / "content" / language.code).is_dir()
        catalog = language.code if (ROOT / "app" / "locales" / language.code).is_dir() else language.texts_from
        assert (ROOT / "app" / "locales" / str(catalog) / "LC_MESSAGES" / "messages.po").is_file()
        assert language.direction in ("ltr", "rtl")
        assert language.fallback is None or language.fallback in languages.CODES
        assert readability.measure(language.code) is not None


def test_a_language_without_a_readability_measure_is_a_content_problem_not_a_crash(minimal, monkeypatch):
    english = languages.LANGUAGE["en"]
    monkeypatch.setitem(languages.LANGUAGE, "en", dataclasses.replace(english, readability=None))
    found = [str(problem) for problem in load_guide(minimal).problems]
    known = "'LIX' or 'grade' or 'words per sentence'"
    assert found == [f"{Path(languages.__file__)}:0: language 'en' has no readability measure: give it {known}"]


def test_dates_follow_the_record():
    assert long_date(dt.date(2026, 11, 23), "en") == "23 November 2026"
    assert long_date(dt.date(2026, 11, 23), "sv") == "23 november 2026"


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/sv/start", "sv"),
        ("/en/kontaktforbud", "en"),
        ("/embed/sv/alla-amnen", "sv"),
        ("/en/fara-nu/skriv-ut", "en"),
        ("/lattlast/kontaktforbud", "lattlast"),
    ],
)
async def test_every_page_says_its_direction_and_links_each_other_language_in_it(client, path, lang):
    page = parse(await client.get(path))
    assert page.html["dir"] == languages.LANGUAGE[lang].direction
    links = page.select("a.language")
    others = [other for other in languages.ALL if other.code != lang]
    assert [a.text for a in links] == [other.name for other in others]
    for link, other in zip(links, others, strict=True):
        assert link["lang"] == link["hreflang"] == other.html_lang and link["dir"] == other.direction
        assert f"/{other.code}/" in link["href"]


def test_the_stylesheet_has_no_left_or_right_so_right_to_left_works():
    css = (ROOT / "static" / "style.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    physical = re.findall(r"[\w-]*(?:left|right)[\w-]*\s*:|:\s*(?:left|right)\b", css)
    assert physical == []


def test_step_kinds_are_properties(bundled_app):
    tree = bundled_app.state.runtime.site.guide.tree("sv")
    assert tree["start"].is_question and not tree["start"].is_info
    assert tree["kontaktforbud"].is_info and not tree["kontaktforbud"].is_question


async def test_easy_to_read_swedish_is_a_choice_on_every_swedish_page_and_swedish_to_a_screen_reader(client):
    for path in ("/sv/start", "/sv/kontaktforbud", "/sv/kontaktforbud/skriv-ut", "/sv/alla-amnen", "/embed/sv/start"):
        page = parse(await client.get(path))
        easy = [a for a in page.select("a.language") if a.text == "Lättläst"]
        assert len(easy) == 1 and easy[0]["lang"] == "sv", path
        assert easy[0]["href"] == path.replace("/sv/", "/lattlast/"), path
    page = parse(await client.get("/lattlast/kontaktforbud"))
    assert page.html["lang"] == "sv"
    assert page.select_one("#step-title").text == "Kontaktförbud"
    assert "Skriven utifrån sidan på svenska." in page.select_one(".translation-note").get_text()
    assert page.find("span", attrs={"lang": True}) is None


def test_easy_to_read_swedish_is_easier_than_swedish(bundled_app):
    """LIX median at most 25 and no page over 30 (the check enforces it); and lower than the Swedish it comes from."""
    loaded = load_guide(ROOT / "content")
    scores = {
        lang: [score for (code, _), score in loaded.readability.items() if code == lang] for lang in ("sv", "lattlast")
    }
    easy = scores["lattlast"]
    assert readability.median(easy) <= 25 and max(score.value for score in easy) <= 30
    assert readability.median(scores["lattlast"]) < readability.median(scores["sv"])


def test_a_version_of_a_language_is_not_its_twin():
    """Mixed-language text on the easy-to-read pages is Swedish mixed with English, as on the Swedish pages."""
    assert [languages.twin(code) for code in ("sv", "lattlast", "en")] == ["en", "en", "sv"]


def test_the_matching_reads_its_stop_words_folding_and_stemmer_from_each_language_record():
    """Adding a language is one record: the free-text matching keeps no copy of its own."""
    import Stemmer

    from app.search import text

    for language in languages.ALL:
        assert text.STOP_WORDS[language.code] is language.stop_words
        assert language.stop_words <= text.ALL_STOP_WORDS
        assert all(text.terms(word, language.code) == [] for word in language.stop_words)
        assert all(text.normalise(letter) == plain for letter, plain in language.folding.items())
        if language.stemmer is None:  # no Snowball stemmer: each word is matched as written
            assert text.terms("hanjabaadda", language.code) == ["hanjabaadda"]
            continue
        stemmer = Stemmer.Stemmer(language.stemmer)
        word = "kontaktförbudet" if language.stemmer == "swedish" else "threatening"
        assert text.terms(word, language.code) == [stemmer.stemWord(word)]


def _add_english_source(content: Path, lang: str) -> Path:
    """A second source on the minimal guide's English page, its title in the language `lang`."""
    page = content / "en" / "hjalp.md"
    source = f"  - title: Call 112\n    url: https://www.sosalarm.se/en/\n    checked: 2026-11-23\n    lang: {lang}\n"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("reviewed: 2026-11-23", source + "reviewed: 2026-11-23", 1), encoding="utf-8")
    return page


async def test_a_source_title_is_marked_in_its_own_language_on_a_page_in_another(minimal):
    _add_english_source(minimal, "en")
    async with client_for(minimal) as client:
        english = parse(await client.get("/en/hjalp")).select_one(".sources")
        swedish = parse(await client.get("/sv/hjalp")).select_one(".sources")
    titles = [(link.get_text(), [span["lang"] for span in link.select("span[lang]")]) for link in english.select("a")]
    assert titles == [("112", ["sv"]), ("Call 112", [])]
    assert swedish.select("span[lang]") == []


def test_a_source_whose_language_is_not_of_the_guide_is_a_problem(minimal):
    page = _add_english_source(minimal, "de")
    found = [str(problem) for problem in load_guide(minimal).problems if problem.path == str(page)]
    assert len(found) == 1 and found[0].startswith(f"{page}:13: lang: must be the tag of a language of the guide: ")
