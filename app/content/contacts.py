"""The `contacts:` of a service record: several ways to reach one service, each with its name and hours.

A municipality's social services answer on one number by day and the socialjour on
another at night; a local shelter may take SMS and email. Each contact point is its
own tappable link with its own hours, so the one that works now can be found at 2 am.
Kept apart from `load.py` like `channels.py`: one small rule set.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from .fields import check_mapping, https, localised
from .model import CONTACT_KINDS, Contact, Problem
from .yamlfile import Located

EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# What each kind of contact point is reached by.
VALUE_KEY = {"phone": "number", "sms": "number", "email": "email", "form": "url", "chat": "url"}


def read_contacts(
    data: Any, located: Located, key: tuple[str | int, ...], path: str, phone: Callable[[Any], str | None]
) -> tuple[tuple[Contact, ...], list[Problem]]:
    """Every contact point in `data`, or the problems with their lines; `phone` checks a number."""

    def email(value: Any) -> str | None:
        return None if isinstance(value, str) and EMAIL.match(value) else f"not an email address: {value!r}"

    schema = {
        "kind": lambda v: None if v in CONTACT_KINDS else f"kind must be one of {', '.join(CONTACT_KINDS)}",
        "name": localised,
        "number": phone,
        "email": email,
        "url": https,
        "hours": localised,
    }
    if not isinstance(data, list) or not data:
        return (), [Problem(path, located.line(*key, "contacts"), "contacts: a list of contact points")]
    problems: list[Problem] = []
    found = []
    for index, item in enumerate(data):
        where = (*key, "contacts", index)
        item_problems = check_mapping(item, schema, ("kind", "name"), located, where, path, "a contact point")
        if isinstance(item, dict) and item.get("kind") in VALUE_KEY:
            wanted = VALUE_KEY[item["kind"]]
            given = [name for name in ("number", "email", "url") if name in item]
            if given != [wanted]:
                item_problems.append(
                    Problem(
                        path,
                        located.line(*where),
                        f"a {item['kind']} contact point needs `{wanted}:` and nothing else of number, email, url",
                    )
                )
        problems += item_problems
        if not item_problems:
            found.append(
                Contact(
                    kind=item["kind"],
                    name=MappingProxyType({lang: text.strip() for lang, text in item["name"].items()}),
                    value=item[VALUE_KEY[item["kind"]]],
                    hours=MappingProxyType({lang: text.strip() for lang, text in item.get("hours", {}).items()}),
                )
            )
    return tuple(found), problems
