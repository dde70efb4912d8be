"""Free-text matching on a fixed subset: behaviour, not the accuracy figures (see `python -m app eval`)."""

from __future__ import annotations

import pytest

from app.search import DangerCheck, Index, normalise, terms


@pytest.fixture(scope="module")
def sv(bundled_app):
    site = bundled_app.state.site
    return site.indexes["sv"], site.danger["sv"]


@pytest.fixture(scope="module")
def en(bundled_app):
    site = bundled_app.state.site
    return site.indexes["en"], site.danger["en"]


def top(index: Index, text: str, n: int = 1) -> list[str]:
    return [m.step.id for m in index.search(text)[:n]]


def test_normalise_folds_case_diacritics_and_punctuation():
    assert normalise("  KontaktFÖRBUD!!  Hjälp\u200b?") == "kontaktforbud hjalp"
    assert normalise("ﬁnns") == "finns"


def test_terms_are_stemmed_folded_and_without_stop_words():
    assert terms("Jag vill ha kontaktförbudet", "sv") == ["kontaktforbud"]
    assert terms("my parents are threatening me", "en") == ["parent", "threaten"]


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
    ],
)
def test_swedish_near_misses_are_not_danger(sv, text):
    _, danger = sv
    assert not danger(text)[0]


def test_suicide_is_told_apart(en):
    _, danger = en
    assert danger("i want to kill myself") == (True, True)
    assert danger("he has a gun") == (True, False)
    assert danger("he hit me last year") == (False, False)


def test_the_danger_lists_come_from_content(minimal):
    from app.content.validate import load_guide

    path = minimal / "danger.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - har en kniv\n", "    - har en banan\n"), "utf-8")
    check = DangerCheck(load_guide(minimal).guide.danger["sv"])
    assert check("han har en banan")[0]
