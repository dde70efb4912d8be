"""content/examples/{lang}.yaml: texts people wrote in their own words, and the steps that answered them.

Free-text matching learns from them (app/search/index.py), and `python -m app eval`
shows them as its tuning part. Read here on their own; that each step they name
exists is checked with the graph (app/content/validate.py).
"""

from __future__ import annotations

from pathlib import Path

from .model import Example, Problem
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
