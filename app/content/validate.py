"""Check how the content files fit together, and build the guide if they do.

`load_guide` is the one entry point: it reads the folder, runs every check
and returns either a `Guide` or the full list of problems, never half a guide.
What it returns is a function of the folder's bytes and today's date, so the last
result is kept: a reload of unchanged content, or a second app on the same folder,
gets the same immutable guide at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .. import languages
from ..languages import LANGUAGE
from . import readability, snapshot, translations
from .load import ID_PATTERN, Files, read
from .model import EMERGENCY_SERVICE, HELPLINE_SERVICE, LANGUAGES, START, Guide, Problem, Step, Tree, first_reached


@dataclass(frozen=True)
class Loaded:
    """The outcome of loading: a guide when there are no problems, and how readable each step is."""

    guide: Guide | None
    problems: tuple[Problem, ...]
    readability: MappingProxyType


def load_guide(directory: Path, workers: int | None = None, snapshots: Path | None = None) -> Loaded:
    """Read and check the content in `directory` (see `load.read` for `workers`); the same bytes, the same result.

    With `snapshots`, a folder, a load without problems is kept there and the next start with the
    same content and code loads it instead of reading the files (see `snapshot`).
    """
    key = _fingerprint(directory)
    if _last and _last[0] == key:
        return _last[1]
    if snapshots is None:
        loaded = _load(directory, workers)
    else:
        folder, _, files = key  # not the date: see `snapshot`
        loaded = snapshot.kept(snapshots, f"{folder}\0{files}", lambda: _load(directory, workers), _usable)
    _last[:] = [key, loaded]
    return loaded


# The key and result of the last load, and only that one: in a service it is the guide being served.
_last: list = []


def _usable(loaded: Loaded) -> bool:
    """Only a load without problems is kept on disk: warnings (a stale translation) are told at every start."""
    return loaded.guide is not None and not loaded.problems


def _fingerprint(directory: Path) -> tuple[str, str, str]:
    """The folder, today's date (a fact's date may not be in the future) and a hash of every file's name and bytes."""
    digest = hashlib.sha256()
    if directory.is_dir():
        for path in sorted(path for path in directory.rglob("*") if path.is_file()):
            digest.update(str(path.relative_to(directory)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return str(directory.resolve()), dt.date.today().isoformat(), digest.hexdigest()


def _load(directory: Path, workers: int | None) -> Loaded:
    files = read(directory, workers)
    scores = {
        (lang, step.id): score
        for lang in LANGUAGES
        for step in files.steps[lang].values()
        if (score := files.step_files[(lang, step.id)].readability) is not None
    }
    problems = (
        list(files.problems)
        + list(_graph_problems(files))
        + list(_readability_problems(files, scores))
        + list(translations.problems(files))
        + list(_example_problems(files))
    )
    if problems:
        return Loaded(None, tuple(sorted(set(problems))), MappingProxyType(scores))
    guide = Guide(
        trees=MappingProxyType({lang: Tree(lang, MappingProxyType(dict(files.steps[lang]))) for lang in LANGUAGES}),
        services=MappingProxyType(dict(files.services)),
        themes=MappingProxyType(dict(files.themes)),
        danger=MappingProxyType(dict(files.danger)),
        translations=translations.statuses(files.steps),
        examples=MappingProxyType(dict(files.examples)),
        danger_examples=MappingProxyType(dict(files.danger_examples)),
    )
    return Loaded(guide, (), MappingProxyType(scores))


LANGUAGES_FILE = Path(languages.__file__)


def reachable(steps: dict[str, Step], start: str = START) -> set[str]:
    """Ids reachable from `start` by following options and `next`."""
    return set(first_reached(steps, start))


def _graph_problems(files: Files) -> Iterator[Problem]:
    service_numbers = {_digits(service.phone) for service in files.services.values() if service.phone}
    for required in (EMERGENCY_SERVICE, HELPLINE_SERVICE):
        if required not in files.services and not (files.root / "services" / f"{required}.yaml").exists():
            yield Problem(str(files.root / "services"), 0, f"missing services/{required}.yaml: every page shows it")
    for lang in LANGUAGES:
        steps = files.steps[lang]
        for step in steps.values():
            yield from _step_problems(step, steps, files, service_numbers)
        if START not in steps and not _read_but_broken(files, lang, START):
            yield Problem(f"{lang}/", 0, f"there is no start step: add {lang}/{START}.md")
        elif START in steps:
            found = reachable(steps)
            for step in steps.values():
                if step.id not in found:
                    yield Problem(step.path, 1, f"step {step.id!r} cannot be reached from the start")
    yield from _twin_problems(files)


def _example_problems(files: Files) -> Iterator[Problem]:
    """An example must name steps that exist: matching learns from it, and the evaluation counts it."""
    for lang, lines in files.example_lines.items():
        path = str(files.root / "examples" / f"{lang}.yaml")
        for example, line in zip(files.examples[lang], lines, strict=True):
            for step_id in example.steps:
                if step_id not in files.steps[lang] and not _read_but_broken(files, lang, step_id):
                    yield Problem(
                        path, line, f"example {example.text[:40]!r} expects {step_id!r}, which does not exist"
                    )


def _read_but_broken(files: Files, lang: str, step_id: str) -> bool:
    """True when the file exists but had problems of its own (already reported)."""
    return (lang, step_id) in files.step_files


def _step_problems(step: Step, steps: dict[str, Step], files: Files, numbers: set[str]) -> Iterator[Problem]:
    step_file = files.step_files[(step.lang, step.id)]
    located = step_file.lines
    for index, option in enumerate(step.options):
        if option.target not in steps and not _read_but_broken(files, step.lang, option.target):
            yield Problem(
                step.path,
                located.line("options", index, "to"),
                f"option leads to {option.target!r}, which does not exist",
            )
    if step.next and step.next not in steps and not _read_but_broken(files, step.lang, step.next):
        yield Problem(step.path, located.line("next"), f"next step {step.next!r} does not exist")
    for index, service in enumerate(step.services):
        if service not in files.services:
            yield Problem(
                step.path, located.line("services", index), f"service {service!r} does not exist in services/"
            )
    if step.is_question and len(step.options) < 2:
        yield Problem(step.path, located.line("kind"), "a question needs at least two options")
    if step.is_info:
        if not step.sources:
            yield Problem(step.path, 1, "an information step needs sources: the official pages its facts come from")
        if step.reviewed is None:
            yield Problem(step.path, 1, "an information step needs `reviewed:`, the date its content was last reviewed")
        if step.theme is None:
            yield Problem(step.path, 1, "an information step needs a `theme:` for the all-topics page")
    if step.theme is not None and step.theme not in files.themes:
        yield Problem(step.path, located.line("theme"), f"theme {step.theme!r} is not in themes.yaml")
    if not (step.options or step.services or step.next or step.end):
        yield Problem(step.path, 1, "dead end: give options, services, a `next:` step or `end: true`")
    for found in step_file.links:
        href = found.value
        if href.startswith("http://"):
            yield Problem(step.path, found.line, f"URL must use https: {href}")
        elif not href.startswith(("https://", "#")) and not (ID_PATTERN.match(href) and href in steps):
            yield Problem(step.path, found.line, f"link to {href!r}: write a step id of this language or an https URL")
    for found in step_file.numbers:
        if _digits(found.value) not in numbers:
            message = f"phone number {found.value!r} is in no service record: numbers live in services/"
            yield Problem(step.path, found.line, message)


def _readability_problems(files: Files, scores: dict) -> Iterator[Problem]:
    for lang in LANGUAGES:
        limits = LANGUAGE[lang].readability
        if limits is None or readability.measure(lang) is None:
            known = " or ".join(repr(name) for name in readability.MEASURES)
            yield Problem(str(LANGUAGES_FILE), 0, f"language {lang!r} has no readability measure: give it {known}")
            continue
        name, median_max, page_max = limits.measure, limits.median_max, limits.page_max
        for step in files.steps[lang].values():
            score = scores[(lang, step.id)]
            if score.value > page_max:
                yield Problem(
                    step.path,
                    1,
                    f"hard to read: {name} {score.value:.0f} is over {page_max}; "
                    "split long sentences and swap long words for short ones",
                )
        ours = [scores[(lang, step_id)] for step_id in files.steps[lang]]
        median = readability.median(ours)
        if median > median_max:
            yield Problem(f"{files.root / lang}", 0, f"median {name} {median:.1f} is over {median_max}")


def _twin_problems(files: Files) -> Iterator[Problem]:
    first, *others = LANGUAGES
    for other in others:
        ids = {lang: {step_id for (in_lang, step_id) in files.step_files if in_lang == lang} for lang in (first, other)}
        for lang, missing in ((first, other), (other, first)):
            for step_id in sorted(ids[lang] - ids[missing]):
                path = files.step_files[(lang, step_id)].path
                twin = files.root / missing / Path(path).relative_to(files.root / lang)
                yield Problem(path, 1, f"step {step_id!r} has no twin in {missing}/: add {twin}")
        for step_id in sorted(set(files.steps[first]) & set(files.steps[other])):
            a, b = files.steps[first][step_id], files.steps[other][step_id]
            for what in ("kind", "targets", "services", "theme", "end"):
                if getattr(a, what) != getattr(b, what):
                    yield Problem(
                        b.path,
                        1,
                        f"{what} differ from the twin {a.path}: {getattr(b, what)!r} here, {getattr(a, what)!r} there",
                    )


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())
