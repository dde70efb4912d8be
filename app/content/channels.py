"""The `channels:` of a service record: ways to reach it without speaking.

Kept apart from `load.py` because it is one small rule set: each channel needs a
kind, somewhere to go (an https address or a number to text) and its own source,
since "you can chat" is a fact like any other.
"""

from __future__ import annotations

from typing import Any

from ..languages import shared
from .fields import SOURCE_REQUIRED, SOURCE_SCHEMA, check_mapping, https, localised, phone_problem
from .model import CHANNEL_KINDS, Channel, Problem, Source
from .yamlfile import Located


def read_channels(data: Any, located: Located, path: str, problems: list[Problem]) -> tuple[Channel, ...]:
    """Every valid channel in `data`; each problem appended with its line."""
    schema = {
        "kind": lambda v: None if v in CHANNEL_KINDS else f"kind must be one of {', '.join(CHANNEL_KINDS)}",
        "url": https,
        "number": phone_problem,
        "note": localised,
        "source": lambda v: None,
    }
    if not isinstance(data, list):
        problems.append(Problem(path, located.line("channels"), "channels: must be a list of channels"))
        return ()
    found = []
    for index, item in enumerate(data):
        key = ("channels", index)
        item_problems = check_mapping(item, schema, ("kind", "source"), located, key, path, "a channel")
        if isinstance(item, dict):
            if ("url" in item) == ("number" in item):
                item_problems.append(
                    Problem(path, located.line(*key), "a channel needs either an https `url` or a `number`, not both")
                )
            if "source" in item:
                item_problems += check_mapping(
                    item["source"], SOURCE_SCHEMA, SOURCE_REQUIRED, located, (*key, "source"), path, "a source"
                )
        problems.extend(item_problems)
        if not item_problems:
            source = item["source"]
            found.append(
                Channel(
                    kind=item["kind"],
                    url=item.get("url"),
                    number=item.get("number"),
                    note=shared({lang: text.strip() for lang, text in item.get("note", {}).items()}),
                    source=Source(source["title"], source["url"], source["checked"], source.get("lang", Source.lang)),
                )
            )
    return tuple(found)
