"""YAML that remembers where each value stood, so problems can name a line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Key = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it (it is on PyPI's wheels): many times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Located:
    """Parsed YAML data and the line (1-based, in the whole file) of every key."""

    data: Any
    lines: dict[Key, int]
    first_line: int

    def line(self, *key: str | int) -> int:
        """The line of `key`, or of its nearest parent that has one."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.first_line


def parse(text: str, first_line: int = 1) -> Located:
    """Parse `text`, which starts at `first_line` of its file.

    Raises `yaml.YAMLError` with a mark when the text is not valid YAML.
    """
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[Key, int] = {}
    if node is not None:
        _collect(node, (), lines, first_line)
    return Located(data, lines, first_line)


def _collect(node: yaml.Node, key: Key, lines: dict[Key, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*key, key_node.value)
            lines[child] = key_node.start_mark.line + offset
            _collect(value_node, child, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*key, index)
            lines[child] = item.start_mark.line + offset
            _collect(item, child, lines, offset)
