"""`python -m app eval`: the tuning part shows its misses and figures by category; a held-out part only totals."""

from __future__ import annotations

from pathlib import Path

import yaml

from app.content.validate import load_guide
from app.evaluate import run

MISSED = "jag undrar över något helt annat"
CRISIS = "han slår mig just nu"


def write_part(folder: Path) -> None:
    folder.mkdir(parents=True)
    texts = [{"q": MISSED, "expect": ["hjalp"], "role": "victim", "category": "one of a kind"}]
    (folder / "sv.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    danger = {"sv": {"crisis": [{"q": CRISIS, "category": "hit now", "suicide": False}], "not_crisis": []}}
    (folder / "danger.yaml").write_text(yaml.safe_dump(danger, allow_unicode=True), encoding="utf-8")


def test_held_out_parts_print_totals_only_and_the_tuning_part_its_misses(minimal, tmp_path):
    for part in ("tuning", "heldout"):
        write_part(tmp_path / "eval" / part)
    said = run(load_guide(minimal).guide, tmp_path / "eval")
    tuning, _, held_out = said.partition("== heldout")
    assert MISSED in tuning and "by category: one of a kind" in tuning
    assert "sv: crisis recall" in held_out and "sv: steps: 1 phrasings" in held_out
    assert MISSED not in held_out and CRISIS not in held_out
    assert "by category" not in held_out and "one of a kind" not in held_out
    assert "heldout2: no folder" in said
    assert "en: no evaluation set" in tuning or "en: no texts" in tuning


def test_the_tuning_phrasings_are_the_guides_examples_unless_the_folder_has_its_own(minimal, tmp_path):
    (minimal / "examples").mkdir()
    texts = [{"q": "ett exempel ingen steg passar", "expect": ["hjalp"], "role": "victim", "category": "lärt"}]
    (minimal / "examples" / "sv.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    write_part(tmp_path / "eval" / "tuning")
    guide = load_guide(minimal).guide
    assert "by category: lärt" not in run(guide, tmp_path / "eval")
    (tmp_path / "eval" / "tuning" / "sv.yaml").unlink()
    said = run(guide, tmp_path / "eval")
    assert "by category: lärt" in said and "sv: steps: 1 phrasings" in said
    assert "the examples matching learns from" in said


def test_a_part_with_only_danger_texts_gives_the_danger_figures(minimal, tmp_path):
    folder = tmp_path / "eval" / "heldout3"
    write_part(folder)
    (folder / "sv.yaml").unlink()
    said = run(load_guide(minimal).guide, tmp_path / "eval")
    held_out = said.partition("== heldout3")[2]
    assert "sv: crisis recall 100.0% (1 of 1)" in held_out
    assert "sv: steps" not in held_out and CRISIS not in held_out
    assert "en: no evaluation set" in held_out


def test_the_tuning_danger_texts_are_the_guides_unless_the_folder_has_its_own(minimal, tmp_path):
    (minimal / "examples").mkdir(exist_ok=True)
    texts = {"sv": {"crisis": [{"q": "han har en kniv och står i hallen", "category": "lärd fara"}], "not_crisis": []}}
    (minimal / "examples" / "danger.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    (tmp_path / "eval" / "tuning").mkdir(parents=True)
    said = run(load_guide(minimal).guide, tmp_path / "eval")
    assert "sv: crisis recall" in said and "lärd fara" in said
    write_part(tmp_path / "eval" / "heldout")
    (tmp_path / "eval" / "tuning" / "danger.yaml").write_text(
        (tmp_path / "eval" / "heldout" / "danger.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert "lärd fara" not in run(load_guide(minimal).guide, tmp_path / "eval")
