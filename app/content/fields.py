"""Checks of one value or one mapping in the content, each saying in words what is wrong.

Shared by the step and service files (`load.py`), the silent channels and contact
points of a service (`channels.py`, `contacts.py`) and the municipalities' overlays
(`overlay.py`), so a phone number or a localised text is judged the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ..languages import LANGUAGE, written
from . import markdown
from .model import Problem, Source
from .yamlfile import Located

PHONE_PATTERN = re.compile(
    r"^(?:\+46 \d{1,3}(?: \d{2,3})+"  # from abroad: +46 8 564 851 60
    r"|0\d{1,3}-\d{2,3}(?: \d{2,3})*"  # area code and number: 020-50 50 50
    r"|1\d{2}(?: \d{2,3})*"  # short numbers: 112, 114 14, 116 111
    r"|\d{4,5}|\d{2} \d{3})$"  # national short numbers: 1177, 90101, 90 390
)
EACH_LANGUAGE = ", ".join(f"{lang}:" for lang in written())

Check = Callable[[Any], str | None]


def text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    return None


def flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def date(value: Any) -> str | None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        return "must be a date written YYYY-MM-DD"
    if value > dt.date.today():
        return f"date {value.isoformat()} is in the future"
    return None


def text_list(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return "must be a list of non-empty texts"
    return None


def https(value: Any) -> str | None:
    return text(value) or (None if value.startswith("https://") else f"URL must use https: {value}")


def phone_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not PHONE_PATTERN.match(value):
        return (
            f"malformed phone number {value!r}: write it as Swedish numbers are written, "
            "for example 112, 114 14, 116 111, 1177, 020-50 50 50 or 0771-567 567"
        )
    return None


def localised(value: Any) -> str | None:
    if not isinstance(value, dict) or set(value) != set(written()):
        return f"must give the text in each language: {EACH_LANGUAGE}"
    for item in value.values():
        if text(item):
            return "must give non-empty text in each language"
    return None


def check_mapping(
    data: Any,
    schema: dict[str, Check],
    required: tuple[str, ...],
    located: Located,
    key: tuple[str | int, ...],
    path: str,
    what: str,
) -> list[Problem]:
    """Unknown keys, missing keys and wrong values of one mapping."""
    if not isinstance(data, dict):
        return [Problem(path, located.line(*key), f"{what} must be a set of `key: value` lines")]
    problems = []
    for name in data:
        if name not in schema:
            known = ", ".join(schema)
            problems.append(
                Problem(path, located.line(*key, name), f"unknown key {name!r} in {what} (known keys: {known})")
            )
    for name in required:
        if name not in data:
            problems.append(Problem(path, located.line(*key), f"{what} is missing {name!r}"))
    for name, check in schema.items():
        if name in data and (message := check(data[name])):
            problems.append(Problem(path, located.line(*key, name), f"{name}: {message}"))
    return problems


def language_tag(value: Any) -> str | None:
    tags = sorted({language.html_lang for language in LANGUAGE.values()})
    return None if value in tags else f"must be the tag of a language of the guide: {', '.join(tags)}"


def marked_languages(
    data: Any, schema: dict[str, Check], located: Located, key: tuple[str | int, ...], path: str
) -> list[Problem]:
    """Each `[words]{lang=xx}` in a localised text must mark another language of the guide than the text's."""
    problems = []
    tags = {language.html_lang for language in LANGUAGE.values()}
    for name, check in schema.items():
        texts = data.get(name) if isinstance(data, dict) and check is localised else None
        for lang, said in texts.items() if isinstance(texts, dict) else ():
            others = tags - {LANGUAGE[lang].html_lang} if lang in LANGUAGE else tags
            for tag in markdown.marked_languages(str(said)):
                if tag not in others:
                    problems.append(
                        Problem(
                            path,
                            located.line(*key, name, lang),
                            f"{{lang={tag}}} marks no other language of the guide: use {', '.join(sorted(others))}",
                        )
                    )
    return problems


# A source's `lang` is the language of its title, when that is not Swedish.
SOURCE_SCHEMA: dict[str, Check] = {"title": text, "url": https, "checked": date, "lang": language_tag}
SOURCE_REQUIRED = ("title", "url", "checked")


def sources(
    data: Any, located: Located, path: str, problems: list[Problem], key: tuple[str | int, ...] = ()
) -> tuple[Source, ...]:
    """The sources of a step or service at `key`, each checked; the faulty ones are left out with their problems."""
    found = []
    for index, item in enumerate(data if isinstance(data, list) else ()):
        item_problems = check_mapping(
            item, SOURCE_SCHEMA, SOURCE_REQUIRED, located, (*key, "sources", index), path, "a source"
        )
        problems.extend(item_problems)
        if not item_problems:
            found.append(Source(item["title"], item["url"], item["checked"], item.get("lang", Source.lang)))
    return tuple(found)
