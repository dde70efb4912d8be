"""Generate a large, valid content tree for benchmarks: `python -m benchmarks.generate DIR [--steps N]`.

The tree has the bundled services, themes and danger words, a start, and N steps
per language in a balanced tree of questions and information pages whose words are
drawn from the real content, so matching and validation do realistic work. Words
and sentences are short, so the pages pass the readability check and the service
starts on them.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FAN_OUT = 5


def _vocabulary(lang: str) -> list[str]:
    words = set()
    for path in (CONTENT / lang).glob("*.md"):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        words |= {w for w in body.split() if w.isalpha() and 3 < len(w) <= 6}
    return sorted(words)


def generate(target: Path, steps: int, seed: int = 1) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(CONTENT / "services", target / "services")
    for name in ("themes.yaml", "danger.yaml"):
        shutil.copy(CONTENT / name, target / name)
    themes = [line.split(":")[0] for line in (CONTENT / "themes.yaml").read_text().splitlines() if line[:1].isalpha()]
    for lang in ("sv", "en"):
        rng = random.Random(seed)
        words = _vocabulary(lang)
        folder = target / lang
        folder.mkdir()
        ids = ["start"] + [f"steg-{n}" for n in range(1, steps)]
        for index, step_id in enumerate(ids):
            children = ids[index * FAN_OUT + 1 : index * FAN_OUT + 1 + FAN_OUT]
            title = " ".join(rng.sample(words, 3)).capitalize()
            body = "\n\n".join(" ".join(rng.sample(words, 8)).capitalize() + "." for _ in range(6))
            keywords = json.dumps(rng.sample(words, 5), ensure_ascii=False)
            synonyms = json.dumps([" ".join(rng.sample(words, 3)) for _ in range(3)], ensure_ascii=False)
            options = "".join(f"  - text: {' '.join(rng.sample(words, 3))!r}\n    to: {child}\n" for child in children)
            if len(children) >= 2:
                front = f"kind: question\noptions:\n{options}"
            else:
                front = (
                    f"kind: info\ntheme: {themes[index % len(themes)]}\nservices: [kvinnofridslinjen]\n"
                    + (f"options:\n{options}" if children else "")
                    + "sources:\n  - title: Källa\n    url: https://www.example.org/\n    checked: 2026-11-23\n"
                    "reviewed: 2026-11-23\n"
                )
            head = f"title: {json.dumps(title, ensure_ascii=False)}\n{front}keywords: {keywords}\nsynonyms: {synonyms}"
            (folder / f"{step_id}.md").write_text(
                f"---\n{head}\n---\n{body}\n",
                encoding="utf-8",
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--steps", type=int, default=10_000)
    args = parser.parse_args()
    generate(args.target, args.steps)
    print(f"wrote {args.steps} steps per language to {args.target}")


if __name__ == "__main__":
    main()
