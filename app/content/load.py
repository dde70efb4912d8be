"""Read the content folder into records, noting every problem with file and line.

The folder holds `sv/` and `en/` (one Markdown file per step, front matter in
YAML), `services/` (one YAML file per helpline or agency) and `themes.yaml`
(the groups of the "all topics" page). This module checks each file on its
own; `validate.py` checks how the files fit together.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from .. import urls
from ..languages import LANGUAGE, shared, written
from . import examples, fields, markdown, readability
from .model import INFO, LANGUAGES, QUESTION, Danger, DangerExample, Example, Option, Problem, Service, Step
from .services import read_service
from .yamlfile import Located, parse

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_HASH = re.compile(r"^[0-9a-f]{12}$")
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)?---\n", re.S)
# Something in a body that looks like a phone number: numbers live in services/ only.
NUMBER_IN_TEXT = re.compile(r"(?<![\d:§.])(0\d{1,3}-\d{2,3}(?: \d{2,3})*|11\d(?: \d{2,3})+|112|1177|90 ?\d{3})(?!\d)")
# From this many step files on, they are read by one process per CPU: starting
# the processes costs about a tenth of a second, reading a file about half a millisecond.
PARALLEL_FROM = 1000
KINDS = (QUESTION, INFO)

STEP_SCHEMA: dict[str, fields.Check] = {
    "title": fields.text,
    "kind": lambda v: None if v in KINDS else f"kind must be one of {', '.join(KINDS)}",
    "theme": fields.text,
    "options": lambda v: None if isinstance(v, list) and v else "must be a list of options",
    "services": fields.text_list,
    "next": fields.text,
    "end": fields.flag,
    "keywords": fields.text_list,
    "synonyms": fields.text_list,
    "sensitive": fields.text_list,
    "sources": lambda v: None if isinstance(v, list) and v else "must be a list of sources",
    "reviewed": fields.date,
    "source_hash": lambda v: (
        None
        if isinstance(v, str) and SOURCE_HASH.match(v)
        else "must be the source page's hash, as `python -m app translations` prints it"
    ),
    "reviewed_by": lambda v: None if v is None or (isinstance(v, str) and v.strip()) else "must be a name, or empty",
}
STEP_REQUIRED = ("title", "kind")
OPTION_SCHEMA: dict[str, fields.Check] = {"text": fields.text, "to": fields.text}


@dataclass(frozen=True)
class StepFile:
    """One step file, read and checked on its own.

    Plain data that pickles, so the files of a large guide can be read by
    several processes. `step` is None when the file has problems of its own.
    """

    lang: str
    id: str
    path: str
    step: Step | None
    problems: tuple[Problem, ...]
    lines: Located
    links: tuple[markdown.Found, ...]
    numbers: tuple[markdown.Found, ...]
    readability: readability.Score | None
    text_blocks: tuple[str, ...] = ()  # the body's readable text per block, for the translation checks


@dataclass
class Files:
    """What was read, before the graph checks: records and problems so far."""

    root: Path
    steps: dict[str, dict[str, Step]] = field(default_factory=lambda: {lang: {} for lang in LANGUAGES})
    services: dict[str, Service] = field(default_factory=dict)
    themes: dict[str, MappingProxyType] = field(default_factory=dict)
    danger: dict[str, Danger] = field(default_factory=dict)
    # Each language's examples, and the line of each in its file (for the check that their steps exist).
    examples: dict[str, tuple[Example, ...]] = field(default_factory=dict)
    example_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    danger_examples: dict[str, tuple[DangerExample, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    step_files: dict[tuple[str, str], StepFile] = field(default_factory=dict)


def read(directory: Path, workers: int | None = None) -> Files:
    """Read every content file below `directory`, the step files with `workers` processes.

    `workers` defaults to the CPUs this process may use; a guide of fewer than
    PARALLEL_FROM step files is read in this process.
    """
    files = Files(directory)
    if not directory.is_dir():
        files.problems.append(Problem(str(directory), 0, "content folder not found"))
        return files
    _read_themes(directory / "themes.yaml", files)
    _read_danger(directory / "danger.yaml", files)
    for lang in written():
        _read_examples(directory / "examples" / f"{lang}.yaml", lang, files)
    files.examples.update(shared(files.examples))
    _read_danger_examples(directory / "examples" / "danger.yaml", files)
    files.danger_examples.update(shared(files.danger_examples))
    for path in sorted((directory / "services").rglob("*.yaml")):
        _read_service(path, files)
    found: list[tuple[Path, str]] = []
    for lang in LANGUAGES:
        folder = directory / lang
        if not folder.is_dir():
            files.problems.append(Problem(str(folder), 0, f"missing folder for language {lang!r}"))
            continue
        found += [(path, lang) for path in sorted(folder.rglob("*.md"))]
    for step_file in _read_step_files(found, workers):
        _add_step_file(step_file, files)
    return files


def _read_step_files(found: list[tuple[Path, str]], workers: int | None) -> list[StepFile]:
    workers = _cpus() if workers is None else workers
    if workers < 2 or len(found) < PARALLEL_FROM:
        return [read_step(path, lang) for path, lang in found]
    # "spawn": a fresh interpreter, never a fork of a server that may be running threads.
    context = multiprocessing.get_context("spawn")
    chunk = max(1, len(found) // (8 * workers))
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(read_step, *zip(*found, strict=True), chunksize=chunk))
    except (OSError, BrokenProcessPool):
        # No processes where the system allows none (no /dev/shm, a process limit): slower, same result.
        return [read_step(path, lang) for path, lang in found]


def _cpus() -> int:
    """The CPUs this process may run on (a container may have fewer than the machine)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no CPU affinity
        return os.cpu_count() or 1


