"""content/examples/: texts people wrote in their own words.

- `{lang}.yaml`: each text and the steps that answered it. Free-text matching learns
  from them (app/search/index.py). That each step they name exists is checked with
  the graph (app/content/validate.py).
- `danger.yaml`: texts that tell of danger now and calm texts that share their words,
  per language. The danger check's second reader learns from them (app/search/resemblance.py).

`python -m app eval` shows both as its tuning part.
"""

from __future__ import annotations

from pathlib import Path

from .model import DangerExample, Example, Problem
from .yamlfile import Located

KEYS = {"q", "expect", "role", "category"}


def read(path: Path, located: Located) -> tuple[tuple[Example, ...], tuple[int, ...], list[Problem]]:
    """The examples of one file, the line each stands on, and what is wrong with the others."""
    items = located.data if located.data is not None else []
    if not isinstance(items, list):
        return (), (), [Problem(str(path), 1, "a list of examples: - {q: the text, expect: [step ids]}")]
    found, lines, problems = [], [], []
    for index, item in enumerate(items):
        line = located.line(index)
        wrong = _problem(item)
        if wrong:
            problems.append(Problem(str(path), line, f"example {index + 1}: {wrong}"))
            continue
        found.append(Example(item["q"], tuple(item["expect"]), item.get("role", ""), item.get("category", "")))
        lines.append(line)
    return tuple(found), tuple(lines), problems


def _problem(item: object) -> str | None:
    """What is wrong with one example, if anything."""
    if not isinstance(item, dict) or not {"q", "expect"} <= set(item):
        return "must have q (the text) and expect (the steps that answer it)"
    if set(item) - KEYS:
        return f"unknown key {sorted(set(item) - KEYS)[0]!r}; an example has {', '.join(sorted(KEYS))}"
    if not isinstance(item["q"], str) or not item["q"].strip():
        return "q must be a text"
    if (
        not isinstance(item["expect"], list)
        or not item["expect"]
        or not all(isinstance(i, str) for i in item["expect"])
    ):
        return "expect must be a list of step ids"
    if any(not isinstance(item.get(key, ""), str) for key in ("role", "category")):
        return "role and category are words"
    return None


DANGER_KEYS = {"q", "category", "suicide"}
DANGER_PARTS = ("crisis", "not_crisis")


def read_danger(path: Path, located: Located, languages: tuple[str, ...]) -> tuple[dict, list[Problem]]:
    """Each language's danger examples (`{lang: {crisis: [...], not_crisis: [...]}}`), and what is wrong."""
    data = located.data if located.data is not None else {}
    shape = f"a section per language ({', '.join(languages)}), each with crisis: and not_crisis: lists of {{q: text}}"
    if not isinstance(data, dict) or not set(data) <= set(languages):
        return {}, [Problem(str(path), 1, shape)]
    found: dict[str, tuple[DangerExample, ...]] = {}
    problems = []
    for lang, parts in data.items():
        if not isinstance(parts, dict) or set(parts) != set(DANGER_PARTS):
            problems.append(Problem(str(path), located.line(lang), f"{lang}: {shape}"))
            continue
        texts = []
        for part in DANGER_PARTS:
            for index, item in enumerate(parts[part] or []):
                wrong = _danger_problem(item)
                if wrong:
                    problems.append(Problem(str(path), located.line(lang), f"{lang} {part} {index + 1}: {wrong}"))
                    continue
                texts.append(
                    DangerExample(item["q"], part == "crisis", bool(item.get("suicide")), item.get("category", ""))
                )
        found[lang] = tuple(texts)
    return found, problems


def _danger_problem(item: object) -> str | None:
    if not isinstance(item, dict) or "q" not in item:
        return "must have q (the text)"
    if set(item) - DANGER_KEYS:
        return (
            f"unknown key {sorted(set(item) - DANGER_KEYS)[0]!r}; a danger example has {', '.join(sorted(DANGER_KEYS))}"
        )
    if not isinstance(item["q"], str) or not item["q"].strip():
        return "q must be a text"
    if not isinstance(item.get("suicide", False), bool) or not isinstance(item.get("category", ""), str):
        return "suicide is true or false, category a word"
    return None
