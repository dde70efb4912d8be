"""Translations that cannot drift from the page they were made from.

A translated page (in a language whose record has `translated_from`) says in its front
matter which version of the source page it was made from: `source_hash:`, a hash of
what a reader reads on the source page (its title, its answers and where they lead,
its text). When the source page changes, the hash no longer matches and `check` warns;
the translated page then shows a note with a link to the current source page.

Some things must never differ, however old the translation: its numbers (phone numbers,
ages, amounts, sections of a law, years), the months of its dates, the steps its text
links to and where its answers lead. `problems` compares them with the source page and
`check` fails on a difference. (A `tel:` link cannot differ: numbers to call come from
the shared service records, and the loader refuses a `tel:` link in a text.)

`reviewed_by:` names the native speaker who reviewed the page; it stays empty until
someone has, and signing off is that one line.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from ..cldr import LOCALES as CLDR
from ..languages import ALL, LANGUAGE
from .load import FRONT_MATTER, ID_PATTERN, Files, StepFile
from .model import Problem, Step, Translation

_NUMBER = re.compile(r"\d+(?:[ :.,-]\d+)*")


def source_hash(step: Step) -> str:
    """What a reader reads on a page, hashed: its title, its answers and their targets, its text."""
    lines = [step.title, *(f"{option.text} -> {option.target}" for option in step.options)]
    lines += [line.rstrip() for line in step.body_markdown.strip().splitlines()]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:12]


def statuses(steps: dict[str, dict[str, Step]]) -> MappingProxyType:
    """Every translated page's `Translation`, by (language, step id)."""
    found = {}
    for language in ALL:
        source = language.translated_from
        if source is None:
            continue
        for step_id, step in steps[language.code].items():
            original = steps[source].get(step_id)
            if original is None:
                continue
            found[(language.code, step_id)] = Translation(
                lang=language.code,
                id=step_id,
                path=step.path,
                source=source,
                source_path=original.path,
                current=source_hash(original),
                recorded=step.source_hash,
                reviewed_by=step.reviewed_by,
            )
    return MappingProxyType(found)


def warnings(translations: Iterable[Translation]) -> list[str]:
    """A line for each translated page that is stale or does not say what it was made from."""
    found = []
    for item in sorted(translations, key=lambda item: item.path):
        if item.missing:
            found.append(
                f"warning: {item.path}: does not say which version of {item.source_path} it was translated from; "
                f"if it says the same, add `source_hash: {item.current}`"
            )
        elif item.stale:
            found.append(
                f"warning: {item.path}: {item.source_path} has changed since this page was translated from it; "
                f"bring the translation up to date, then write `source_hash: {item.current}`"
            )
    return found


def problems(files: Files) -> Iterator[Problem]:
    """What differs between a translated page and its source page but must not: numbers, months, links."""
    sources: dict[tuple[str, str], _Said] = {}  # a source page is compared with each of its translations
    for language in ALL:
        source = language.translated_from
        if source is None:
            continue
        for step_id, step in sorted(files.steps[language.code].items()):
            original = files.steps[source].get(step_id)
            if original is None:
                continue
            line = files.step_files[(language.code, step_id)].lines.line("body")
            if (source, step_id) not in sources:
                sources[(source, step_id)] = _said(original, files.step_files[(source, step_id)])
            here_said, there_said = _said(step, files.step_files[(language.code, step_id)]), sources[(source, step_id)]
            for what, here, there in (
                ("numbers", here_said.numbers, there_said.numbers),
                ("months of dates", here_said.months, there_said.months),
                ("links to steps", here_said.links, there_said.links),
            ):
                if here != there:
                    said = [
                        f"{_listed(extra)} only {side}"
                        for extra, side in ((here - there, "here"), (there - here, "there"))
                        if extra
                    ]
                    yield Problem(step.path, line, f"{what} differ from {original.path}: " + "; ".join(said))


def _listed(counter: Counter) -> str:
    return ", ".join(repr(item) for item in sorted(counter.elements()))


@dataclass(frozen=True)
class _Said:
    """What a page says that its translations must say alike, from its Markdown parsed once."""

    numbers: Counter
    months: Counter
    links: Counter


def _said(step: Step, read: StepFile) -> _Said:
    texts = [step.title, *(option.text for option in step.options), *read.text_blocks]
    pattern, names = _month_pattern(step.lang)
    return _Said(
        numbers=Counter(number for text in texts for number in _NUMBER.findall(text)),
        months=Counter(
            str(names[(match.group(1) or match.group(2)).lower()]) for text in texts for match in pattern.finditer(text)
        ),
        links=Counter(found.value for found in read.links if ID_PATTERN.match(found.value)),
    )


@cache
def _month_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """A month name next to a number (`1 juli`, `July 2025`, `July 1`), with the language's CLDR month names."""
    names = CLDR[LANGUAGE[lang].date_locale].month_numbers()
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    pattern = re.compile(rf"(?:\d{{1,2}}\.?\s+({alternatives})\b|\b({alternatives})\s+\d{{1,4}}\b)", re.I)
    return pattern, names


def stamp(path: Path, value: str) -> None:
    """Write `source_hash: value` into a translated page's front matter (and an empty `reviewed_by:`)."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if match is None:
        raise ValueError(f"{path}: no front matter")
    front = match.group(1) or ""
    if re.search(r"^source_hash:.*$", front, re.M):
        front = re.sub(r"^source_hash:.*$", f"source_hash: {value}", front, count=1, flags=re.M)
    else:
        front += f"source_hash: {value}\n"
    if not re.search(r"^reviewed_by:", front, re.M):
        front += "reviewed_by:\n"
    path.write_text(f"---\n{front}---\n" + text[match.end() :], encoding="utf-8")
