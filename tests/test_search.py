"""Free-text matching on a fixed subset: behaviour, not the accuracy figures (see `python -m app eval`)."""

from __future__ import annotations

import pytest

from app.search import DangerCheck, Index, normalise, terms

MARKER = "zqxmarker"


@pytest.fixture(scope="module")
def sv(bundled_app):
    site = bundled_app.state.runtime.site
    return site.engine.index("sv"), site.engine.danger("sv")


@pytest.fixture(scope="module")
def en(bundled_app):
    site = bundled_app.state.runtime.site
    return site.engine.index("en"), site.engine.danger("en")


def top(index: Index, text: str, n: int = 1) -> list[str]:
    return [m.step.id for m in index.search(text)[:n]]


def test_normalise_folds_case_diacritics_and_punctuation():
    assert normalise("  KontaktFÖRBUD!!  Hjälp\u200b?") == "kontaktforbud hjalp"
    assert normalise("ﬁnns") == "finns"


def test_terms_are_stemmed_and_without_stop_words_keeping_diacritics_for_the_stemmer():
    assert terms("Jag vill ha kontaktförbudet", "sv") == ["kontaktförbud"]
    assert terms("Kontaktforbudet", "sv") == ["kontaktforbud"]
    assert terms("my parents are threatening me", "en") == ["parent", "threaten"]


def test_man_is_a_stop_word_unless_it_is_a_man():
    assert terms("kan man få hjälp", "sv") == ["hjälp"]
    assert terms("min man slår mig", "sv") == ["man", "slår"]
    assert terms("jag är man", "sv") == ["man"]


def test_the_index_keeps_nothing_of_what_people_write(sv):
    index, _ = sv
    index.search(f"{MARKER} kontaktförbud")
    assert not any(MARKER in word for word in index._stems._known)


def test_the_stemmers_keep_no_cache_of_the_words_they_stem():
    """PyStemmer keeps the last 10,000 words it stemmed unless told not to: the words people write among them."""
    from app.languages import ALL
    from app.search.text import _stemmer

    compiled = [_stemmer(language.code) for language in ALL if language.stemmer]
    assert len(compiled) >= 4 and all(stemmer.maxCacheSize == 0 for stemmer in compiled)


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("kontaktförbud", "kontaktforbud"),
        ("kontaktforbud", "kontaktforbud"),  # no diacritics
        ("kontkatförbud", "kontaktforbud"),  # a typo
        ("kontaktförbudet", "kontaktforbud"),  # inflection
        ("skyddat boende", "skyddat-boende"),
        ("skydat bonde", "skyddat-boende"),
        ("hemlig adress", None),
        ("restraining order", "kontaktforbud"),  # English in the Swedish guide
        ("tvangsaktenskap", "tvangsaktenskap"),  # no diacritics in a long word
        ("förbudet", "kontaktforbud"),  # part of a compound
        ("hedersförtrycket", "hedersfortryck-brottet"),
        ("polisanmäler", "polisanmalan"),  # a form the stemmer leaves apart from "polisanmälan"
        ("min man slår mig", "fysiskt-vald"),  # a synonym covered whole beats a single shared word
    ],
)
def test_swedish_phrasings_find_their_step(sv, text, step):
    index, _ = sv
    found = top(index, text, 3)
    if step is None:
        assert {"skyddade-personuppgifter", "skyddad-folkbokforing"} & set(found)
    else:
        assert step in found


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("contact ban", "kontaktforbud"),
        ("safe house", "skyddat-boende"),
        ("protected housing", "skyddat-boende"),
        ("my parents want me to marry", "tvangsaktenskap"),
    ],
)
def test_english_phrasings_find_their_step(en, text, step):
    index, _ = en
    assert step in top(index, text, 3)


def test_a_word_written_with_diacritics_finds_only_that_spelling(sv):
    index, _ = sv
    assert "hedersfortryck-brottet" not in top(index, "läge", 4)  # not "lag", the law
    assert "hedersfortryck-brottet" in top(index, "lag", 4)


def test_words_of_the_twin_language_fill_the_gaps(bundled_app):
    guide = bundled_app.state.runtime.site.guide
    with_twin = Index(guide.tree("sv"), "sv", twin=guide.tree("en"))
    alone = Index(guide.tree("sv"), "sv")
    assert top(with_twin, "lawyer") == ["malsagandebitrade"]
    assert top(with_twin, "landlord") == ["hyresratt"]
    assert top(alone, "lawyer") == []


