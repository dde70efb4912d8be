"""How well free text is understood: `python -m app eval [--eval-dir DIR]`.

The evaluation sets are data, read from the folder given (default `tests/eval/`):

- `tuning/`: the texts the matching, the danger words and rules were improved against:
  the guide's own examples (content/examples/{lang}.yaml, which matching learns from, and
  content/examples/danger.yaml, which the danger check's second reader learns from), unless
  the folder has files of its own. Its misses are printed, to work on; its figures are
  training figures, not estimates.
- `heldout/` … `heldout5/`: each written blind, by a writer who never saw the danger
  lists, synonyms or tuning set, and committed before the code it measures changed.
  Only their totals are printed, never their texts, misses or figures by category,
  so nobody tunes against them.

Each part has a file per language, `sv.yaml`, `en.yaml`, … (`{q, expect, role, category}`: the text, the
steps that would be a right answer, who writes, and what kind of text it is) and
`danger.yaml` (`{sv|en|…: {crisis|not_crisis: [{q, category, suicide}]}}`); a part may hold
only one of them (`heldout3/` is danger texts only), and a language a part has no texts for
is said to have none. The
figures are printed, never asserted: they guide the work, and a test that asserts
them would invite tuning to the test.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .content.model import LANGUAGES, Guide
from .engine import Engine
from .languages import LANGUAGE
from .search import Answer, answer

EVAL_DIR = Path("tests") / "eval"
PARTS = ("tuning", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")
TIMING_ROUNDS = 20
VILL_SLUTA = "vill-sluta"


@dataclass(frozen=True)
class Case:
    text: str
    expected: tuple[str, ...]
    role: str
    category: str


@dataclass(frozen=True)
class DangerCase:
    text: str
    crisis: bool
    suicide: bool
    category: str


def load_cases(lang: str, directory: Path) -> list[Case]:
    path = directory / f"{lang}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
    return [Case(i["q"], tuple(i["expect"]), i.get("role", ""), i.get("category", "")) for i in data]


def load_danger(lang: str, directory: Path) -> list[DangerCase]:
    path = directory / "danger.yaml"
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(lang) if path.is_file() else None
    if data is None:
        return []
    return [
        DangerCase(i["q"], part == "crisis", bool(i.get("suicide")), i.get("category", ""))
        for part in ("crisis", "not_crisis")
        for i in data[part]
    ]


def has_sets(lang: str, directory: Path) -> bool:
    """Whether a folder has texts in a language: its phrasings, or its section of danger.yaml."""
    return (directory / f"{lang}.yaml").is_file() or bool(load_danger(lang, directory))


def run(guide: Guide, directory: Path = EVAL_DIR) -> str:
    """The evaluation as text: each part's figures, and the tuning part's misses."""
    engine = Engine.of(guide).ready()
    lines = []
    for part in PARTS:
        folder = directory / part
        if not folder.is_dir():
            lines.append(f"{part}: no folder {folder}")
            continue
        shown = part == "tuning"
        lines.append(f"== {part} ({folder}){'' if shown else ': written blind; figures only, never its texts'}")
        for lang in LANGUAGES:
            lines += _language(engine, lang, folder, show_misses=shown)
        if shown:
            lines.append("(the tuning phrasings are the examples matching learns from: its top-1 is not an estimate)")
    return "\n".join(lines) + "\n"


def _language(engine: Engine, lang: str, folder: Path, show_misses: bool) -> list[str]:
    guide = engine.guide
    index, check = engine.index(lang), engine.danger(lang)
    # A version of another language (easy-to-read Swedish) is written to in that language: its sets.
    written = LANGUAGE[lang].texts_from or lang
    cases = load_cases(written, folder)
    if not cases and show_misses:
        cases = [Case(e.text, e.steps, e.role, e.category) for e in guide.examples.get(lang, ())]
    dangers = load_danger(written, folder)
    if not dangers and show_misses:
        dangers = [DangerCase(d.text, d.crisis, d.suicide, d.category) for d in guide.danger_examples.get(lang, ())]
    if not cases and not dangers and not has_sets(written, folder):
        # A language added before anyone has written its sets here: said, not skipped silently.
        return [f"{lang}: no evaluation set in {folder} ({written}.yaml or a {written}: section of danger.yaml)"]
    if not cases and not dangers:
        return [f"{lang}: no texts in {folder}"]
    answers = {case.text: answer(index, check, case.text) for case in cases}
    known = [c for c in cases if set(c.expected) & guide.tree(lang).steps.keys()]
    wall, cpu = _time(lambda text: answer(index, check, text), [c.text for c in cases] + [d.text for d in dangers])
    lines = []
    if cases:
        lines += [
            f"{lang}: steps: {_accuracy(cases, answers)}; "
            f"with every expected step in the content: {_accuracy(known, answers)}",
            f"{lang}: victim sent first to {VILL_SLUTA}: "
            f"{sum(c.role == 'victim' and _first(answers[c.text]) == VILL_SLUTA for c in cases)}",
        ]
    lines.append(
        f"{lang}: time per message (danger check, roles and matching) p50 {statistics.median(wall):.3f} ms, "
        f"p99 {percentile(wall, 99):.3f} ms (CPU p99 {percentile(cpu, 99):.3f} ms)"
    )
    if cases:
        lines.append(
            f"{lang}: top-1 by role: " + _by_category(cases, lambda c: _first(answers[c.text]) in c.expected, "role")
        )
    verdicts = {d.text: check(d.text) for d in dangers}
    crisis = [d for d in dangers if d.crisis]
    calm = [d for d in dangers if not d.crisis]
    suicide = [d for d in crisis if d.suicide]
    recall = _share(crisis, lambda d: verdicts[d.text].danger)
    asked = _share(crisis, lambda d: verdicts[d.text].danger or verdicts[d.text].unsure)
    if dangers:
        lines.append(
            f"{lang}: crisis recall {recall} (with 'are you in danger now?' asked: {asked}); "
            f"suicide recall {_share(suicide, lambda d: verdicts[d.text].suicide)}; "
            f"false alarms {_share(calm, lambda d: verdicts[d.text].danger)} "
            f"(asked on {_share(calm, lambda d: verdicts[d.text].unsure)})"
        )
    if show_misses:
        # By category only where misses are shown: a held-out category holds one or two texts, so its
        # figure would point at the very text that was missed, and invite tuning to it.
        lines += [
            f"{lang}: top-1 by category: " + _by_category(cases, lambda c: _first(answers[c.text]) in c.expected),
            f"{lang}: crisis recall by category: " + _by_category(crisis, lambda d: verdicts[d.text].danger),
            f"{lang}: false alarms by category: " + _by_category(calm, lambda d: verdicts[d.text].danger),
        ]
        for case in cases:
            found = [m.step.id for m in answers[case.text].matches[:3]]
            if not found or found[0] not in case.expected:
                lines.append(
                    f"  miss [{case.role}/{case.category}]: {case.text!r}: wanted {'/'.join(case.expected)}, "
                    f"got {', '.join(found) or 'nothing'}"
                )
        lines += [f"  missed danger [{d.category}]: {d.text!r}" for d in crisis if not verdicts[d.text].danger]
        lines += [f"  missed suicide: {d.text!r}" for d in suicide if not verdicts[d.text].suicide]
        lines += [f"  false alarm [{d.category}]: {d.text!r}" for d in calm if verdicts[d.text].danger]
    return lines


def _first(found: Answer) -> str | None:
    return found.matches[0].step.id if found.matches else None


def _accuracy(cases: list[Case], answers: dict[str, Answer]) -> str:
    if not cases:
        return "no phrasings"
    top1 = sum(_first(answers[c.text]) in c.expected for c in cases)
    top3 = sum(bool({m.step.id for m in answers[c.text].matches[:3]} & set(c.expected)) for c in cases)
    return f"{len(cases)} phrasings, top-1 {top1 / len(cases):.1%}, top-3 {top3 / len(cases):.1%}"


def _share(items: list[Any], hit: Callable[[Any], bool]) -> str:
    if not items:
        return "n/a"
    n = sum(bool(hit(item)) for item in items)
    return f"{n / len(items):.1%} ({n} of {len(items)})"


def _by_category(items: list[Any], hit: Callable[[Any], bool], key: str = "category") -> str:
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        groups[getattr(item, key) or "-"].append(item)
    return ", ".join(
        f"{name} {sum(bool(hit(i)) for i in group)}/{len(group)}" for name, group in sorted(groups.items())
    )


def _time(ask: Callable[[str], object], texts: list[str]) -> tuple[list[float], list[float]]:
    """Milliseconds per message, wall clock and CPU time (which other work on the machine does not inflate)."""
    for text in texts:
        ask(text)
    wall, cpu = [], []
    for _ in range(TIMING_ROUNDS):
        for text in texts:
            start, start_cpu = time.perf_counter(), time.thread_time()
            ask(text)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]