def _add_step_file(step_file: StepFile, files: Files) -> None:
    key = (step_file.lang, step_file.id)
    files.problems.extend(step_file.problems)
    if key in files.step_files:
        first = files.step_files[key].path
        files.problems.append(Problem(step_file.path, 1, f"duplicate id {step_file.id!r}: also {first}"))
        return
    files.step_files[key] = step_file
    if step_file.step is not None:
        files.steps[step_file.lang][step_file.id] = step_file.step


def _one_line_texts(data: dict) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The title and each answer's text, keyed by line: the `[words]{lang=xx}` outside the body."""
    if isinstance(data.get("title"), str):
        yield ("title",), data["title"]
    listed = data.get("options")
    for index, item in enumerate(listed if isinstance(listed, list) else ()):
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            yield ("options", index, "text"), item["text"]


def read_step(path: Path, lang: str) -> StepFile:
    """Read one step file and check it on its own: front matter, body, readability."""
    name = str(path)
    step_id = path.stem
    nowhere = Located(None, {}, 1)
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        problem = Problem(name, 1, "the file must start with front matter between two lines of ---")
        return StepFile(lang, step_id, name, None, (problem,), nowhere, (), (), None)
    try:
        located = parse(match.group(1) or "", first_line=2)
    except yaml.YAMLError as error:
        line = _line_of(error, first_line=2)
        problem = Problem(name, line, f"front matter is not valid YAML: {getattr(error, 'problem', error)}")
        return StepFile(lang, step_id, name, None, (problem,), nowhere, (), (), None)
    data = located.data
    problems = fields.check_mapping(data, STEP_SCHEMA, STEP_REQUIRED, located, (), name, "the front matter")
    if not ID_PATTERN.match(step_id):
        problems.append(
            Problem(name, 1, f"file name {path.name!r} must be the step id: lower-case a–z, 0–9 and hyphens")
        )
    if LANGUAGE[lang].translated_from is None:
        for key in ("source_hash", "reviewed_by"):
            if isinstance(data, dict) and key in data:
                problems.append(Problem(name, located.line(key), f"{key}: only a translated page has one"))
    if step_id in urls.RESERVED:
        problems.append(Problem(name, 1, f"{step_id!r} is the name of a built-in page; choose another file name"))
    if not isinstance(data, dict):
        return StepFile(lang, step_id, name, None, tuple(problems), nowhere, (), (), None)
    direction = LANGUAGE[lang].direction
    options = []
    listed = data.get("options")
    for index, item in enumerate(listed if isinstance(listed, list) else ()):
        item_problems = fields.check_mapping(
            item, OPTION_SCHEMA, ("text", "to"), located, ("options", index), name, "an option"
        )
        problems.extend(item_problems)
        if not item_problems:
            said = item["text"].strip()
            options.append(Option(markdown.plain(said), item["to"].strip(), markdown.marked(said, direction)))
    sources = fields.sources(data.get("sources"), located, name, problems)

    body = text[match.end() :]
    first = text[: match.end()].count("\n") + 1
    parsed = markdown.Body(body)
    for found in parsed.raw_html():
        problems.append(Problem(name, first + found.line, f"raw HTML is not allowed in the text: {found.value[:60]!r}"))
    for found in parsed.images():
        problems.append(
            Problem(name, first + found.line, f"pictures are not allowed in the text: {found.value[:60]!r}")
        )
    tags = {language.html_lang for language in LANGUAGE.values()} - {LANGUAGE[lang].html_lang}
    marked = [
        (located.line(*key), tag) for key, text in _one_line_texts(data) for tag in markdown.marked_languages(text)
    ]
    marked += [(first + found.line, found.value) for found in parsed.languages()]
    for line, tag in marked:
        if tag not in tags:
            others = ", ".join(sorted(tags))
            problems.append(Problem(name, line, f"{{lang={tag}}} marks no other language of the guide: use {others}"))
    links = tuple(markdown.Found(first + found.line, found.value) for found in parsed.links())
    numbers = tuple(
        markdown.Found(first + found.line, number.group(1))
        for found in parsed.text_lines()
        for number in NUMBER_IN_TEXT.finditer(found.value)
    )
    lines = Located(None, {**located.lines, ("body",): first}, 1)
    measure = readability.measure(lang)
    score = measure(parsed) if measure else None
    step = None
    if not problems:
        step = Step(
            id=step_id,
            lang=lang,
            title=markdown.plain(data["title"].strip()),
            title_html=markdown.marked(data["title"].strip(), direction),
            kind=data["kind"],
            theme=data.get("theme"),
            body_markdown=body,
            body_html=parsed.html(direction),
            options=tuple(options),
            services=tuple(data.get("services", ())),
            next=data.get("next"),
            end=data.get("end", False),
            keywords=tuple(data.get("keywords", ())),
            synonyms=tuple(data.get("synonyms", ())),
            sensitive=tuple(data.get("sensitive", ())),
            sources=sources,
            reviewed=data.get("reviewed"),
            path=name,
            source_hash=data.get("source_hash"),
            reviewed_by=(data.get("reviewed_by") or "").strip() or None,
        )
    return StepFile(
        lang, step_id, name, step, tuple(problems), lines, links, numbers, score, tuple(parsed.text_blocks())
    )


