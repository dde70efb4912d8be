"""Readability: LIX for Swedish, a Flesch–Kincaid grade for English, and the limits."""

from __future__ import annotations

import pytest

from app.content import readability
from app.content.validate import load_guide
from app.languages import LANGUAGE

from .test_validate import only, problems


def test_lix_by_hand():
    # 8 words, 2 sentences, 2 long words (skyddat has 7 letters, kontaktförbud 13): 8/2 + 100*2/8 = 29.
    score = readability.lix("Du kan få skyddat boende. Och kontaktförbud här.")
    assert (score.words, score.sentences) == (8, 2)
    assert score.value == pytest.approx(4 + 25)


def test_words_per_sentence_ends_sentences_in_arabic_and_ethiopic_script():
    # Two Arabic sentences (the second ends with the Arabic question mark), one Tigrinya (።).
    score = readability.words_per_sentence("اتصلي بالرقم 112 الآن. هل أنت في خطر؟\n\nሕጂ ናብ 112 ደውሊ።")
    assert (score.words, score.sentences) == (10, 3)  # numbers are not words
    assert score.value == pytest.approx(10 / 3)


def test_a_heading_and_list_items_are_sentences_of_their_own():
    body = "## Så här gör du\n\n1. Ring 112\n2. Gå till en säker plats\n"
    assert [len(s) for s in readability.sentences(body)] == [4, 1, 5]


def test_link_text_counts_as_words_and_urls_do_not():
    body = "Läs om [kontaktförbud](https://www.aklagare.se/om_rattsprocessen/fran-brott-till-atal/kontaktforbud/)."
    assert readability.sentences(body) == [["Läs", "om", "kontaktförbud"]]


@pytest.mark.parametrize(("word", "count"), [("safe", 1), ("violence", 2), ("protected", 3), ("police", 2), ("a", 1)])
def test_syllables(word, count):
    assert readability.syllables(word) == count


def test_english_grade_rises_with_long_words_and_sentences():
    easy = readability.english_grade("Call us. We can help. You do not have to say your name.")
    hard = readability.english_grade(
        "Administrative authorities are obliged to consider the proportionality of interventions "
        "concerning individuals experiencing victimisation in intimate relationships."
    )
    assert easy.value < 3 < LANGUAGE["en"].readability.page_max < hard.value


def test_a_hard_swedish_page_fails_the_check(minimal):
    hard = (
        "Socialtjänstlagstiftningens tillämpningsföreskrifter förutsätter myndighetsutövningens "
        "proportionalitetsbedömningar avseende skyddsbehovsprövningar och överväganden beträffande "
        "rättssäkerhetsaspekter i förvaltningsrättsliga sammanhang."
    )
    path = minimal / "sv" / "hjalp.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Ring 112 om det är fara.", hard), encoding="utf-8")
    found = only(problems(minimal), "hard to read: LIX")
    assert "hjalp.md:1:" in found
    assert not [p for p in problems(minimal) if "median" in p]


def test_a_hard_language_as_a_whole_fails_the_check(minimal):
    for step in ("start", "hjalp", "las-mer"):
        path = minimal / "en" / f"{step}.md"
        text = path.read_text(encoding="utf-8")
        head, _, _ = text.rpartition("---\n")
        body = "Administrative authorities consider proportionality regarding victimisation. [help](hjalp)\n"
        path.write_text(head + "---\n" + body, encoding="utf-8")
    only(problems(minimal), "median grade")


def test_the_check_reports_scores_for_every_step(minimal):
    loaded = load_guide(minimal)
    assert set(loaded.readability) == {(lang, s) for lang in LANGUAGE for s in ("start", "hjalp", "las-mer")}
