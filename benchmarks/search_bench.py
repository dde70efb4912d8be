"""Free-text matching on a large guide: `python -m benchmarks.search_bench [--steps N] [--rounds R]`.

Generates N steps per language (10,000 unless told) with `benchmarks.generate`,
reads them straight from the files (the generated pages are not meant to pass
the readability check, so this does not go through `load_guide`), builds each
language's index, and times the real guide's examples (content/examples/) against it.
It prints figures only: how long the build took and the time per query, as wall
clock and as CPU time (which other work on the machine does not inflate).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from types import MappingProxyType

from app.content.load import read
from app.content.model import LANGUAGES, Tree
from app.evaluate import percentile
from app.search import Index

from .generate import generate


def trees(directory: Path) -> dict[str, Tree]:
    files = read(directory)
    return {lang: Tree(lang, MappingProxyType(files.steps[lang])) for lang in LANGUAGES}


def timed(index: Index, texts: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """Milliseconds per query, wall clock and CPU, after one round to warm up."""
    for text in texts:
        index.search(text)
    wall, cpu = [], []
    for _ in range(rounds):
        for text in texts:
            start, start_cpu = time.perf_counter(), time.thread_time()
            index.search(text)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    examples = read(Path(__file__).resolve().parent.parent / "content").examples
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        generate(Path(folder), args.steps)
        loaded = trees(Path(folder))
        print(f"generated and read {args.steps} steps per language in {time.perf_counter() - started:.1f} s")
        for lang in LANGUAGES:
            other = next(other for other in LANGUAGES if other != lang)
            started = time.perf_counter()
            index = Index(loaded[lang], lang, twin=loaded[other])
            built = time.perf_counter() - started
            texts = [example.text for example in examples.get(lang, ())]
            wall, cpu = timed(index, texts, args.rounds)
            print(
                f"{lang}: {len(loaded[lang].steps)} steps, index built in {built:.1f} s; "
                f"{len(texts)} queries × {args.rounds}: per query p50 {percentile(wall, 50):.3f} ms, "
                f"p99 {percentile(wall, 99):.3f} ms (CPU p50 {percentile(cpu, 50):.3f} ms, "
                f"p99 {percentile(cpu, 99):.3f} ms)"
            )


if __name__ == "__main__":
    main()
