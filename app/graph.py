"""The flow as a Graphviz DOT picture, so a reviewer can see the whole tree."""

from __future__ import annotations

import json

from .content.model import INFO, QUESTION, START, Guide

SHAPES = {QUESTION: "diamond", INFO: "box"}


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def to_dot(guide: Guide, lang: str) -> str:
    """DOT for one language: the start a double circle, questions diamonds, information boxes."""
    tree = guide.tree(lang)
    lines = [
        f"digraph {_quote('vagvisaren-' + lang)} {{",
        "  rankdir=LR;",
        '  node [fontname="sans-serif", fontsize=10];',
        '  edge [fontname="sans-serif", fontsize=9];',
    ]
    for step in tree.steps.values():
        shape = "doublecircle" if step.id == START else SHAPES[step.kind]
        lines.append(f"  {_quote(step.id)} [label={_quote(step.title)}, shape={shape}];")
    for step in tree.steps.values():
        for option in step.options:
            lines.append(f"  {_quote(step.id)} -> {_quote(option.target)} [label={_quote(option.text)}];")
        if step.next:
            lines.append(f"  {_quote(step.id)} -> {_quote(step.next)} [style=dashed];")
    lines.append("}")
    return "\n".join(lines) + "\n"
