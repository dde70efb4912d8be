"""The danger check's second reader (rule 10): texts that read like danger, in words nobody listed."""

from __future__ import annotations

import math

import pytest
import yaml

from app.content.model import DangerExample
from app.content.validate import load_guide
from app.search.resemblance import Resemblance, pieces


@pytest.fixture
def check(bundled_app):
    engine = bundled_app.state.runtime.engine

    def check(lang: str):
        return engine.danger(lang)

    return check


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han har plockat fram repet igen och tittar på mig"),
        ("en", "he got the rope out again and keeps staring at me"),
    ],
)
def test_the_second_reader_finds_danger_in_words_nobody_listed(check, lang, text):
    danger = check(lang)
    assert danger._resembles is not None and danger._resembles(text)
    assert danger(text).danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "jag vill inte lämna honom"),
        ("sv", "hur ansöker man om kontaktförbud"),
        ("sv", "han slog mig förra året, nu bor jag själv"),
        ("en", "how do i apply for a contact ban"),
        ("en", "he hit me last year, now i live alone"),
    ],
)
def test_everyday_questions_and_the_past_do_not_read_as_danger(check, lang, text):
    assert not check(lang)._resembles(text)
    assert not check(lang)(text).danger


def test_the_reader_only_adds_alarms(check):
    # The rules' alarm stands whatever the reader makes of the text.
    danger = check("sv")
    text = "han stryper mig"
    assert danger._rules(text).danger and danger(text).danger


def calm(text: str) -> DangerExample:
    return DangerExample(text, crisis=False)


def crisis(text: str) -> DangerExample:
    return DangerExample(text, crisis=True)


def test_the_line_is_drawn_from_calm_texts_judged_as_unseen():
    texts = [crisis(f"han slår mig nu {i}") for i in range(20)] + [
        calm(f"hur ansöker jag om stöd {i}") for i in range(40)
    ]
    reader = Resemblance(texts, calm_by_rules=lambda text: True)
    assert math.isfinite(reader.line)
    assert reader("han slår mig nu")
    assert not reader("hur ansöker jag om stöd")
    # Every calm text it learnt from but one stays below the line (3 % of 40 is one).
    assert sum(reader(t.text) for t in texts if not t.crisis) <= 1


def test_without_calm_texts_the_reader_raises_nothing():
    reader = Resemblance([crisis("han slår mig nu")], calm_by_rules=lambda text: True)
    assert reader.line == math.inf and not reader("han slår mig nu")


def test_pieces_are_words_and_their_parts_of_three_to_five_letters():
    found = pieces("Kniv")
    assert {"w:kniv", " kn", "kni", "niv", "iv ", " kni", "kniv", "niv ", " kniv", "kniv "} <= found
    assert " kniv " not in found  # six: longer than a piece


def test_a_broken_danger_example_stops_the_guide_with_file_and_reason(minimal):
    (minimal / "examples").mkdir(exist_ok=True)
    broken = {"sv": {"crisis": [{"q": "han slår mig", "suicide": "ja"}], "not_crisis": []}}
    (minimal / "examples" / "danger.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    loaded = load_guide(minimal)
    assert loaded.guide is None
    assert any("danger.yaml" in p.path and "suicide" in p.message for p in loaded.problems)