def test_a_step_learns_the_words_of_its_examples(bundled_app):
    """A text in words no editor chose finds the step people used those words for."""
    from app.content.model import Example

    tree = bundled_app.state.runtime.site.guide.tree("sv")
    text = "zqxgrannfamiljen bråkar zqxvägg"
    example = Example("zqxgrannfamiljen bråkar bakom zqxvägg", ("orosanmalan",))
    assert top(Index(tree, "sv"), text) != ["orosanmalan"]
    assert top(Index(tree, "sv", examples=[example]), text) == ["orosanmalan"]


def test_the_bundled_examples_are_what_the_index_learns(bundled_app):
    """Each language's index is built with the guide's examples (content/examples/)."""
    site = bundled_app.state.runtime.site
    learned = site.engine.index("sv")._examples
    assert sum(map(len, learned.values())) >= len(site.guide.examples["sv"]) >= 300
    assert site.engine.index("lattlast")._examples == learned


def test_a_very_common_word_is_looked_up_where_it_weighs_most(bundled_app, monkeypatch):
    import app.search.index

    tree = bundled_app.state.runtime.site.guide.tree("sv")
    full = Index(tree, "sv")._postings
    monkeypatch.setattr(app.search.index, "CHAMPIONS", 2)
    index = Index(tree, "sv")
    for term, kept in index._postings.items():
        assert sorted(kept.values()) == sorted(full[term].values())[-2:], term
    assert set(top(index, "kontaktförbud", 2)) <= {step for step in tree.steps if step.startswith("kontaktforbud")}


def test_nothing_meaningful_finds_nothing(sv):
    index, _ = sv
    assert index.search("och det är jag") == ()
    assert index.search("!!! ???") == ()


@pytest.mark.parametrize(
    "text",
    [
        "han står utanför dörren",
        "HAN HAR EN KNIV",
        "han slår mig just nu",
        "hjälp han kommer döda mig",
        "jag vill ta mitt liv",
        "han star utanfor dorren",  # without å/ä/ö
        "han står utanfr dörren",  # a typo
        "han hotar mig med pistol",  # words between a phrase's words
        "pappa slår mamma just nu",
        "jag har tabletter och vill bara dö",
        "hjalp han e har nu",
        "han kommer döda mig om han hittar mig",  # a condition after the threat does not cancel it
    ],
)
def test_swedish_danger(sv, text):
    _, danger = sv
    assert danger(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "han slog mig förra året",
        "hur ansöker jag om kontaktförbud",
        "jag var rädd för länge sedan",
        "vad kostar skyddat boende",
        "vad ska jag göra om han står utanför igen",  # only might happen
        "han slår mig inte men han skriker",  # turned by "inte"
        "han har ingen kniv",
        "han hotade mig när vi var ihop, men nu har vi ingen kontakt",  # "nu" in a clause that says it is over
        "jag vill inte dö",
    ],
)
def test_swedish_near_misses_are_not_danger(sv, text):
    _, danger = sv
    assert not danger(text)[0]


def test_suicide_is_told_apart(en):
    _, danger = en
    assert danger("i want to kill myself")[:2] == (True, True)
    assert danger("he has a gun")[:2] == (True, False)
    assert danger("he hit me last year")[:2] == (False, False)


@pytest.mark.parametrize(
    ("text", "in_danger"),
    [
        ("help he is here", True),
        ("he is kicking the door and screaming", True),
        ("he threaten me with knife", True),
        ("my dad is beating my mom right now", True),
        ("hes got a gun", True),
        ("he is not at the door", False),
        ("if he hits me again what do i do", False),
        ("my ex used to threaten me but we have no contact now", False),
    ],
)
def test_english_danger_and_near_misses(en, text, in_danger):
    _, danger = en
    assert danger(text)[0] is in_danger


def test_the_danger_lists_come_from_content(minimal):
    from app.content.validate import load_guide

    path = minimal / "danger.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - har kniv*\n", "    - har banan\n"), "utf-8")
    check = DangerCheck(load_guide(minimal).guide.danger["sv"])
    assert check("han har en banan")[0]