def _line_of(error: yaml.YAMLError, first_line: int) -> int:
    """The line a YAML error points at, counted from the file's `first_line`; 1 when it points nowhere."""
    mark = getattr(error, "problem_mark", None)
    return mark.line + first_line if mark else 1


def read_yaml(path: Path, files: Files) -> Located | None:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        line = _line_of(error, first_line=1)
        files.problems.append(Problem(str(path), line, f"not valid YAML: {getattr(error, 'problem', error)}"))
        return None


def _read_service(path: Path, files: Files) -> None:
    name = str(path)
    located = read_yaml(path, files)
    if located is None:
        return
    service, problems = read_service(path.stem, located.data, located, (), name)
    if not ID_PATTERN.match(path.stem):
        problems.append(
            Problem(name, 1, f"file name {path.name!r} must be the service id: lower-case a–z, 0–9 and hyphens")
        )
    files.problems.extend(problems)
    if path.stem in files.services:
        files.problems.append(
            Problem(name, 1, f"duplicate service id {path.stem!r}: also {files.services[path.stem].path}")
        )
        return
    if service is not None and not problems:
        files.services[path.stem] = service


def _read_themes(path: Path, files: Files) -> None:
    if not path.is_file():
        files.problems.append(Problem(str(path), 0, "missing themes.yaml (the groups of the all-topics page)"))
        return
    located = read_yaml(path, files)
    if located is None:
        return
    if not isinstance(located.data, dict):
        files.problems.append(
            Problem(str(path), 1, f"themes.yaml must map each theme id to its names ({fields.EACH_LANGUAGE})")
        )
        return
    for theme, names in located.data.items():
        if message := fields.localised(names):
            files.problems.append(Problem(str(path), located.line(theme), f"theme {theme!r}: {message}"))
        else:
            files.themes[theme] = shared(dict(names))


DANGER_LISTS = (
    "acute",
    "lethal",
    "harm",
    "now",
    "before",
    "maybe",
    "asking",
    "suicide",
    "control",
    "others",
    "negation",
    "new_clause",
    "cry",
    "habit",
    "not_negation",
    "negation_ends",
    "speech",
)
# Signs that count only together with another kind of sign, and the writer's words for themselves:
# a language's section may leave them out.
OPTIONAL_DANGER_LISTS = tuple(
    "injury trapped near means farewell work writer writer_object not_condition not_now later".split()
)
ALL_DANGER_LISTS = (*DANGER_LISTS, *OPTIONAL_DANGER_LISTS)


def _read_examples(path: Path, lang: str, files: Files) -> None:
    if path.is_file() and (located := read_yaml(path, files)) is not None:
        found, lines, problems = examples.read(path, located)
        files.examples[lang], files.example_lines[lang] = found, lines
        files.problems.extend(problems)


def _read_danger_examples(path: Path, files: Files) -> None:
    if path.is_file() and (located := read_yaml(path, files)) is not None:
        found, problems = examples.read_danger(path, located, written())
        files.danger_examples.update(found)
        files.problems.extend(problems)


def _read_danger(path: Path, files: Files) -> None:
    if not path.is_file():
        files.problems.append(Problem(str(path), 0, "missing danger.yaml (the words that put 112 first)"))
        return
    located = read_yaml(path, files)
    if located is None:
        return
    data = located.data
    if not isinstance(data, dict) or set(data) != set(written()):
        files.problems.append(
            Problem(str(path), 1, f"danger.yaml must have a section for each language: {fields.EACH_LANGUAGE}")
        )
        return
    for lang, lists in data.items():
        if not isinstance(lists, dict) or not set(DANGER_LISTS) <= set(lists) <= set(ALL_DANGER_LISTS):
            problem = f"{lang}: must have the lists {', '.join(DANGER_LISTS)}"
            problem += f", and may have {', '.join(OPTIONAL_DANGER_LISTS)}"
            files.problems.append(Problem(str(path), located.line(lang), problem))
            continue
        given = [name for name in ALL_DANGER_LISTS if name in lists]
        bad = [name for name in given if fields.text_list(lists[name]) or not lists[name]]
        for name in bad:
            files.problems.append(Problem(str(path), located.line(lang, name), f"{lang}.{name}: a list of phrases"))
        if not bad:
            files.danger[lang] = Danger(**{name: tuple(lists[name]) for name in given})
    files.danger.update(shared(files.danger))
