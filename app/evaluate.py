"""How well free text finds its step: `python -m app eval`.

The evaluation set lives in tests/eval/: phrasings written the way people write
(misspelt, without å/ä/ö, mixed Swedish and English, vague), each with the steps
that would be a right answer, and danger phrasings with near-misses. The figures
are printed, never asserted: they guide the work on synonyms and matching.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from .content.model import Guide
from .engine import Engine

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval"
TIMING_ROUNDS = 20


@dataclass(frozen=True)
class Case:
    text: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    lang: str
    cases: int
    top1: float
    top3: float
    misses: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    p50_ms: float
    p99_ms: float
    cpu_p99_ms: float


def load_cases(lang: str, directory: Path = EVAL_DIR) -> list[Case]:
    data = yaml.safe_load((directory / f"{lang}.yaml").read_text(encoding="utf-8"))
    return [Case(item["q"], tuple(item["expect"])) for item in data]


def load_danger(directory: Path = EVAL_DIR) -> dict:
    return yaml.safe_load((directory / "danger.yaml").read_text(encoding="utf-8"))


def matching(engine: Engine, lang: str, cases: list[Case]) -> Report:
    index = engine.index(lang)
    hits1 = hits3 = 0
    misses = []
    for case in cases:
        found = tuple(m.step.id for m in index.search(case.text)[:3])
        hits1 += bool(found) and found[0] in case.expected
        hits3 += bool(set(found) & set(case.expected))
        if not found or found[0] not in case.expected:
            misses.append((case.text, case.expected, found))
    wall, cpu = _time(index.search, [case.text for case in cases])
    return Report(
        lang,
        len(cases),
        hits1 / len(cases),
        hits3 / len(cases),
        tuple(misses),
        statistics.median(wall),
        percentile(wall, 99),
        percentile(cpu, 99),
    )


def danger(engine: Engine, lang: str, phrases: list[str], near_misses: list[str]) -> tuple[float, float, list, list]:
    """(recall, false-alarm rate, missed phrases, false alarms)."""
    check = engine.danger(lang)
    missed = [text for text in phrases if not check(text)[0]]
    alarms = [text for text in near_misses if check(text)[0]]
    return 1 - len(missed) / len(phrases), len(alarms) / len(near_misses), missed, alarms


def _time(search, texts: list[str]) -> tuple[list[float], list[float]]:
    """Milliseconds per query, wall clock and CPU time (which other work on the machine does not inflate)."""
    for text in texts:
        search(text)
    wall, cpu = [], []
    for _ in range(TIMING_ROUNDS):
        for text in texts:
            start, start_cpu = time.perf_counter(), time.thread_time()
            search(text)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def run(guide: Guide, directory: Path = EVAL_DIR) -> str:
    """The evaluation as text: the tuning set with its misses, then the held-out set's figures only.

    The held-out set (tests/eval/holdout) was written without seeing the synonyms or
    the tuning set. Its misses are not printed, so nobody tunes against them and its
    figures stay an honest estimate of phrasings nobody has seen.
    """
    lines = ["tuning set (tests/eval): synonyms and danger words were improved against its misses"]
    lines += _report(guide, directory, show_misses=True)
    lines += ["held-out set (tests/eval/holdout): written blind; only figures are shown"]
    lines += _report(guide, directory / "holdout", show_misses=False)
    return "\n".join(lines) + "\n"


def _report(guide: Guide, directory: Path, show_misses: bool) -> list[str]:
    lines = []
    danger_set = load_danger(directory)
    engine = Engine(guide)
    for lang in ("sv", "en"):
        report = matching(engine, lang, load_cases(lang, directory))
        recall, false_alarms, missed, alarms = danger(
            engine, lang, danger_set[lang]["danger"], danger_set[lang]["near_misses"]
        )
        lines += [
            f"{lang}: {report.cases} phrasings: top-1 {report.top1:.1%}, top-3 {report.top3:.1%}; "
            f"time per query p50 {report.p50_ms:.3f} ms, p99 {report.p99_ms:.3f} ms "
            f"(CPU p99 {report.cpu_p99_ms:.3f} ms)",
            f"{lang}: danger recall {recall:.1%} of {len(danger_set[lang]['danger'])}, "
            f"false alarms {false_alarms:.1%} of {len(danger_set[lang]['near_misses'])}",
        ]
        if show_misses:
            for text, expected, found in report.misses:
                lines.append(f"  miss: {text!r}: wanted {'/'.join(expected)}, got {', '.join(found) or 'nothing'}")
            lines += [f"  missed danger: {text!r}" for text in missed]
            lines += [f"  false alarm: {text!r}" for text in alarms]
    return lines
